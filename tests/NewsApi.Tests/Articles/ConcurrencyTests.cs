using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ConcurrencyOnSqlite(SqliteApi api) : ConcurrencyTests(api), IClassFixture<SqliteApi>;

public sealed class ConcurrencyOnPostgres(PostgresApi api) : ConcurrencyTests(api), IClassFixture<PostgresApi>;

public sealed class LastWriteWinsOnSqlite(LastWriteWinsSqliteApi api) : LastWriteWinsTests(api), IClassFixture<LastWriteWinsSqliteApi>;

public sealed class LastWriteWinsOnPostgres(LastWriteWinsPostgresApi api) : LastWriteWinsTests(api), IClassFixture<LastWriteWinsPostgresApi>;

/// <summary>SQLite with <c>Editing:RequireIfMatch</c> off.</summary>
public sealed class LastWriteWinsSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => LastWriteWins.Settings;
}

/// <summary>PostgreSQL with <c>Editing:RequireIfMatch</c> off.</summary>
public sealed class LastWriteWinsPostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => LastWriteWins.Settings;
}

internal static class LastWriteWins
{
    public static Dictionary<string, string?> Settings => new() { ["Editing:RequireIfMatch"] = "false" };
}

/// <summary>
/// Optimistic concurrency: writes name the version they change in If-Match, and the database, not a read before the
/// write, decides which of two concurrent writes wins.
/// </summary>
public abstract class ConcurrencyTests(NewsApiFactory api) : ApiTest(api)
{
    private const int Writers = 8;
    private const int Rounds = 3;

