using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Site;

public sealed class JsonLdOnSqlite(SiteSqliteApi api) : JsonLdTests(api), IClassFixture<SiteSqliteApi>;

public sealed class JsonLdOnPostgres(SitePostgresApi api) : JsonLdTests(api), IClassFixture<SitePostgresApi>;

/// <summary>schema.org NewsArticle as JSON-LD, and the url of every resource on the site.</summary>
public abstract class JsonLdTests(NewsApiFactory api) : ApiTest(api)
{
    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<JsonNode> ReadJsonLdAsync(string path)
    {
        var response = await _reader.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task AnArticleIsANewsArticleWithEveryProperty()
    {
        var person = await Editor.CreateAuthorAsync();
        var desk = await Editor.CreateAuthorAsync(TestData.Unique("Sports") + " Desk");
        var first = await Editor.CreateTagAsync();
        var second = await Editor.CreateTagAsync();
        var title = string.Join(' ', Enumerable.Repeat("Longwinded", 15));
        var article = new PublishedArticle(await Editor.CreatePublishedArticleAsync(new
        {
            title,
            excerpt = "What happened, in one sentence.",
            authorIds = new[] { person.Id(), desk.Id() },
            tagIds = new[] { first.Id(), second.Id() },
            sourceUrl = "https://wire.example.com/story",
            featuredImage = new { url = "https://images.example.com/a.jpg", alt = "A picture", caption = "A caption", credit = "Image via X/@someone" },
        }));

        var byId = await ReadJsonLdAsync($"/api/v1/articles/{article.Id}/jsonld");
        var bySlug = await ReadJsonLdAsync($"/api/v1/articles/slug/{article.Slug}/jsonld");

        Assert.Equal(byId.ToJsonString(), bySlug.ToJsonString());
        Assert.Equal("https://schema.org", (string?)byId["@context"]);
        Assert.Equal("NewsArticle", (string?)byId["@type"]);
        var headline = (string)byId["headline"]!;
        Assert.True(headline.Length <= 110, $"{headline.Length} characters");
        Assert.EndsWith("Longwinded…", headline);
        Assert.Equal("What happened, in one sentence.", (string?)byId["description"]);
        Assert.Equal(article.SiteUrl, (string?)byId["url"]);
        Assert.Equal(article.SiteUrl, (string?)byId["mainEntityOfPage"]);
        Assert.Equal(article.PublishedAt, byId["datePublished"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(article.UpdatedAt, byId["dateModified"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal("ImageObject", (string?)byId["image"]!["@type"]);
        Assert.Equal("https://images.example.com/a.jpg", (string?)byId["image"]!["url"]);
        Assert.Equal("Image via X/@someone", (string?)byId["image"]!["creditText"]);
        Assert.Null(byId["image"]!["width"]);
        var authors = byId["author"]!.AsArray();
        Assert.Equal("Person", (string?)authors[0]!["@type"]);
        Assert.Equal($"{SiteSettings.BaseUrl}/people/{person["slug"]}", (string?)authors[0]!["url"]);
        Assert.Equal("Organization", (string?)authors[1]!["@type"]);
        Assert.Equal((string?)desk["name"], (string?)authors[1]!["name"]);
        Assert.Equal("Organization", (string?)byId["publisher"]!["@type"]);
        Assert.Equal(SiteSettings.PublicationName, (string?)byId["publisher"]!["name"]);
        Assert.Equal(SiteSettings.LogoUrl, (string?)byId["publisher"]!["logo"]!["url"]);
        Assert.Equal("https://wire.example.com/story", (string?)byId["isBasedOn"]);
        Assert.Equal((string?)first["name"], (string?)byId["articleSection"]);
        Assert.Equal([(string)first["name"]!, (string)second["name"]!], byId["keywords"]!.AsArray().Select(k => (string)k!));
        Assert.DoesNotContain("/api/", byId.ToJsonString());
    }

    [Fact]
    public async Task ADraftsJsonLdIsHiddenFromThePublic()
    {
        var draft = await Editor.CreateArticleAsync();
        await (await _reader.GetAsync($"/api/v1/articles/{draft.Id()}/jsonld", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await Editor.GetAsync($"/api/v1/articles/{draft.Id()}/jsonld", Cancel)).StatusCode);
    }

    [Fact]
    public async Task ResponsesCarryThePublicPagesUrl()
    {
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var author = await Editor.CreateAuthorAsync();
        var article = new PublishedArticle(await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { author.Id() } }));

        Assert.Equal(article.SiteUrl, (string?)(await (await _reader.GetAsync($"/api/v1/articles/{article.Id}", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["url"]);
        Assert.Equal(article.SiteUrl, (string?)article.Json["url"]);
        Assert.Equal($"{SiteSettings.BaseUrl}/topics/{tag["slug"]}", (string?)tag["url"]);
        Assert.Equal($"{SiteSettings.BaseUrl}/sources/{source.Id()}", (string?)source["url"]);
        Assert.Equal($"{SiteSettings.BaseUrl}/people/{author["slug"]}",
            (string?)(await (await _reader.GetAsync($"/api/v1/authors/{author.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["url"]);
    }

    [Fact]
    public async Task AUrlSentBackIsRefusedLikeAnyServerOwnedField()
    {
        var response = await Editor.PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag"), url = "https://elsewhere.example.com" });
        await response.ReadValidationErrorAsync("url");
    }
}
