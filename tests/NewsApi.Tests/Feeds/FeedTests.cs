using System.Net;
using System.ServiceModel.Syndication;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Feeds;

public sealed class FeedsOnSqlite(SiteSqliteApi api) : FeedTests(api), IClassFixture<SiteSqliteApi>;

public sealed class FeedsOnPostgres(SitePostgresApi api) : FeedTests(api), IClassFixture<SitePostgresApi>;

/// <summary>RSS, Atom and JSON Feed: valid by outside rules, every item field in place, cached and evicted.</summary>
public abstract class FeedTests(NewsApiFactory api) : ApiTest(api)
{
    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<(string Tag, string Author, string Source, PublishedArticle Article)> PublishedStoryAsync()
    {
        var tag = await Editor.CreateTagAsync();
        var second = await Editor.CreateTagAsync();
        var author = await Editor.CreateAuthorAsync();
        var source = await Editor.CreateSourceAsync();
        var article = await Editor.CreatePublishedArticleAsync(new
        {
            title = TestData.Unique("Grid <switch> & \"more\""),
            excerpt = "The switch-over took place at dawn.",
            body = "The switch-over took place **at dawn**.",
            authorIds = new[] { author.Id() },
            tagIds = new[] { tag.Id(), second.Id() },
            sourceId = source.Id(),
            sourceUrl = "https://wire.example.com/2026/06/grid",
            featuredImage = new { url = "https://images.example.com/grid.jpg", alt = "A substation", caption = "Near Tallinn", credit = "Image via X/@elering" },
        });
        return ((string)tag["slug"]!, (string)author["slug"]!, (string)source["slug"]!, new PublishedArticle(article));
    }

    public static IEnumerable<TheoryDataRow<string, string>> Formats() =>
    [
        new("rss", "application/rss+xml"),
        new("atom", "application/atom+xml"),
        new("json", "application/feed+json"),
    ];

    private async Task<string> ReadFeedAsync(string path, string contentType)
    {
        var response = await _reader.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return body;
    }

    private async Task<List<string>> TitlesAsync(string rssPath) =>
        XDocument.Parse(await ReadFeedAsync(rssPath, "application/rss+xml")).Root!.Element("channel")!.Elements("item")
            .Select(i => (string)i.Element("title")!).ToList();

