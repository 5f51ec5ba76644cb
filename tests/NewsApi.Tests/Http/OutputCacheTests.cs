using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class OutputCacheInMemoryOnSqlite(PublicSqliteApi api) : OutputCacheTests(api), IClassFixture<PublicSqliteApi>;

public sealed class OutputCacheInMemoryOnPostgres(PublicPostgresApi api) : OutputCacheTests(api), IClassFixture<PublicPostgresApi>;

public sealed class OutputCacheInRedis(PublicRedisApi api) : OutputCacheTests(api), IClassFixture<PublicRedisApi>;

/// <summary>
/// Anonymous reads come from the output cache, and every kind of write evicts exactly what it changed. A change made
/// behind the API's back (straight in the database) shows whether an answer came from the cache.
/// </summary>
public abstract class OutputCacheTests(NewsApiFactory api) : ApiTest(api)
{
    private async Task<JsonNode> ReadAsync(string url) => await (await Client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);

    private async Task BehindTheApiAsync(string sql)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.ExecuteSqlRawAsync(sql, Cancel);
    }

    private Task RetitleBehindTheApiAsync(string id, string title) =>
        BehindTheApiAsync($"UPDATE \"Articles\" SET \"Title\" = '{title}' WHERE \"Id\" = '{DbId(id)}'");

    /// <summary>SQLite keeps GUIDs as upper-case text, PostgreSQL as uuid; both accept this literal.</summary>
    private string DbId(string id) => Api.Provider == DatabaseProvider.Sqlite ? id.ToUpperInvariant() : id;

    [Fact]
    public async Task AnonymousReadsAreServedFromTheCacheButKeyedReadsNever()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        var first = await ReadAsync(url);

        await RetitleBehindTheApiAsync(article.Id(), "Changed behind the API");

        Assert.Equal((string?)first["title"], (string?)(await ReadAsync(url))["title"]);
        var keyed = await (await Editor.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Changed behind the API", (string?)keyed["title"]);
    }

    [Fact]
    public async Task EditingAnArticleEvictsItsPageItsListsAndItsSlug()
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        var byId = $"/api/v1/articles/{article.Id()}";
        var bySlug = $"/api/v1/articles/slug/{article["slug"]}";
        var list = $"/api/v1/articles?tag={tag["slug"]}";
        await ReadAsync(byId);
        await ReadAsync(bySlug);
        await ReadAsync(list);

        await (await Editor.PatchAsync(byId, new { title = "Edited through the API" })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Edited through the API", (string?)(await ReadAsync(byId))["title"]);
        Assert.Equal("Edited through the API", (string?)(await ReadAsync(bySlug))["title"]);
        Assert.Equal("Edited through the API", (string?)(await ReadAsync(list))["items"]![0]!["title"]);
    }

    [Fact]
    public async Task ANewlyPublishedArticleAppearsInCachedListsAndCounts()
    {
        var tag = await Editor.CreateTagAsync();
        var first = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        var list = $"/api/v1/articles?tag={tag["slug"]}";
        var tagPage = $"/api/v1/tags/{tag.Id()}";
        Assert.Single((await ReadAsync(list))["items"]!.AsArray());
        Assert.Equal(1, (int)(await ReadAsync(tagPage))["articleCount"]!);
        var draft = await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() }, excerpt = "x" });
        Api.Clock.Advance(TimeSpan.FromMinutes(1));

        await Editor.PublishAsync(draft.Id());

        Assert.Equal([draft.Id(), first.Id()], (await ReadAsync(list))["items"]!.AsArray().Select(i => i!.Id()));
        Assert.Equal(2, (int)(await ReadAsync(tagPage))["articleCount"]!);
    }

    [Fact]
    public async Task UnpublishingArchivingAndTrashingTakeAnArticleOutOfEveryCachedAnswer()
    {
        foreach (var action in new[] { "unpublish", "archive", "trash" })
        {
            var tag = await Editor.CreateTagAsync();
            var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
            var url = $"/api/v1/articles/{article.Id()}";
            var list = $"/api/v1/articles?tag={tag["slug"]}";
            await ReadAsync(url);
            Assert.Single((await ReadAsync(list))["items"]!.AsArray());

            var response = action == "trash"
                ? await Editor.DeleteAsync(url)
                : await Editor.PostAsync($"{url}/{action}", null);
            Assert.True(response.IsSuccessStatusCode, action);

            await (await Client.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty((await ReadAsync(list))["items"]!.AsArray());
            Assert.Equal(0, (int)(await ReadAsync($"/api/v1/tags/{tag.Id()}"))["articleCount"]!);
        }
    }

    [Fact]
    public async Task RenamingAnAuthorEvictsEveryArticleThatShowsIt()
    {
        var author = await Editor.CreateAuthorAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { author.Id() } });
        var url = $"/api/v1/articles/{article.Id()}";
        var byAuthor = $"/api/v1/articles?author={author["slug"]}";
        await ReadAsync(url);
        await ReadAsync(byAuthor);

        await (await Editor.PatchAsync($"/api/v1/authors/{author.Id()}", new { name = "A New Name" })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("A New Name", (string?)(await ReadAsync(url))["authors"]![0]!["name"]);
        Assert.Equal("A New Name", (string?)(await ReadAsync(byAuthor))["items"]![0]!["authors"]![0]!["name"]);
    }

    [Fact]
    public async Task DeletingATagOrChangingASourceEvictsTheArticlesThatShowThem()
    {
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() }, sourceId = source.Id() });
        var url = $"/api/v1/articles/{article.Id()}";
        await ReadAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/tags/{tag.Id()}")).StatusCode);
        Assert.Empty((await ReadAsync(url))["tags"]!.AsArray());

        await (await Editor.PatchAsync($"/api/v1/sources/{source.Id()}", new { name = "Renamed Wire" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed Wire", (string?)(await ReadAsync(url))["source"]!["name"]);
    }

    [Fact]
    public async Task RelatedListsFollowNewLinksAndNewTagNeighbours()
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        var related = $"/api/v1/articles/{article.Id()}/related";
        var detail = $"/api/v1/articles/{article.Id()}";
        Assert.Empty((await ReadAsync(related)).AsArray());
        await ReadAsync(detail);

        var neighbour = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        Assert.Equal([neighbour.Id()], (await ReadAsync(related)).AsArray().Select(r => r!.Id()));

        var linked = await Editor.CreatePublishedArticleAsync();
        await (await Editor.PatchAsync(detail, new { relatedArticleIds = new[] { linked.Id() } })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([linked.Id()], (await ReadAsync(detail))["relatedArticles"]!.AsArray().Select(r => r!.Id()));

        // A linked article's own edit shows in the page that links to it.
        await (await Editor.PatchAsync($"/api/v1/articles/{linked.Id()}", new { title = "Linked, retitled" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Linked, retitled", (string?)(await ReadAsync(detail))["relatedArticles"]![0]!["title"]);
    }

    [Fact]
    public async Task RestoringFromTheTrashOrARevisionIsVisibleAtOnce()
    {
        var article = await Editor.CreatePublishedArticleAsync(new { title = "First title" });
        var url = $"/api/v1/articles/{article.Id()}";
        await (await Editor.PatchAsync(url, new { title = "Second title" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Second title", (string?)(await ReadAsync(url))["title"]);

        await (await Editor.PostAsync($"{url}/revisions/1/restore", null)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First title", (string?)(await ReadAsync(url))["title"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync(url)).StatusCode);
        await (await Client.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.PostAsync($"{url}/restore", null)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First title", (string?)(await ReadAsync(url))["title"]);
    }

    [Fact]
    public async Task AScheduledArticleAppearsInCachedListsWhenItsTimeComes()
    {
        var tag = await Editor.CreateTagAsync();
        var list = $"/api/v1/articles?tag={tag["slug"]}";
        var scheduled = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, Api.Clock.GetUtcNow().AddMinutes(30));
        Assert.Empty((await ReadAsync(list))["items"]!.AsArray());

        Api.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal([scheduled.Id()], (await ReadAsync(list))["items"]!.AsArray().Select(i => i!.Id()));
    }

    [Fact]
    public async Task RevalidationStillAnswers304ThroughTheCache()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        var first = await Client.GetAsync(url);
        var etag = first.Headers.ETag!.ToString();

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var revalidated = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(etag, revalidated.Headers.ETag?.ToString());
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }
}
