using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class OutputCacheListsInMemoryOnSqlite(PublicSqliteApi api) : OutputCacheListTests(api), IClassFixture<PublicSqliteApi>;

public sealed class OutputCacheListsInMemoryOnPostgres(PublicPostgresApi api) : OutputCacheListTests(api), IClassFixture<PublicPostgresApi>;

public sealed class OutputCacheListsInRedis(PublicRedisApi api) : OutputCacheListTests(api), IClassFixture<PublicRedisApi>;

/// <summary>
/// An article write evicts the cached lists it can change and keeps the others: every list that shows the article,
/// every list when it joins or leaves lists, and the searches and sorts that its text, title or update time decide.
/// A change made behind the API's back (straight in the database) shows whether an answer came from the cache.
/// </summary>
public abstract class OutputCacheListTests(NewsApiFactory api) : ApiTest(api)
{
    private async Task<JsonNode> ReadAsync(string url) => await (await Client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<List<string>> IdsAsync(string url) => [.. (await ReadAsync(url))["items"]!.AsArray().Select(i => i!.Id())];

    private async Task RetitleBehindTheApiAsync(string id, string title)
    {
        // SQLite keeps GUIDs as upper-case text, PostgreSQL as uuid; both accept this literal.
        var stored = Api.Provider == DatabaseProvider.Sqlite ? id.ToUpperInvariant() : id;
        var sql = $"UPDATE \"Articles\" SET \"Title\" = '{title}' WHERE \"Id\" = '{stored}'";
        await using var scope = Api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.ExecuteSqlRawAsync(sql, Cancel);
    }

    private async Task PatchAsync(JsonNode article, object fields) =>
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", fields)).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>Published articles in a fresh tag, oldest first, a minute apart, so lists of the tag have a known order.</summary>
    private async Task<(JsonNode Tag, JsonNode[] Articles)> TaggedAsync(int count, Func<int, object>? fields = null)
    {
        var tag = await Editor.CreateTagAsync();
        var articles = new JsonNode[count];
        for (var i = 0; i < count; i++)
        {
            Api.Clock.Advance(TimeSpan.FromMinutes(1));
            articles[i] = await Editor.CreatePublishedArticleAsync(TestData.Merge(new { tagIds = new[] { tag.Id() } }, fields?.Invoke(i)));
        }
        return (tag, articles);
    }

    [Fact]
    public async Task ASubtitleEditOffTheFrontPageLeavesTheCachedFrontPageInPlace()
    {
        var (_, articles) = await TaggedAsync(2);
        var (older, newest) = (articles[0], articles[1]);
        const string front = "/api/v1/articles?pageSize=1";
        const string second = "/api/v1/articles?pageSize=1&page=2";
        Assert.Equal([newest.Id()], await IdsAsync(front));
        Assert.Equal([older.Id()], await IdsAsync(second));
        await RetitleBehindTheApiAsync(newest.Id(), "Changed behind the API");

        await PatchAsync(older, new { subtitle = "A new dek" });

        Assert.Equal((string?)newest["title"], (string?)(await ReadAsync(front))["items"]![0]!["title"]);
        Assert.Equal("A new dek", (string?)(await ReadAsync(second))["items"]![0]!["subtitle"]);
    }

    [Fact]
    public async Task ASubtitleEditOnTheFrontPageShowsThereAtOnce()
    {
        var (_, articles) = await TaggedAsync(1);
        const string front = "/api/v1/articles?pageSize=20";
        Assert.Equal(articles[0].Id(), (await IdsAsync(front))[0]);

        await PatchAsync(articles[0], new { subtitle = "The front page's new dek" });

        Assert.Equal("The front page's new dek", (string?)(await ReadAsync(front))["items"]![0]!["subtitle"]);
    }

    [Fact]
    public async Task PublishingUnpublishingTrashingAndRestoringRefillEveryCachedList()
    {
        var (tag, articles) = await TaggedAsync(3);
        // The second page never shows the newest article, so only evicting every list can refresh it.
        var second = $"/api/v1/articles?tag={tag["slug"]}&pageSize=1&page=2";
        var newest = $"/api/v1/articles/{articles[2].Id()}";
        Assert.Equal([articles[1].Id()], await IdsAsync(second));

        (await Editor.PostAsync($"{newest}/unpublish", null)).EnsureSuccessStatusCode();
        Assert.Equal([articles[0].Id()], await IdsAsync(second));

        await Editor.PublishAsync(articles[2].Id());
        Assert.Equal([articles[1].Id()], await IdsAsync(second));

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync(newest)).StatusCode);
        Assert.Equal([articles[0].Id()], await IdsAsync(second));

