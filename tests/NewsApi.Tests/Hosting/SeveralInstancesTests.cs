using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Hosting;

public sealed class SeveralInstancesOnSqlite(TwoSqliteInstancesOnRedis instances) : SeveralInstancesTests(instances), IClassFixture<TwoSqliteInstancesOnRedis>;

public sealed class SeveralInstancesOnPostgres(TwoPostgresInstancesOnRedis instances) : SeveralInstancesTests(instances), IClassFixture<TwoPostgresInstancesOnRedis>;

/// <summary>
/// Correctness must not depend on which instance answers: a write through A is what B shows on the next request
/// (their output cache is one, in Redis), a key revoked or expired through A fails on B at once, an Idempotency-Key
/// sent to A and then to B is replayed, and a scheduled article is announced once.
/// </summary>
public abstract class SeveralInstancesTests
{
    private readonly TwoInstances _instances;

    protected SeveralInstancesTests(TwoInstances instances)
    {
        Assert.SkipWhen(instances.SkipReason is not null, instances.SkipReason ?? "");
        _instances = instances;
    }

    private NewsApiFactory A => _instances.A;

    private NewsApiFactory B => _instances.B;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> NameAsync(HttpClient client, string url) =>
        (string)(await (await client.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK))["name"]!;

    private async Task RenameBehindTheApiAsync(string id, string name)
    {
        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database;
        // SQLite keeps ids as upper-case text; PostgreSQL as uuid.
        object key = A.Provider == DatabaseProvider.Sqlite ? id.ToUpperInvariant() : Guid.Parse(id);
        await db.ExecuteSqlAsync($"UPDATE \"Tags\" SET \"Name\" = {name} WHERE \"Id\" = {key}", Cancel);
    }

    [Fact]
    public async Task AWriteThroughOneInstanceIsWhatTheOtherShowsOnTheNextRequest()
    {
        var editorA = A.CreateEditorClient();
        var publicB = B.CreateAnonymousClient();
        var tag = await editorA.CreateTagAsync();
        var url = $"/api/v1/tags/{(string)tag["id"]!}";
        var name = (string)tag["name"]!;
        Assert.Equal(name, await NameAsync(publicB, url));
        await RenameBehindTheApiAsync((string)tag["id"]!, "Changed behind the API");
        Assert.Equal(name, await NameAsync(publicB, url)); // B answers from the shared cache

        var current = await editorA.GetAsync(url, Cancel);
        var renamed = TestData.Unique("Renamed");
        await (await editorA.PutJsonAsync(url, new { name = renamed }, current.Headers.ETag!.Tag)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(renamed, await NameAsync(publicB, url));
    }

    [Fact]
    public async Task AnArticleScheduledThroughOneInstanceAppearsOnTheOtherWhenItsTimeComes()
    {
        var editorA = A.CreateEditorClient();
        var publicB = B.CreateAnonymousClient();
        const string list = "/api/v1/articles?pageSize=100";
        async Task<bool> ListedOnBAsync(string id) =>
            (await (await publicB.GetAsync(list, Cancel)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Any(a => (string)a!["id"]! == id);

        Assert.False(await ListedOnBAsync(Guid.NewGuid().ToString())); // B has looked for scheduled articles: none yet
        var article = await editorA.CreateArticleAsync(new { excerpt = "Later." });
        var id = (string)article["id"]!;
        await editorA.PublishAsync(id, A.Clock.GetUtcNow().AddHours(1));
        Assert.False(await ListedOnBAsync(id)); // B's list is cached again, without it

        A.Clock.Advance(TimeSpan.FromHours(2));

        Assert.True(await ListedOnBAsync(id), "B shows the article once its time has come, though only A saw it scheduled");
    }

    [Fact]
    public async Task AKeyRevokedThroughOneInstanceFailsOnTheOtherOnTheNextRequest()
    {
        var key = await A.CreateEditorClient().CreateKeyAsync(["content:read"]);
        var callerOnB = B.CreateClient().WithKey(key.Secret);
        await (await callerOnB.GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        await A.CreateEditorClient().RevokeKeyAsync(key.Id);

        await (await callerOnB.GetAsync("/api/v1/tags", Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredKeyFailsOnEveryInstance()
    {
        var key = await A.CreateEditorClient().CreateKeyAsync(["content:read"], A.Clock.GetUtcNow().AddHours(1));
        foreach (var instance in new[] { A, B })
        {
            await (await instance.CreateClient().WithKey(key.Secret).GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        }

        A.Clock.Advance(TimeSpan.FromHours(1));

        foreach (var instance in new[] { A, B })
        {
            await (await instance.CreateClient().WithKey(key.Secret).GetAsync("/api/v1/tags", Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task AnIdempotencyKeySentToOneInstanceThenTheOtherIsReplayedNotWrittenTwice()
    {
        var name = TestData.Unique("Idempotent");
        var idempotencyKey = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> CreateThroughAsync(NewsApiFactory instance)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tags") { Content = JsonContent.Create(new { name }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            return await instance.CreateEditorClient().SendAsync(request, Cancel);
        }

        var first = await CreateThroughAsync(A);
        var firstId = (string)(await first.ReadJsonAsync(HttpStatusCode.Created))["id"]!;
        var repeat = await CreateThroughAsync(B);

        Assert.Equal(firstId, (string)(await repeat.ReadJsonAsync(HttpStatusCode.Created))["id"]!);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        await using var scope = B.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Tags.CountAsync(t => t.Name == name, Cancel));
    }

    [Fact]
    public async Task AScheduledArticleIsAnnouncedOnceWhenBothInstancesLookAtTheSameMoment()
    {
        var editorA = A.CreateEditorClient();
        var subscription = await (await editorA.PostJsonAsync("/api/v1/webhooks",
            new { url = "https://receiver.example.com/hooks", events = new[] { "article.published" }, description = "two instances" })).ReadJsonAsync(HttpStatusCode.Created);
        var subscriptionId = Guid.Parse((string)subscription["webhook"]!["id"]!);
        var article = await editorA.CreateArticleAsync(new { excerpt = "Later." });
        var resource = $"article:{Guid.Parse((string)article["id"]!)}";
        await editorA.PublishAsync((string)article["id"]!, A.Clock.GetUtcNow().AddMinutes(5));

        A.Clock.Advance(TimeSpan.FromMinutes(6));
        await Task.WhenAll(
            A.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync(Cancel),
            B.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync(Cancel));

        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        Assert.Equal(1, await db.WebhookDeliveries
            .CountAsync(d => d.SubscriptionId == subscriptionId && d.ResourceKey == resource && d.EventType == WebhookEvents.ArticlePublished, Cancel));
        Assert.False(await db.ScheduledPublications.AnyAsync(s => s.DueAt <= A.Clock.GetUtcNow().UtcDateTime, Cancel));
    }
}
