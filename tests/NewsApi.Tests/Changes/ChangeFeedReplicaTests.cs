using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Changes;

public sealed class ChangeFeedReplicaOnSqlite(ReplicaSqliteApi api) : ChangeFeedReplicaTests(api), IClassFixture<ReplicaSqliteApi>;

/// <summary>SQLite serialises writers: eight of them on a loaded machine wait longer than the default second for the lock.</summary>
public sealed class ReplicaSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "30" };
}

public sealed class ChangeFeedReplicaOnPostgres(PostgresApi api) : ChangeFeedReplicaTests(api), IClassFixture<PostgresApi>;

/// <summary>
/// A consumer builds a replica from the feed alone while 8 writers create, edit, publish, unpublish, trash and delete;
/// at the end the replica is compared field by field with what the database serves: nothing missing, extra or stale.
/// </summary>
public abstract class ChangeFeedReplicaTests(NewsApiFactory api) : ApiTest(api)
{
    private const int Writers = 8;
    private const int RoundsPerWriter = 10;

    [Fact]
    public async Task AReplicaBuiltFromTheFeedWhileEightWritersRunMatchesTheDatabase()
    {
        var replica = new Dictionary<(string Type, string Id), string>();
        string? cursor = null;
        var pages = 0;
        void Apply(JsonNode page)
        {
            foreach (var item in page["items"]!.AsArray())
            {
                var key = ((string)item!["type"]!, (string)item["id"]!);
                if ((string)item["op"]! == "upsert")
                {
                    replica[key] = Comparable(item["data"]!);
                }
                else
                {
                    replica.Remove(key);
                }
            }
            cursor = (string)page["nextCursor"]!;
            pages++;
        }

        var failures = new ConcurrentQueue<string>();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, failures))).ToArray();
        var all = Task.WhenAll(writers);
        while (!all.IsCompleted)
        {
            Apply(await Editor.PageAsync(cursor));
        }
        await all;
        Assert.Empty(failures);
        var expected = await DatabaseAsync();
        // Caught up: every page read until the replica holds what the database does (on PostgreSQL, a poll or two
        // more while other transactions of the server hold the feed back), then compared.
        var catchingUp = System.Diagnostics.Stopwatch.StartNew();
        while (catchingUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            JsonNode last;
            do
            {
                last = await Editor.PageAsync(cursor);
                Apply(last);
            }
            while ((bool)last["hasMore"]!);
            if (replica.Count == expected.Count && expected.All(e => replica.TryGetValue(e.Key, out var v) && v == e.Value))
            {
                break;
            }
            await Task.Delay(50, Cancel);
        }
        var missing = expected.Keys.Except(replica.Keys).ToList();
        var extra = replica.Keys.Except(expected.Keys).ToList();
        var stale = expected.Keys.Intersect(replica.Keys).Where(k => expected[k] != replica[k]).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && stale.Count == 0,
            $"missing {missing.Count}, extra {extra.Count}, stale {stale.Count} of {expected.Count} after {pages} pages; "
            + string.Join("; ", missing.Concat(extra).Concat(stale).Take(5)));
        Assert.True(expected.Count > Writers * RoundsPerWriter);
    }

    /// <summary>One writer's rounds: every kind of write the feed reports, on its own articles and tags.</summary>
    private async Task WriteAsync(int writer, ConcurrentQueue<string> failures)
    {
        var client = Api.CreateEditorClient();
        async Task Expect(Task<HttpResponseMessage> call, params HttpStatusCode[] statuses)
        {
            var response = await call;
            if (!statuses.Contains(response.StatusCode))
            {
                failures.Enqueue($"writer {writer}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        for (var round = 0; round < RoundsPerWriter; round++)
        {
            var tag = await client.CreateTagAsync();
            var article = await client.CreateArticleAsync(new { excerpt = "An excerpt for the card.", tagIds = new[] { tag.Id() } });
            var path = $"/api/v1/articles/{article.Id()}";
            await Expect(client.PatchAsync(path, new { title = TestData.Unique("Edited") }), HttpStatusCode.OK);
            await Expect(client.PostAsync($"{path}/publish", null), HttpStatusCode.OK);
            await Expect(client.PatchAsync($"/api/v1/tags/{tag.Id()}", new { description = $"Round {round}" }), HttpStatusCode.OK);
            switch (round % 4)
            {
                case 1:
                    await Expect(client.PostAsync($"{path}/unpublish", null), HttpStatusCode.OK);
                    break;
                case 2:
                    await Expect(client.DeleteAsync(path), HttpStatusCode.NoContent);
                    break;
                case 3:
                    await Expect(client.DeleteAsync(path + "?permanent=true"), HttpStatusCode.NoContent);
                    break;
            }
        }
    }

    /// <summary>
    /// A resource's fields as JSON, less the article counts of authors, tags and sources: derived from other resources,
    /// they change with no change to the resource itself, so the feed does not report them (the README says so).
    /// </summary>
    private static string Comparable(JsonNode resource)
    {
        var copy = resource.DeepClone().AsObject();
        copy.Remove("articleCount");
        return copy.ToJsonString();
    }

    /// <summary>Every resource in the database, as GET by id serves it to the consumer's key.</summary>
    private async Task<Dictionary<(string Type, string Id), string>> DatabaseAsync()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var ids = new List<(string, Guid)>();
        ids.AddRange((await db.Articles.Select(a => a.Id).ToListAsync(Cancel)).Select(id => ("articles", id)));
        ids.AddRange((await db.Authors.Select(a => a.Id).ToListAsync(Cancel)).Select(id => ("authors", id)));
        ids.AddRange((await db.Tags.Select(a => a.Id).ToListAsync(Cancel)).Select(id => ("tags", id)));
        ids.AddRange((await db.Sources.Select(a => a.Id).ToListAsync(Cancel)).Select(id => ("sources", id)));
        var served = new Dictionary<(string, string), string>();
        foreach (var (type, id) in ids)
        {
            var body = await (await Editor.GetAsync($"/api/v1/{type}/{id}")).ReadJsonAsync(HttpStatusCode.OK);
            served[(type, id.ToString())] = Comparable(body);
        }
        return served;
    }
}

public sealed class ChangeFeedGapOnPostgres(PostgresApi api) : ApiTest(api), IClassFixture<PostgresApi>
{
    [Fact]
    public async Task AChangeCommittedLaterThanALargerOneIsNotSkipped()
    {
        var head = await Editor.HeadAsync();
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        var early = new NewsApi.Data.Entities.Tag { Name = TestData.Unique("Early"), Slug = $"early-{Guid.NewGuid():N}" };
        db.Tags.Add(early);
        await db.SaveChangesAsync(Cancel);   // takes the smaller sequence number, and stays open

        var later = await Editor.CreateTagAsync();   // takes a larger one and commits first
        var whileOpen = await Editor.PageAsync(head, "&types=tags");
        // Nothing is served past a transaction still running: the later tag waits for the earlier one.
        Assert.Empty(whileOpen["items"]!.AsArray());

        await transaction.CommitAsync(Cancel);
        var (items, _) = await Editor.ReadUntilAsync((string)whileOpen["nextCursor"]!, "&types=tags", i => i.Count >= 2);

        Assert.Equal([early.Id.ToString(), later.Id()], items.Select(i => (string)i["id"]!));
    }
}