        (await Editor.PostAsync($"{newest}/restore", null)).EnsureSuccessStatusCode();
        Assert.Equal([articles[1].Id()], await IdsAsync(second));
    }

    [Fact]
    public async Task ANewTagOrPublicationTimeMovesAnArticleIntoCachedLists()
    {
        var (tag, articles) = await TaggedAsync(2);
        var other = await Editor.CreateTagAsync();
        var byOther = $"/api/v1/articles?tag={other["slug"]}";
        var first = $"/api/v1/articles?tag={tag["slug"]}&pageSize=1";
        Assert.Empty(await IdsAsync(byOther));
        Assert.Equal([articles[1].Id()], await IdsAsync(first));

        await PatchAsync(articles[0], new { tagIds = new[] { tag.Id(), other.Id() } });
        Assert.Equal([articles[0].Id()], await IdsAsync(byOther));
        Assert.Equal([articles[1].Id()], await IdsAsync(first));

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        await Editor.PublishAsync(articles[0].Id(), Api.Clock.GetUtcNow());
        Assert.Equal([articles[0].Id()], await IdsAsync(first));
    }

    [Fact]
    public async Task NewWordsInAnArticleShowInCachedSearches()
    {
        var (tag, articles) = await TaggedAsync(1);
        var word = "kw" + Guid.NewGuid().ToString("N")[..10];
        var search = $"/api/v1/articles?q={word}";
        var sortedSearch = $"/api/v1/articles?q={word}&tag={tag["slug"]}&sort=-publishedAt";
        Assert.Empty(await IdsAsync(search));
        Assert.Empty(await IdsAsync(sortedSearch));

        await PatchAsync(articles[0], new { subtitle = $"Now about {word}" });

        Assert.Equal([articles[0].Id()], await IdsAsync(search));
        Assert.Equal([articles[0].Id()], await IdsAsync(sortedSearch));
    }

    [Fact]
    public async Task AnEditMovesAnArticleToTheTopOfCachedListsByUpdateTimeOrTitle()
    {
        var (tag, articles) = await TaggedAsync(2, i => new { title = TestData.Unique(i == 0 ? "B" : "C") });
        var byUpdate = $"/api/v1/articles?tag={tag["slug"]}&sort=-updatedAt&pageSize=1";
        var byTitle = $"/api/v1/articles?tag={tag["slug"]}&sort=title&pageSize=1";
        Assert.Equal([articles[1].Id()], await IdsAsync(byUpdate));
        Assert.Equal([articles[0].Id()], await IdsAsync(byTitle));

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        await PatchAsync(articles[0], new { subtitle = "Updated last" });
        Assert.Equal([articles[0].Id()], await IdsAsync(byUpdate));
        Assert.Equal([articles[0].Id()], await IdsAsync(byTitle));

        await PatchAsync(articles[1], new { title = TestData.Unique("A") });
        Assert.Equal([articles[1].Id()], await IdsAsync(byTitle));
    }

    [Fact]
    public async Task EditingADraftLeavesCachedListsInPlace()
    {
        var (tag, articles) = await TaggedAsync(1);
        var draft = await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() } });
        var byUpdate = $"/api/v1/articles?tag={tag["slug"]}&sort=-updatedAt";
        var title = (string?)(await ReadAsync(byUpdate))["items"]![0]!["title"];
        await RetitleBehindTheApiAsync(articles[0].Id(), "Changed behind the API");

        await PatchAsync(draft, new { title = "A draft's new title", subtitle = "and dek" });

        Assert.Equal(title, (string?)(await ReadAsync(byUpdate))["items"]![0]!["title"]);
    }

    [Fact]
    public async Task NewLinksShowInTheCachedRelatedList()
    {
        var (_, articles) = await TaggedAsync(1);
        var linked = await Editor.CreatePublishedArticleAsync();
        var related = $"/api/v1/articles/{articles[0].Id()}/related";
        Assert.Empty((await ReadAsync(related)).AsArray());

        await PatchAsync(articles[0], new { relatedArticleIds = new[] { linked.Id() } });

        Assert.Equal([linked.Id()], (await ReadAsync(related)).AsArray().Select(r => r!.Id()));
    }

    [Fact]
    public async Task PublishingMovesAnAuthorUpACachedListByArticleCount()
    {
        var prefix = "Zz" + Guid.NewGuid().ToString("N")[..8];
        var busy = await Editor.CreateAuthorAsync($"{prefix} Busy");
        var rising = await Editor.CreateAuthorAsync($"{prefix} Rising");
        await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { busy.Id() } });
        var top = $"/api/v1/authors?q={prefix}&sort=-articleCount&pageSize=1";
        Assert.Equal([busy.Id()], await IdsAsync(top));

        await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { rising.Id() } });
        await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { rising.Id() } });

        Assert.Equal([rising.Id()], await IdsAsync(top));
    }

    [Fact]
    public async Task AScheduledArticleComingDueStillShowsWhenAnEditCameFirst()
    {
        var (tag, articles) = await TaggedAsync(1);
        var elsewhere = await Editor.CreatePublishedArticleAsync();
        var list = $"/api/v1/articles?tag={tag["slug"]}";
        var scheduled = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, Api.Clock.GetUtcNow().AddMinutes(30));
        Assert.Equal([articles[0].Id()], await IdsAsync(list));

        Api.Clock.Advance(TimeSpan.FromMinutes(31));
        await PatchAsync(elsewhere, new { subtitle = "Edited before anyone read" });

        Assert.Equal([scheduled.Id(), articles[0].Id()], await IdsAsync(list));
    }
}
