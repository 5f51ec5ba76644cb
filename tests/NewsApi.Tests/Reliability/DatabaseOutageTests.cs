using System.Diagnostics;
using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

public sealed class DatabaseOutageOnSqlite(SqliteOutageApi api) : DatabaseOutageTests(api), IClassFixture<SqliteOutageApi>;

public sealed class DatabaseOutageOnPostgres(PostgresOutageApi api) : DatabaseOutageTests(api), IClassFixture<PostgresOutageApi>;

/// <summary>
/// The database goes away under load (PostgreSQL: <c>pg_ctl stop -m immediate</c>; SQLite: another process locks the
/// file) and comes back. Requests are answered 503 with Retry-After within 2 s, none hangs, readiness fails while
/// liveness holds, the API recovers without a restart within 5 s, and no acknowledged write is lost.
/// </summary>
public abstract class DatabaseOutageTests(NewsApiFactory api) : ApiTest(api)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(5);

    private IDatabaseOutage Outage => (IDatabaseOutage)Api;

    [Fact]
    public async Task AnOutageIsAnswered503QuicklyAndTheApiRecoversWithoutLosingAcknowledgedWrites()
    {
        var health = Api.CreateAnonymousClient();
        OutageLoad load;
        TimeSpan warm, began, ended, to503, recovered;
        await using (load = OutageLoad.Start(Api.CreateEditorClient(), writers: 3, readers: 2))
        {
            await LocalServices.WaitUntilAsync(() => Task.FromResult(load.Acknowledged.Count >= 20), TimeSpan.FromSeconds(60), "20 writes before the outage");
            warm = load.Clock.Elapsed; // the first requests wait for the application to start and compile

            await Outage.BeginOutageAsync();
            began = load.Clock.Elapsed;
            to503 = await LocalServices.WaitUntilAsync(
                () => Task.FromResult(load.Since(began).Any(o => o is { Kind: "write", Status: 503 })), TimeSpan.FromSeconds(10), "a write answered 503");

            Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health/live", Cancel)).StatusCode);
            var probe = Stopwatch.StartNew();
            var ready = await health.GetAsync("/health/ready", Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(probe.Elapsed < TimeSpan.FromSeconds(3.5), $"/health/ready took {probe.Elapsed.TotalSeconds:0.00} s");

            // The outage lasts long enough for every writer to be refused several times.
            await LocalServices.WaitUntilAsync(() => Task.FromResult(load.Since(began).Count(o => o.Status == 503) >= 10),
                TimeSpan.FromSeconds(30), "ten answers 503 during the outage");

            await Outage.EndOutageAsync();
            ended = load.Clock.Elapsed;
            recovered = await LocalServices.WaitUntilAsync(
                async () => load.Since(ended).Any(o => o is { Kind: "write", Status: 201 })
                            && (await health.GetAsync("/health/ready", Cancel)).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(15), "writes succeed and /health/ready is 200 again");
            await LocalServices.WaitUntilAsync(() => Task.FromResult(load.Since(ended + recovered).Count(o => o.Kind == "write") >= 10),
                TimeSpan.FromSeconds(30), "ten writes after the recovery");
        }

        var outcomes = load.Since(warm).ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Api.Provider}: first 503 {to503.TotalMilliseconds:0} ms after the outage began; recovered {recovered.TotalMilliseconds:0} ms after "
            + $"the database was back; slowest answer {outcomes.Max(o => o.Took).TotalMilliseconds:0} ms; {outcomes.Length} requests, "
            + $"{outcomes.Count(o => o.Status == 503)} answered 503");

        Assert.True(recovered <= RecoverWithin, $"recovered after {recovered.TotalSeconds:0.00} s");
        Assert.DoesNotContain(outcomes, o => o.Status == 0 || o.Status >= 500 && o.Status != 503);
        Assert.All(outcomes.Where(o => o.Status == 503), o =>
        {
            Assert.Equal("application/problem+json", o.ContentType);
            Assert.False(string.IsNullOrEmpty(o.RetryAfter), "a 503 says when to retry");
        });
        Assert.DoesNotContain(outcomes, o => o.Took > AnswerWithin);
        var afterRecovery = outcomes.Where(o => o.StartedAt >= ended + recovered).ToArray();
        Assert.All(afterRecovery, o => Assert.True(o.Status is >= 200 and < 300, $"after the recovery: {o}"));

        var editor = Api.CreateEditorClient();
        var lost = new List<string>();
        foreach (var id in load.Acknowledged)
        {
            if ((await editor.GetAsync($"/api/v1/tags/{id}", Cancel)).StatusCode != HttpStatusCode.OK)
            {
                lost.Add(id);
            }
        }
        Assert.Empty(lost);
        Assert.Contains(outcomes, o => o.StartedAt > ended && o.Kind == "write" && o.Status == 201);
    }
}
