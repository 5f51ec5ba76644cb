using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NewsApi.Tests.Feeds;
using NewsApi.Tests.Infrastructure;
using NewsApi.Tests.Sitemaps;

namespace NewsApi.Tests.Site;

public sealed class SeedStoryOnSqlite(SiteSqliteApi api) : SeedStoryTests(api), IClassFixture<SiteSqliteApi>;

public sealed class SeedStoryOnPostgres(SitePostgresApi api) : SeedStoryTests(api), IClassFixture<SitePostgresApi>;

/// <summary>
/// The story the project started from, in every open-web format: a "News Desk" byline, sourced from Dawn, with an
/// image credited "Image via X/@ForeignOfficePk".
/// </summary>
public abstract class SeedStoryTests(NewsApiFactory api) : ApiTest(api)
{
    private const string Credit = "Image via X/@ForeignOfficePk";
    private const string DawnStory = "https://www.dawn.com/news/1900000/pakistan-and-afghanistan-agree-to-reopen-border-crossings";

    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<PublishedArticle> PublishSeedStoryAsync()
    {
        var desk = await Editor.CreateAuthorAsync("News Desk");
        var dawn = await (await Editor.PostJsonAsync("/api/v1/sources", new { name = TestData.Unique("Dawn"), homepageUrl = "https://www.dawn.com" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var tag = await Editor.CreateTagAsync(TestData.Unique("Pakistan"));
        return new PublishedArticle(await Editor.CreatePublishedArticleAsync(new
        {
            title = TestData.Unique("Pakistan and Afghanistan agree to reopen border crossings"),
            excerpt = "Trade through Torkham and Chaman is to resume after talks in Islamabad.",
            body = "Officials from both countries met in **Islamabad** on Tuesday.",
            authorIds = new[] { desk.Id() },
            sourceId = dawn.Id(),
            sourceUrl = DawnStory,
            tagIds = new[] { tag.Id() },
            featuredImage = new { url = "https://images.example.com/2026/06/torkham.jpg", alt = "Trucks queue at the Torkham crossing", credit = Credit },
        }));
    }

    private async Task<string> ReadAsync(string path)
    {
        var response = await _reader.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task TheSeedStoryComesOutRightInEveryFormat()
    {
        var story = await PublishSeedStoryAsync();
        var tag = (string)story.Json["tags"]![0]!["slug"]!;

        // RSS
        var rssPath = $"/feeds/tags/{tag}.rss";
        var rss = FeedValidation.CheckRss(await ReadAsync(rssPath), SiteSettings.BaseUrl + rssPath).Root!.Element("channel")!.Element("item")!;
        Assert.Equal(story.SiteUrl, (string?)rss.Element("link"));
        Assert.Equal(story.Id, (string?)rss.Element("guid"));
        Assert.Equal("News Desk", (string?)rss.Element(FeedValidation.Dc + "creator"));
        Assert.Equal(DawnStory, (string?)rss.Element("source")!.Attribute("url"));
        Assert.StartsWith("Dawn", (string?)rss.Element("source"));
        Assert.Equal(Credit, (string?)rss.Element(FeedValidation.Media + "content")!.Element(FeedValidation.Media + "credit"));

        // Atom
        var atomPath = $"/feeds/tags/{tag}.atom";
        var atomBody = await ReadAsync(atomPath);
        var atom = FeedValidation.CheckAtom(atomBody, SiteSettings.BaseUrl + atomPath).Root!.Element(FeedValidation.Atom + "entry")!;
        Assert.Equal("News Desk", (string?)atom.Element(FeedValidation.Atom + "author")!.Element(FeedValidation.Atom + "name"));
        Assert.Equal(DawnStory, (string?)atom.Elements(FeedValidation.Atom + "link").Single(l => (string?)l.Attribute("rel") == "via").Attribute("href"));
        Assert.Equal(Credit, (string?)atom.Element(FeedValidation.Media + "content")!.Element(FeedValidation.Media + "credit"));
        Assert.Equal(story.SiteUrl, FeedValidation.LoadWithSyndication(atomBody).Items.Single().Links.First().Uri.ToString());

        // JSON Feed
        var jsonPath = $"/feeds/tags/{tag}.json";
        var item = FeedValidation.CheckJsonFeed(await ReadAsync(jsonPath), SiteSettings.BaseUrl + jsonPath)["items"]![0]!;
        Assert.Equal("News Desk", (string?)item["authors"]![0]!["name"]);
        Assert.Equal(DawnStory, (string?)item["external_url"]);
        Assert.Equal(Credit, (string?)item["_image"]!["credit"]);

        // JSON-LD: the desk is an organisation, the story is based on Dawn's.
        var jsonLd = JsonNode.Parse(await ReadAsync($"/api/v1/articles/slug/{story.Slug}/jsonld"))!;
        Assert.Equal("Organization", (string?)jsonLd["author"]![0]!["@type"]);
        Assert.Equal("News Desk", (string?)jsonLd["author"]![0]!["name"]);
        Assert.Equal(DawnStory, (string?)jsonLd["isBasedOn"]);
        Assert.Equal(Credit, (string?)jsonLd["image"]!["creditText"]);
        Assert.Equal(story.SiteUrl, (string?)jsonLd["url"]);

        // Google News sitemap
        var news = SitemapSchemas.Validate(await ReadAsync("/sitemap-news.xml")).Root!.Elements(SitemapSchemas.Sitemap + "url")
            .Single(u => (string?)u.Element(SitemapSchemas.Sitemap + "loc") == story.SiteUrl);
        Assert.Equal(story.Title, (string?)news.Element(SitemapSchemas.News + "news")!.Element(SitemapSchemas.News + "title"));

        // Article sitemap
        var sitemap = SitemapSchemas.Validate(await ReadAsync("/sitemaps/articles-1.xml"));
        Assert.Contains(sitemap.Root!.Elements(SitemapSchemas.Sitemap + "url"), u => (string?)u.Element(SitemapSchemas.Sitemap + "loc") == story.SiteUrl);
    }
}