    private static void Validate(string format, string body, string path)
    {
        var self = SiteSettings.BaseUrl + path;
        switch (format)
        {
            case "rss":
                FeedValidation.CheckRss(body, self);
                Assert.NotNull(FeedValidation.LoadWithSyndication(body));
                break;
            case "atom":
                FeedValidation.CheckAtom(body, self);
                Assert.NotNull(FeedValidation.LoadWithSyndication(body));
                break;
            default:
                FeedValidation.CheckJsonFeed(body, self);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EveryFeedOfEveryScopeIsValid(string format, string contentType)
    {
        var (tag, author, source, _) = await PublishedStoryAsync();
        foreach (var path in new[]
                 {
                     $"/feeds/articles.{format}", $"/feeds/tags/{tag}.{format}", $"/feeds/authors/{author}.{format}",
                     $"/feeds/sources/{source}.{format}",
                 })
        {
            Validate(format, await ReadFeedAsync(path, contentType), path);
        }
    }

    [Fact]
    public async Task AnRssItemCarriesEveryField()
    {
        var (tag, _, _, article) = await PublishedStoryAsync();
        var body = await ReadFeedAsync($"/feeds/tags/{tag}.rss", "application/rss+xml");

        var feed = FeedValidation.LoadWithSyndication(body);
        var item = Assert.Single(feed.Items);
        Assert.Equal(article.Title, item.Title.Text);
        Assert.Equal(article.SiteUrl, item.Links.Single().Uri.ToString());
        Assert.Equal(article.Id, item.Id);
        Assert.Equal(article.PublishedAt, item.PublishDate.UtcDateTime);
        Assert.Equal(["Tag"], item.Categories.Select(c => c.Name[..3]).Distinct());
        Assert.Equal("The switch-over took place at dawn.", item.Summary.Text);

        var xml = XDocument.Parse(body).Root!.Element("channel")!.Element("item")!;
        Assert.Equal("<p>The switch-over took place <strong>at dawn</strong>.</p>\n", (string?)xml.Element(FeedValidation.Content + "encoded"));
        Assert.Equal(article.AuthorName, (string?)xml.Element(FeedValidation.Dc + "creator"));
        Assert.Equal(article.UpdatedAt, DateTime.Parse((string)xml.Element(FeedValidation.Atom + "updated")!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        var media = xml.Element(FeedValidation.Media + "content")!;
        Assert.Equal("https://images.example.com/grid.jpg", (string?)media.Attribute("url"));
        Assert.Equal("Image via X/@elering", (string?)media.Element(FeedValidation.Media + "credit"));
        Assert.Equal("Near Tallinn", (string?)media.Element(FeedValidation.Media + "description"));
        Assert.Equal("https://wire.example.com/2026/06/grid", (string?)xml.Element("source")!.Attribute("url"));
        Assert.StartsWith(SiteSettings.BaseUrl + "/topics/", (string?)xml.Element("category")!.Attribute("domain"));
    }

    [Fact]
    public async Task AnAtomEntryCarriesEveryField()
    {
        var (tag, _, _, article) = await PublishedStoryAsync();
        var body = await ReadFeedAsync($"/feeds/tags/{tag}.atom", "application/atom+xml");

        var item = Assert.Single(FeedValidation.LoadWithSyndication(body).Items);
        Assert.Equal($"urn:uuid:{article.Id}", item.Id);
        Assert.Equal(article.Title, item.Title.Text);
        Assert.Equal(article.SiteUrl, item.Links.First(l => l.RelationshipType == "alternate").Uri.ToString());
        Assert.Equal(article.PublishedAt, item.PublishDate.UtcDateTime);
        Assert.Equal(article.UpdatedAt, item.LastUpdatedTime.UtcDateTime);
        Assert.Equal(article.AuthorName, item.Authors.Single().Name);
        Assert.Equal(2, item.Categories.Count);
        Assert.Equal("The switch-over took place at dawn.", item.Summary.Text);
        Assert.Equal("<p>The switch-over took place <strong>at dawn</strong>.</p>\n", ((TextSyndicationContent)item.Content).Text);
        Assert.Equal("html", item.Content.Type);
        var entry = XDocument.Parse(body).Root!.Element(FeedValidation.Atom + "entry")!;
        Assert.Equal("Image via X/@elering", (string?)entry.Element(FeedValidation.Media + "content")!.Element(FeedValidation.Media + "credit"));
    }

    [Fact]
    public async Task AJsonFeedItemCarriesEveryField()
    {
        var (tag, _, _, article) = await PublishedStoryAsync();
        var path = $"/feeds/tags/{tag}.json";
        var feed = FeedValidation.CheckJsonFeed(await ReadFeedAsync(path, "application/feed+json"), SiteSettings.BaseUrl + path);

        var item = Assert.Single(feed["items"]!.AsArray())!;
        Assert.Equal(article.Id, (string?)item["id"]);
        Assert.Equal(article.SiteUrl, (string?)item["url"]);
        Assert.Equal(article.Title, (string?)item["title"]);
        Assert.Equal("The switch-over took place at dawn.", (string?)item["summary"]);
        Assert.Equal("<p>The switch-over took place <strong>at dawn</strong>.</p>\n", (string?)item["content_html"]);
        Assert.Equal("https://wire.example.com/2026/06/grid", (string?)item["external_url"]);
        Assert.Equal(article.AuthorName, (string?)item["authors"]![0]!["name"]);
        Assert.Equal(2, item["tags"]!.AsArray().Count);
        Assert.Equal("https://images.example.com/grid.jpg", (string?)item["image"]);
        Assert.Equal("Image via X/@elering", (string?)item["_image"]!["credit"]);
        Assert.Equal("en-GB", (string?)feed["language"]);
    }

    [Fact]
    public async Task FeedsHoldOnlyPublicArticlesNewestFirstAtMostFifty()
    {
        var tag = await Editor.CreateTagAsync();
        var ids = new List<string>();
        for (var i = 0; i < 52; i++)
        {
            ids.Add((await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } })).Id());
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() } });
        await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, publishAt: Api.Clock.GetUtcNow().AddDays(1));

        var feed = FeedValidation.CheckJsonFeed(await ReadFeedAsync($"/feeds/tags/{tag["slug"]}.json", "application/feed+json"),
            $"{SiteSettings.BaseUrl}/feeds/tags/{tag["slug"]}.json");

        Assert.Equal(ids.AsEnumerable().Reverse().Take(50), feed["items"]!.AsArray().Select(i => (string)i!["id"]!));
    }

    [Fact]
    public async Task AFeedAnswersWithAnETagAndA304()
    {
        var (tag, _, _, _) = await PublishedStoryAsync();
        var first = await _reader.GetAsync($"/feeds/tags/{tag}.atom", Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.StartsWith("public", first.Headers.CacheControl?.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, $"/feeds/tags/{tag}.atom");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag);
        var second = await _reader.SendAsync(again, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task FeedsComeFromTheOutputCacheAndPublishingEditingAndUnpublishingEvictThem()
    {
        var (tag, _, _, article) = await PublishedStoryAsync();
        var path = $"/feeds/tags/{tag}.rss";
        Assert.Contains(article.Title, await TitlesAsync(path));

        // Changed behind the API: the cached feed is still served.
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            var id = Guid.Parse(article.Id);
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Behind the API"), Cancel);
        }
        Assert.DoesNotContain("Behind the API", await TitlesAsync(path));

        // An edit through the API evicts it.
        var edited = TestData.Unique("Edited title");
        Assert.Equal(HttpStatusCode.OK, (await Editor.PatchAsync($"/api/v1/articles/{article.Id}", new { title = edited })).StatusCode);
        Assert.Contains(edited, await TitlesAsync(path));

        // A new article with the tag joins the feed.
        var tagId = (string)(await (await Editor.GetAsync($"/api/v1/tags/slug/{tag}", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["id"]!;
        var newer = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tagId } });
        Assert.Contains((string)newer["title"]!, await TitlesAsync(path));

        // Unpublished, it leaves.
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsync($"/api/v1/articles/{newer.Id()}/unpublish", null, Cancel)).StatusCode);
        Assert.DoesNotContain((string)newer["title"]!, await TitlesAsync(path));
    }

    [Fact]
    public async Task AFeedOfAnUnknownTagIsA404Problem()
    {
        var problem = await (await _reader.GetAsync("/feeds/tags/no-such-tag.rss", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-tag", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/feeds/articles.xml", Cancel)).StatusCode);
    }
}
