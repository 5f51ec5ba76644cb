using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class SlugRedirectsOnSqlite(SqliteApi api) : SlugRedirectTests(api), IClassFixture<SqliteApi>;

public sealed class SlugRedirectsOnPostgres(PostgresApi api) : SlugRedirectTests(api), IClassFixture<PostgresApi>;

public sealed class PublicSlugRedirectsOnSqlite(PublicSqliteApi api) : PublicSlugRedirectTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicSlugRedirectsOnPostgres(PublicPostgresApi api) : PublicSlugRedirectTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>Links in the wild point at a published article's slug: when the slug changes, the old one redirects.</summary>
public abstract class SlugRedirectTests(NewsApiFactory api) : ApiTest(api)
{
    /// <summary>Sees the 301 itself instead of following it.</summary>
    // Made on first use: a field initializer runs before the base constructor can skip an unconfigured leg.
    private HttpClient NoRedirects => field ??= Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task APublishedArticlesOldSlugAnswers301WithTheLocationOfItsNewOne()
    {
        var (article, oldSlug) = await CreatePublishedAsync();
        var newSlug = NewSlug();

        var patched = await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);
        var response = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel);

        Assert.Equal(newSlug, (string?)patched["slug"]);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/api/v1/articles/slug/{newSlug}", response.Headers.Location?.OriginalString);
        var followed = await (await Editor.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(article.Id(), followed.Id());
        Assert.Equal(newSlug, (string?)followed["slug"]);
        var upperCase = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug.ToUpperInvariant()}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, upperCase.StatusCode);
        Assert.Equal($"/api/v1/articles/slug/{newSlug}", upperCase.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EveryEarlierSlugRedirectsStraightToTheCurrentOne()
    {
        var (article, first) = await CreatePublishedAsync();
        var second = NewSlug();
        var third = NewSlug();
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = second })).ReadJsonAsync(HttpStatusCode.OK);
        await (await Editor.PutJsonAsync($"/api/v1/articles/{article.Id()}", new
        {
            title = (string)article["title"]!, body = "Some *Markdown*.", excerpt = "An excerpt for the card.", slug = third,
            authorIds = article["authors"]!.AsArray().Select(a => a!.Id()).ToArray(),
        })).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var old in new[] { first, second })
        {
            var response = await NoRedirects.GetAsync($"/api/v1/articles/slug/{old}", Cancel);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/api/v1/articles/slug/{third}", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task AnotherArticleCannotTakeAnOldSlug()
    {
        var (article, oldSlug) = await CreatePublishedAsync();
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = NewSlug() })).ReadJsonAsync(HttpStatusCode.OK);
        var other = await Editor.CreateArticleAsync();

        var created = await Editor.PostJsonAsync("/api/v1/articles", new
        {
            title = "A newcomer", slug = oldSlug, authorIds = other["authors"]!.AsArray().Select(a => a!.Id()).ToArray(),
        });
        var patched = await Editor.PatchAsync($"/api/v1/articles/{other.Id()}", new { slug = oldSlug });

        await created.ReadProblemAsync(HttpStatusCode.Conflict);
        await patched.ReadProblemAsync(HttpStatusCode.Conflict);
        var stillRedirects = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, stillRedirects.StatusCode);
    }

    [Fact]
    public async Task AnArticleCanTakeItsOldSlugBack()
    {
        var (article, oldSlug) = await CreatePublishedAsync();
        var newSlug = NewSlug();
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);

        var back = await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = oldSlug })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(oldSlug, (string?)back["slug"]);
        var current = await (await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(article.Id(), current.Id());
        // The slug it just left is the one that now redirects.
        var left = await NoRedirects.GetAsync($"/api/v1/articles/slug/{newSlug}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, left.StatusCode);
        Assert.Equal($"/api/v1/articles/slug/{oldSlug}", left.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADraftsSlugChangeLeavesNoRedirectAndFreesTheOldSlug()
    {
        var draft = await Editor.CreateArticleAsync();
        var oldSlug = (string)draft["slug"]!;

        await (await Editor.PatchAsync($"/api/v1/articles/{draft.Id()}", new { slug = NewSlug() })).ReadJsonAsync(HttpStatusCode.OK);

        await (await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        var successor = await Editor.CreateArticleAsync(new { slug = oldSlug });
        Assert.Equal(oldSlug, (string?)successor["slug"]);
    }

    [Fact]
    public async Task AfterAPermanentDeleteTheOldSlugIs404AndFree()
    {
        var (article, oldSlug) = await CreatePublishedAsync();
        var newSlug = NewSlug();
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true", Cancel)).StatusCode);

        await (await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await NoRedirects.GetAsync($"/api/v1/articles/slug/{newSlug}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        var successor = await Editor.CreateArticleAsync(new { slug = oldSlug });
        Assert.Equal(oldSlug, (string?)successor["slug"]);
    }

    [Fact]
    public async Task ATrashedArticlesOldSlugIs404UntilItIsRestored()
    {
        var (article, oldSlug) = await CreatePublishedAsync();
        var newSlug = NewSlug();
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}", Cancel)).StatusCode);

        await (await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        var other = await Editor.CreateArticleAsync();
        await (await Editor.PatchAsync($"/api/v1/articles/{other.Id()}", new { slug = oldSlug })).ReadProblemAsync(HttpStatusCode.Conflict);

        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var response = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/api/v1/articles/slug/{newSlug}", response.Headers.Location?.OriginalString);
    }

    private async Task<(JsonNode Article, string Slug)> CreatePublishedAsync()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        return (article, (string)article["slug"]!);
    }

    private static string NewSlug() => $"renamed-{Guid.NewGuid():N}";
}

/// <summary>Readers follow old slugs of what they may see, and learn nothing about what they may not.</summary>
public abstract class PublicSlugRedirectTests(NewsApiFactory api) : ApiTest(api)
{
    // Made on first use: a field initializer runs before the base constructor can skip an unconfigured leg.
    private HttpClient NoRedirects => field ??= Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task ReadersAreRedirectedFromAPublishedArticlesOldSlug()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var oldSlug = (string)article["slug"]!;
        var newSlug = $"renamed-{Guid.NewGuid():N}";

        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);

        var response = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/api/v1/articles/slug/{newSlug}", response.Headers.Location?.OriginalString);
        var followed = await (await Client.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(article.Id(), followed.Id());
    }

    [Fact]
    public async Task AnOldSlugOfAnArticleReadersCannotSeeIs404()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var oldSlug = (string)article["slug"]!;
        var newSlug = $"renamed-{Guid.NewGuid():N}";
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).ReadJsonAsync(HttpStatusCode.OK);

        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/unpublish", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var response = await NoRedirects.GetAsync($"/api/v1/articles/slug/{oldSlug}", Cancel);
        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(newSlug, problem.ToJsonString());
    }
}
