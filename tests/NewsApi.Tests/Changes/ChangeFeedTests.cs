using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Changes;

public sealed class ChangeFeedOnSqlite(SqliteApi api) : ChangeFeedTests(api), IClassFixture<SqliteApi>;

public sealed class ChangeFeedOnPostgres(PostgresApi api) : ChangeFeedTests(api), IClassFixture<PostgresApi>;

/// <summary>The change feed's pages: snapshot then log, tombstones, what the public sees, retention and bad input.</summary>
public abstract class ChangeFeedTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task AConsumerStartingFromNothingGetsEverythingThenEveryLaterChange()
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() } });

        var (snapshot, cursor) = await Editor.ReadToEndAsync(null);
        // Listed once in the snapshot; on PostgreSQL the log after it may bring its creation again, when another
        // transaction of the server was running as the snapshot began (what changed meanwhile comes again).
        var tagItem = snapshot.Of(tag.Id())[0];
        Assert.All(snapshot.Of(tag.Id()), i => Assert.Equal("upsert", (string)i["op"]!));
        Assert.Equal("tags", (string)tagItem["type"]!);
        Assert.Equal((string)tag["name"]!, (string)tagItem["data"]!["name"]!);
        // The snapshot lists what articles refer to before the articles, and an article whole, as GET by id.
        Assert.True(snapshot.IndexOf(tagItem) < snapshot.IndexOf(snapshot.Of(article.Id())[^1]));
        var articleData = snapshot.Of(article.Id())[^1]["data"]!;
        var byId = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(byId["body"]!.ToJsonString(), articleData["body"]!.ToJsonString());

        await Editor.PatchAsync($"/api/v1/tags/{tag.Id()}", new { description = "Changed" });
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/tags/{tag.Id()}")).StatusCode);
        var (later, _) = await Editor.ReadUntilAsync(cursor, "", i => i.Of(tag.Id()).Count >= 2 && i.Of(article.Id()).Count > 0);

        // Each item shows the resource as it is when the page is read: gone, so both changes read as tombstones. On
        // PostgreSQL the creation may come once more first (see above), as a tombstone too.
        Assert.InRange(later.Of(tag.Id()).Count, 2, 3);
        Assert.All(later.Of(tag.Id()), i => Assert.Equal("delete", (string)i["op"]!));
        Assert.All(later.Of(tag.Id()), i => Assert.Null(i["data"]));
        Assert.Equal("delete", (string)later.Of(article.Id())[^1]["op"]!);
        Assert.All(later, i => Assert.False(string.IsNullOrEmpty((string?)i["cursor"])));
    }

    [Fact]
    public async Task AnEmptyPageKeepsItsCursorAndTheNextChangeFollowsIt()
    {
        var head = await Editor.HeadAsync();
        var empty = await Editor.PageAsync(head, "&types=tags");
        Assert.Empty(empty["items"]!.AsArray());
        Assert.False((bool)empty["hasMore"]!);

        var tag = await Editor.CreateTagAsync();
        var (next, _) = await Editor.ReadUntilAsync((string)empty["nextCursor"]!, "&types=tags", i => i.Count > 0);

        var item = Assert.Single(next);
        Assert.Equal(tag.Id(), (string)item["id"]!);
    }

    [Fact]
    public async Task ThePublicSeesPublishedArticlesOnlyAndAnUnpublishAsADelete()
    {
        var anonymous = Api.CreateAnonymousClient();
        var publicHead = (await anonymous.ReadToEndAsync(null, "&types=articles")).Cursor;
        var editorHead = (await Editor.ReadToEndAsync(null, "&types=articles")).Cursor;

        var article = await Editor.CreateArticleAsync(new { excerpt = "An excerpt for the card." });
        var (whileDraft, _) = await anonymous.ReadToEndAsync(publicHead, "&types=articles");
        Assert.Empty(whileDraft.Of(article.Id()));

        await Editor.PublishAsync(article.Id());
        await Editor.PostAsync($"/api/v1/articles/{article.Id()}/unpublish", null);

        var (publicItems, _) = await anonymous.ReadUntilAsync(publicHead, "&types=articles", i => i.Of(article.Id()).Count > 0);
        Assert.Equal(["delete"], publicItems.Of(article.Id()).Select(i => (string)i["op"]!).Distinct());
        // Read after the unpublish, every item shows what the public may see now: nothing but the tombstone.
        var (editorItems, _) = await Editor.ReadUntilAsync(editorHead, "&types=articles", i => i.Of(article.Id()).Count >= 3);
        Assert.True(editorItems.Of(article.Id()).Count >= 3);
        Assert.All(editorItems.Of(article.Id()), i => Assert.Equal("draft", (string)i["data"]!["status"]!));
    }

    [Fact]
    public async Task ThePublicSeesAPublishedArticleAndItsLaterArchiveAsADelete()
    {
        var anonymous = Api.CreateAnonymousClient();
        var head = (await anonymous.ReadToEndAsync(null, "&types=articles")).Cursor;
        var article = await Editor.CreatePublishedArticleAsync();

        var (published, cursor) = await anonymous.ReadUntilAsync(head, "&types=articles&shape=summary", i => i.Of(article.Id()).Count > 0);
        var upsert = published.Of(article.Id())[^1];
        Assert.Equal("upsert", (string)upsert["op"]!);
        Assert.Null(upsert["data"]!["body"]);
        Assert.Equal((string)article["title"]!, (string)upsert["data"]!["title"]!);

        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/archive", null)).ReadJsonAsync(HttpStatusCode.OK);
        var (archived, _) = await anonymous.ReadUntilAsync(cursor, "&types=articles", i => i.Of(article.Id()).Count > 0);
        Assert.Equal("delete", (string)Assert.Single(archived.Of(article.Id()))["op"]!);
    }

    [Fact]
    public async Task AScheduledArticleReachesThePublicAtItsPublishTime()
    {
        var anonymous = Api.CreateAnonymousClient();
        var head = (await anonymous.ReadToEndAsync(null, "&types=articles")).Cursor;
        var at = Api.Clock.GetUtcNow().AddHours(1);
        var article = await Editor.CreatePublishedArticleAsync(publishAt: at);

        var (before, cursor) = await anonymous.ReadToEndAsync(head, "&types=articles");
        Assert.DoesNotContain(before.Of(article.Id()), i => (string)i["op"]! == "upsert");

        Api.Clock.Advance(TimeSpan.FromHours(1));
        await Api.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync(Cancel);
        var (after, _) = await anonymous.ReadUntilAsync(cursor, "&types=articles", i => i.Of(article.Id()).Count > 0);

        var upsert = Assert.Single(after.Of(article.Id()));
        Assert.Equal("upsert", (string)upsert["op"]!);
        Assert.Equal(at.UtcDateTime, (DateTime)upsert["at"]!);
    }

    [Fact]
    public async Task TypesFilterTheFeed()
    {
        var head = await Editor.HeadAsync();
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();

        var (items, _) = await Editor.ReadUntilAsync(head, "&types=sources", i => i.Of(source.Id()).Count > 0);

        Assert.Empty(items.Of(tag.Id()));
        Assert.Single(items.Of(source.Id()));
        Assert.All(items, i => Assert.Equal("sources", (string)i["type"]!));
    }

    [Fact]
    public async Task ACursorOlderThanTheRetentionIsGoneAndSaysToStartAgain()
    {
        var cursor = await Editor.HeadAsync();
        Api.Clock.Advance(TimeSpan.FromDays(91));

        var problem = await (await Editor.GetAsync($"/api/v1/changes?since={cursor}")).ReadProblemAsync(HttpStatusCode.Gone);

        Assert.Contains("without 'since'", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("since=not-a-cursor", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("types=articles,comments", "types")]
    [InlineData("shape=tiny", "shape")]
    public async Task BadParametersAreRefusedByName(string query, string field)
    {
        await (await Editor.GetAsync($"/api/v1/changes?{query}")).ReadValidationErrorAsync(field);
    }

    [Fact]
    public async Task AFeedPageIsNeverCached()
    {
        var response = await Api.CreateAnonymousClient().GetAsync("/api/v1/changes?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }
}
