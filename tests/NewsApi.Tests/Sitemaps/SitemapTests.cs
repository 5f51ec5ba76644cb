using System.Net;
using System.Xml.Linq;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Sitemaps;

public sealed class SitemapsOnSqlite(SiteSqliteApi api) : SitemapTests(api), IClassFixture<SiteSqliteApi>;

public sealed class SitemapsOnPostgres(SitePostgresApi api) : SitemapTests(api), IClassFixture<SitePostgresApi>;

/// <summary>The sitemap index, its article, tag, author and source sitemaps and the News sitemap, against the XSDs.</summary>
public abstract class SitemapTests(NewsApiFactory api) : ApiTest(api)
{
    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<XDocument> ReadAsync(string path)
    {
        var response = await _reader.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return SitemapSchemas.Validate(body);
    }

    private static string PathOf(string siteUrl)
    {
        Assert.StartsWith(SiteSettings.BaseUrl + "/", siteUrl);
        return siteUrl[SiteSettings.BaseUrl.Length..];
    }

    [Fact]
    public async Task TheIndexAndEverySitemapItNamesValidate()
    {
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var article = new PublishedArticle(await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() }, sourceId = source.Id() }));
        var draft = await Editor.CreateArticleAsync();

        var index = await ReadAsync("/sitemap.xml");
        var sitemaps = index.Root!.Elements(SitemapSchemas.Sitemap + "sitemap").Select(s => (string)s.Element(SitemapSchemas.Sitemap + "loc")!).ToList();
        Assert.Equal(
            [
                $"{SiteSettings.BaseUrl}/sitemaps/articles-1.xml", $"{SiteSettings.BaseUrl}/sitemaps/tags.xml",
                $"{SiteSettings.BaseUrl}/sitemaps/authors.xml", $"{SiteSettings.BaseUrl}/sitemaps/sources.xml",
            ],
            sitemaps);

        var urls = new Dictionary<string, string?>();
        foreach (var sitemap in sitemaps)
        {
            foreach (var url in (await ReadAsync(PathOf(sitemap))).Root!.Elements(SitemapSchemas.Sitemap + "url"))
            {
                urls[(string)url.Element(SitemapSchemas.Sitemap + "loc")!] = (string?)url.Element(SitemapSchemas.Sitemap + "lastmod");
            }
        }
        Assert.Equal(article.UpdatedAt, DateTime.Parse(urls[article.SiteUrl]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Contains($"{SiteSettings.BaseUrl}/topics/{tag["slug"]}", urls.Keys);
        Assert.Contains($"{SiteSettings.BaseUrl}/sources/{source.Id()}", urls.Keys);
        Assert.Contains($"{SiteSettings.BaseUrl}/people/{article.Json["authors"]![0]!["slug"]}", urls.Keys);
        Assert.DoesNotContain(urls.Keys, u => u.EndsWith("/" + (string)draft["slug"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APageBeyondTheLastIsA404Problem()
    {
        await (await _reader.GetAsync("/sitemaps/articles-2.xml", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _reader.GetAsync("/sitemaps/articles-0.xml", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheNewsSitemapHoldsWhatWasPublishedInTheLast48Hours()
    {
        var old = new PublishedArticle(await Editor.CreatePublishedArticleAsync());
        Api.Clock.Advance(TimeSpan.FromHours(47));
        var recent = new PublishedArticle(await Editor.CreatePublishedArticleAsync());
        var draft = await Editor.CreateArticleAsync();
        var scheduled = await Editor.CreatePublishedArticleAsync(publishAt: Api.Clock.GetUtcNow().AddHours(5));
        Api.Clock.Advance(TimeSpan.FromHours(2));

        var news = (await ReadAsync("/sitemap-news.xml")).Root!.Elements(SitemapSchemas.Sitemap + "url")
            .ToDictionary(u => (string)u.Element(SitemapSchemas.Sitemap + "loc")!, u => u.Element(SitemapSchemas.News + "news")!);

        Assert.DoesNotContain(old.SiteUrl, news.Keys);
        Assert.DoesNotContain(news.Keys, u => u.EndsWith("/" + (string)draft["slug"]!, StringComparison.Ordinal) || u.EndsWith("/" + (string)scheduled["slug"]!, StringComparison.Ordinal));
        var entry = news[recent.SiteUrl];
        var publication = entry.Element(SitemapSchemas.News + "publication")!;
        Assert.Equal(SiteSettings.PublicationName, (string?)publication.Element(SitemapSchemas.News + "name"));
        Assert.Equal("en", (string?)publication.Element(SitemapSchemas.News + "language"));
        Assert.Equal(recent.PublishedAt, DateTime.Parse((string)entry.Element(SitemapSchemas.News + "publication_date")!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(recent.Title, (string?)entry.Element(SitemapSchemas.News + "title"));
        Assert.True(news.Count <= 1000);
    }
}
