using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Changes;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Changes;

public sealed class IdempotencyOnSqlite(SqliteApi api) : IdempotencyTests(api), IClassFixture<SqliteApi>;

public sealed class IdempotencyOnPostgres(PostgresApi api) : IdempotencyTests(api), IClassFixture<PostgresApi>;

/// <summary>Idempotency-Key on POST: replay, misuse, a request still running, scope per key, retention.</summary>
public abstract class IdempotencyTests(NewsApiFactory api) : ApiTest(api)
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static string NewKey() => $"\"{Guid.NewGuid()}\"";

    [Fact]
    public async Task ARepeatGetsTheFirstAnswerAgainAndCreatesNothingMore()
    {
        var key = NewKey();
        var name = TestData.Unique("Tag");

        var first = await PostAsync(Editor, "/api/v1/tags", new { name }, key);
        var repeat = await PostAsync(Editor, "/api/v1/tags", new { name }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var tags = await (await Editor.GetAsync($"/api/v1/tags?q={Uri.EscapeDataString(name)}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Single(tags["items"]!.AsArray());
    }

    [Fact]
    public async Task AWorkflowActionIsReplayedNotRunTwice()
    {
        var article = await Editor.CreateArticleAsync(new { excerpt = "An excerpt for the card." });
        var key = NewKey();

        var first = await (await PostAsync(Editor, $"/api/v1/articles/{article.Id()}/publish", null, key)).ReadJsonAsync(HttpStatusCode.OK);
        var repeat = await PostAsync(Editor, $"/api/v1/articles/{article.Id()}/publish", null, key);

        Assert.Equal(first.ToJsonString(), (await repeat.ReadJsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefused()
    {
        var key = NewKey();
        await (await PostAsync(Editor, "/api/v1/tags", new { name = TestData.Unique("Tag") }, key)).ReadJsonAsync(HttpStatusCode.Created);

        var problem = await (await PostAsync(Editor, "/api/v1/tags", new { name = TestData.Unique("Other") }, key))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Idempotency-Key", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameKeyWhileTheFirstRequestRunsIsAConflict()
    {
        var writer = await Editor.CreateKeyAsync(["content:write"]);
        var client = Api.CreateClient().WithKey(writer.Secret);
        var key = Guid.NewGuid().ToString();
        var body = new { name = TestData.Unique("Tag") };
        // The first request has claimed the key and not yet answered.
        await WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                ApiKeyId = Guid.Parse(writer.Id), Key = key, Fingerprint = "running", CreatedAt = Api.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(Cancel);
        });

        var response = await PostAsync(client, "/api/v1/tags", body, key);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("still running", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task KeysBelongToTheApiKeyThatSentThem()
    {
        var other = Api.CreateClient().WithKey((await Editor.CreateKeyAsync(["content:write"])).Secret);
        var key = NewKey();

        var mine = await (await PostAsync(Editor, "/api/v1/tags", new { name = TestData.Unique("Tag") }, key)).ReadJsonAsync(HttpStatusCode.Created);
        var theirs = await PostAsync(other, "/api/v1/tags", new { name = TestData.Unique("Tag") }, key);

        Assert.NotEqual(mine.Id(), (await theirs.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AKeyIsForgottenAfterItsRetentionAndPurged()
    {
        var key = NewKey();
        var body = new { name = TestData.Unique("Tag") };
        var first = await (await PostAsync(Editor, "/api/v1/tags", body, key)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/tags/{first.Id()}")).StatusCode);
        Api.Clock.Advance(TimeSpan.FromHours(25));

        await Api.Services.GetRequiredService<ChangePurger>().PurgeAsync(Cancel);
        var left = 0;
        await WithDbAsync(async db => left = await db.IdempotencyRecords.CountAsync(r => r.Key == key.Trim('"'), Cancel));
        var again = await PostAsync(Editor, "/api/v1/tags", body, key);

        Assert.Equal(0, left);
        Assert.NotEqual(first.Id(), (await again.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"has\\\"quote\"")]
    public async Task AMalformedKeyIsRefused(string key)
    {
        var problem = await (await PostAsync(Editor, "/api/v1/tags", new { name = TestData.Unique("Tag") }, key)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Idempotency-Key", (string)problem["title"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedValidationIsReplayedToo()
    {
        var key = NewKey();
        var first = await PostAsync(Editor, "/api/v1/tags", new { name = "" }, key);
        var repeat = await PostAsync(Editor, "/api/v1/tags", new { name = "" }, key);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private async Task WithDbAsync(Func<NewsDbContext, Task> action)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }
}