    [Theory]
    [InlineData("articles", "PUT")]
    [InlineData("articles", "PATCH")]
    [InlineData("authors", "PUT")]
    [InlineData("authors", "PATCH")]
    [InlineData("tags", "PUT")]
    [InlineData("tags", "PATCH")]
    [InlineData("sources", "PUT")]
    [InlineData("sources", "PATCH")]
    public async Task AWriteWithoutIfMatchIs428ExplainingHowToGetTheETagAndChangesNothing(string resource, string method)
    {
        var target = await Editor.CreateAsync(resource);

        var response = await Editor.WriteAsync(target, method, TestData.Unique("Unguarded"), HttpAssertions.NoIfMatch);

        var problem = await response.ReadProblemAsync((HttpStatusCode)428);
        var detail = (string?)problem["detail"];
        Assert.Contains("If-Match", detail);
        Assert.Contains("ETag", detail);
        Assert.Null(response.Headers.ETag);
        var stored = await (await Editor.GetAsync(target.Url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(target.Value, (string?)stored[target.Field]);
    }

    [Theory]
    [InlineData("articles", "PUT")]
    [InlineData("articles", "PATCH")]
    [InlineData("authors", "PUT")]
    [InlineData("authors", "PATCH")]
    [InlineData("tags", "PUT")]
    [InlineData("tags", "PATCH")]
    [InlineData("sources", "PUT")]
    [InlineData("sources", "PATCH")]
    public async Task AStaleIfMatchIs412CarryingTheCurrentETag(string resource, string method)
    {
        var target = await Editor.CreateAsync(resource);
        var stale = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();
        var first = TestData.Unique("First");
        var firstWrite = await Editor.WriteAsync(target, method, first, stale);
        await firstWrite.ReadJsonAsync(HttpStatusCode.OK);
        var current = firstWrite.Headers.ETag!.ToString();

        var response = await Editor.WriteAsync(target, method, TestData.Unique("Second"), stale);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(current, (string?)problem["currentETag"]);
        var stored = await Editor.GetAsync(target.Url, Cancel);
        Assert.Equal(first, (string?)(await stored.ReadJsonAsync(HttpStatusCode.OK))[target.Field]);
        Assert.Equal(current, stored.Headers.ETag?.ToString());

        // Retrying with the tag the 412 gave goes through.
        var retried = await Editor.WriteAsync(target, method, TestData.Unique("Retried"), (string)problem["currentETag"]!);
        await retried.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A412AnswersWithTheCurrentETagInItsETagHeader()
    {
        var missing = new List<string>();
        foreach (var resource in new[] { "articles", "authors", "tags", "sources" })
        {
            var target = await Editor.CreateAsync(resource);
            var stale = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();
            await (await Editor.WriteAsync(target, "PATCH", TestData.Unique("First"), stale)).ReadJsonAsync(HttpStatusCode.OK);
            var current = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();

            List<(string Method, string Url)> writes = [("PUT", target.Url), ("PATCH", target.Url)];
            if (resource == "articles")
            {
                writes.AddRange([("POST", $"{target.Url}/archive"), ("DELETE", target.Url)]);
            }
            foreach (var (method, url) in writes)
            {
                var response = method is "PUT" or "PATCH"
                    ? await Editor.WriteAsync(target, method, TestData.Unique("Late"), stale)
                    : await SendAsync(new HttpMethod(method), url, stale);

                await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
                if (response.Headers.ETag?.ToString() != current)
                {
                    missing.Add($"{method} {url}: ETag {response.Headers.ETag?.ToString() ?? "(none)"}");
                }
            }
        }

        // The client can retry from the header alone, as from a GET, without parsing the problem.
        Assert.True(missing.Count == 0, "412s without the current ETag header:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("authors")]
    [InlineData("tags")]
    [InlineData("sources")]
    public async Task IfMatchStarMatchesWhateverIsCurrent(string resource)
    {
        var target = await Editor.CreateAsync(resource);
        var name = TestData.Unique("Starred");

        var response = await Editor.WriteAsync(target, "PUT", name, "*");

        var written = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, (string?)written[target.Field]);
        Assert.Equal((await Editor.GetAsync(target.Url, Cancel)).Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task AnIfMatchListMatchesWhenOneOfItsTagsIsCurrent()
    {
        var target = await Editor.CreateAsync("tags");
        var current = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();

        var response = await Editor.WriteAsync(target, "PATCH", TestData.Unique("Listed"), $"\"someone-else\", {current}");

        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWeakIfMatchNeverMatchesBecauseTheComparisonIsStrong()
    {
        var target = await Editor.CreateAsync("articles");
        var current = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();

        var response = await Editor.WriteAsync(target, "PATCH", TestData.Unique("Weak"), $"W/{current}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(current, (string?)problem["currentETag"]);
    }

    [Fact]
    public async Task PublishingActionsRevisionRestoreAndDeleteRefuseAStaleIfMatch()
    {
        var article = await Editor.CreateArticleAsync(new { excerpt = "Ready to publish." });
        var url = $"/api/v1/articles/{article.Id()}";
        var stale = (await Editor.GetAsync(url, Cancel)).Headers.ETag!.ToString();
        await (await Editor.PatchAsync(url, new { subtitle = "Changed since" })).ReadJsonAsync(HttpStatusCode.OK);
        var current = (await Editor.GetAsync(url, Cancel)).Headers.ETag!.ToString();

        foreach (var (method, action) in new[]
                 {
                     (HttpMethod.Post, "/publish"), (HttpMethod.Post, "/unpublish"), (HttpMethod.Post, "/archive"),
                     (HttpMethod.Post, "/revisions/1/restore"), (HttpMethod.Delete, ""),
                 })
        {
            var response = await SendAsync(method, url + action, stale);

            var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
            Assert.Equal(current, (string?)problem["currentETag"]);
        }
        var after = await Editor.GetAsync(url, Cancel);
        Assert.Equal("draft", (string?)(await after.ReadJsonAsync(HttpStatusCode.OK))["status"]);
        Assert.Equal(current, after.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task PublishingActionsRevisionRestoreAndDeleteGoAheadWithTheCurrentETagOrWithoutIfMatch()
    {
        var article = await Editor.CreateArticleAsync(new { excerpt = "Ready to publish." });
        var url = $"/api/v1/articles/{article.Id()}";

        var published = await SendAsync(HttpMethod.Post, $"{url}/publish", (await Editor.GetAsync(url, Cancel)).Headers.ETag!.ToString());
        Assert.Equal("published", (string?)(await published.ReadJsonAsync(HttpStatusCode.OK))["status"]);
        var unpublished = await SendAsync(HttpMethod.Post, $"{url}/unpublish", ifMatch: null);
        Assert.Equal("draft", (string?)(await unpublished.ReadJsonAsync(HttpStatusCode.OK))["status"]);
        var archived = await SendAsync(HttpMethod.Post, $"{url}/archive", "*");
        Assert.Equal("archived", (string?)(await archived.ReadJsonAsync(HttpStatusCode.OK))["status"]);
        var restored = await SendAsync(HttpMethod.Post, $"{url}/revisions/1/restore", ifMatch: null);
        await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((await Editor.GetAsync(url, Cancel)).Headers.ETag, restored.Headers.ETag);

        var deleted = await SendAsync(HttpMethod.Delete, url, restored.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await Editor.GetAsync(url, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("articles", "PUT")]
    [InlineData("articles", "PATCH")]
    [InlineData("tags", "PUT")]
    [InlineData("tags", "PATCH")]
    public async Task ParallelWritesWithTheSameIfMatchLetExactlyOneWin(string resource, string method)
    {
        // A race shows only sometimes: several rounds, each on a fresh resource, so a lost one cannot hide.
        for (var round = 0; round < Rounds; round++)
        {
            await RaceAsync(resource, method);
        }
    }

    /// <summary>Writers send the same If-Match at once: one wins, the rest are told what it wrote.</summary>
    private async Task RaceAsync(string resource, string method)
    {
        var target = await Editor.CreateAsync(resource);
        var etag = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();

        var responses = await Task.WhenAll(Enumerable.Range(1, Writers)
            .Select(i => Editor.WriteAsync(target, method, TestData.Unique($"Writer {i}"), etag)));

        var statuses = responses.Select(r => r.StatusCode).ToArray();
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.PreconditionFailed) == Writers - 1,
            $"Expected one 200 and {Writers - 1} 412s, got {string.Join(", ", statuses.Select(s => (int)s))}: "
            + string.Join(" | ", await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PreconditionFailed))
                .Select(r => r.Content.ReadAsStringAsync(Cancel)))));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var won = await winner.ReadJsonAsync(HttpStatusCode.OK);

        var fresh = await Editor.GetAsync(target.Url, Cancel);
        var stored = await fresh.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)won[target.Field], (string?)stored[target.Field]);
        Assert.Equal(won.ToJsonString(), stored.ToJsonString());
        Assert.Equal(fresh.Headers.ETag, winner.Headers.ETag);
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.PreconditionFailed))
        {
            var problem = await loser.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
            Assert.Equal(fresh.Headers.ETag!.ToString(), (string?)problem["currentETag"]);
        }
        if (resource == "articles")
        {
            // The losers' revisions went with their transactions: the creation and the winner's write remain.
            var revisions = await (await Editor.GetAsync($"{target.Url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(2, (int)revisions["totalItems"]!);
            var latest = await (await Editor.GetAsync($"{target.Url}/revisions/2", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal((string?)won["title"], (string?)latest["snapshot"]!["title"]);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return Editor.SendAsync(request, Cancel);
    }
}

/// <summary>With <c>Editing:RequireIfMatch</c> off, a write without If-Match overwrites; one that sends it is still checked.</summary>
public abstract class LastWriteWinsTests(NewsApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("articles", "PUT")]
    [InlineData("articles", "PATCH")]
    [InlineData("authors", "PUT")]
    [InlineData("tags", "PATCH")]
    [InlineData("sources", "PUT")]
    public async Task AWriteWithoutIfMatchGoesThrough(string resource, string method)
    {
        var target = await Editor.CreateAsync(resource);
        await (await Editor.WriteAsync(target, method, TestData.Unique("Earlier"), HttpAssertions.NoIfMatch)).ReadJsonAsync(HttpStatusCode.OK);
        var last = TestData.Unique("Last");

        var response = await Editor.WriteAsync(target, method, last, HttpAssertions.NoIfMatch);

        Assert.Equal(last, (string?)(await response.ReadJsonAsync(HttpStatusCode.OK))[target.Field]);
        var stored = await Editor.GetAsync(target.Url, Cancel);
        Assert.Equal(last, (string?)(await stored.ReadJsonAsync(HttpStatusCode.OK))[target.Field]);
        Assert.Equal(stored.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task AStaleIfMatchIsStill412()
    {
        var target = await Editor.CreateAsync("articles");
        var stale = (await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString();
        await (await Editor.WriteAsync(target, "PATCH", TestData.Unique("Meanwhile"), HttpAssertions.NoIfMatch)).ReadJsonAsync(HttpStatusCode.OK);

        var response = await Editor.WriteAsync(target, "PUT", TestData.Unique("Late"), stale);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal((await Editor.GetAsync(target.Url, Cancel)).Headers.ETag!.ToString(), (string?)problem["currentETag"]);
    }
}

/// <summary>A resource of any kind, with the one text field the tests change and a full PUT body for a new value.</summary>
internal sealed record WriteTarget(string Url, string Field, string? Value, Func<string, object> Replacement);

internal static class WriteTargets
{
    public static async Task<WriteTarget> CreateAsync(this HttpClient editor, string resource)
    {
        switch (resource)
        {
            case "articles":
                var article = await editor.CreateArticleAsync();
                var authorIds = article["authors"]!.AsArray().Select(a => a!.Id()).ToArray();
                return new($"/api/v1/articles/{article.Id()}", "title", (string?)article["title"], title => new { title, authorIds });
            case "authors":
                var author = await editor.CreateAuthorAsync();
                return new($"/api/v1/authors/{author.Id()}", "name", (string?)author["name"], name => new { name });
            case "tags":
                var tag = await editor.CreateTagAsync();
                return new($"/api/v1/tags/{tag.Id()}", "name", (string?)tag["name"], name => new { name });
            case "sources":
                var source = await editor.CreateSourceAsync();
                return new($"/api/v1/sources/{source.Id()}", "name", (string?)source["name"],
                    name => new { name, homepageUrl = "https://wire.example.com" });
            default:
                throw new ArgumentOutOfRangeException(nameof(resource), resource, null);
        }
    }

    /// <summary>PUT (the whole resource) or PATCH (the one field) setting the field to <paramref name="value"/>.</summary>
    public static Task<HttpResponseMessage> WriteAsync(this HttpClient editor, WriteTarget target, string method, string value, string ifMatch) =>
        method == "PUT"
            ? editor.PutJsonAsync(target.Url, target.Replacement(value), ifMatch)
            : editor.PatchAsync(target.Url, new JsonObject { [target.Field] = value }, ifMatch: ifMatch);
}
