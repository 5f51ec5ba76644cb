using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsApi.Data.Replica;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Data;

/// <summary>The tests that hold the shared replica's replay run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection
{
    public const string Name = "PostgreSQL replica";
}

/// <summary>Reads through the replica, proved by holding its replay: what it shows is then older than the primary.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReadReplicaTests(PatientReplicaApi api) : ApiTest(api), IClassFixture<PatientReplicaApi>
{
    private PatientReplicaApi Fixture => (PatientReplicaApi)Api;

    private static async Task<string> TitleAsync(HttpResponseMessage response) =>
        (string)(await response.ReadJsonAsync(HttpStatusCode.OK))["title"]!;

    private async Task<string> TitleAsync(HttpClient client, string url) => await TitleAsync(await client.GetAsync(url, Cancel));

    private void ForgetRecentWrites() => Api.Clock.Advance(TimeSpan.FromSeconds(Fixture.ReadYourWritesSeconds + 1));

    [Fact]
    public async Task PublicReadsComeFromTheReplicaAndAWritersOwnAndConditionalReadsFromThePrimary()
    {
        var reader = Api.CreateClient().WithKey((await Editor.CreateKeyAsync(["content:read"])).Secret);
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        var before = (string)article["title"]!;
        ForgetRecentWrites();
        await Fixture.CaughtUpAsync();
        var etag = (await Client.GetAsync(url, Cancel)).Headers.ETag!.ToString();

        await Fixture.PauseReplayAsync();
        try
        {
            await (await Editor.PatchAsync(url, new { title = "Retitled on the primary" })).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("Retitled on the primary", await TitleAsync(Client, url)); // just after any write: the primary
            Api.Clock.Advance(Fixture.AnyWriteWindow + TimeSpan.FromSeconds(1));

            Assert.Equal(before, await TitleAsync(Client, url));          // anonymous: the replica, which has not replayed it
            Assert.Equal(before, await TitleAsync(reader, url));          // another key, which wrote nothing: the replica too
            Assert.Equal("Retitled on the primary", await TitleAsync(Editor, url)); // the writer reads its own write
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal("Retitled on the primary", await TitleAsync(await Client.SendAsync(conditional, Cancel)));

            Api.Clock.Advance(TimeSpan.FromSeconds(Fixture.ReadYourWritesSeconds) - Fixture.AnyWriteWindow);
            Assert.Equal(before, await TitleAsync(Editor, url));          // the writer's window is over: the replica again
        }
        finally
        {
            await Fixture.ResumeReplayAsync();
        }
        await Fixture.CaughtUpAsync();
        Assert.Equal("Retitled on the primary", await TitleAsync(Client, url));
    }

    [Fact]
    public async Task AReplicaThatDropsItsConnectionsMidReadIsMarkedDownAndTheReadIsAnsweredByThePrimary()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        ForgetRecentWrites();
        await Fixture.CaughtUpAsync();
        Assert.Equal((string)article["title"]!, await TitleAsync(Client, url)); // leaves an idle connection to the replica
        var warnings = Fixture.Warnings("read replica cannot be reached");

        await Fixture.TerminateReplicaSessionsAsync();

        Assert.Equal((string)article["title"]!, await TitleAsync(Client, url));
        Assert.False(Fixture.Health.Available);
        Assert.Equal(warnings + 1, Fixture.Warnings("read replica cannot be reached"));
        await Fixture.MeasureLagAsync();
        Assert.True(Fixture.Health.Available);
    }
}

/// <summary>A replica further behind than Database:MaxReplicaLagSeconds serves no reads, and a warning says so.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class LaggingReplicaTests(StrictReplicaApi api) : ApiTest(api), IClassFixture<StrictReplicaApi>
{
    private StrictReplicaApi Fixture => (StrictReplicaApi)Api;

    [Fact]
    public async Task ReadsGoToThePrimaryWithOneWarningWhileTheReplicaLags()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        await Fixture.CaughtUpAsync();

        await Fixture.PauseReplayAsync();
        try
        {
            await (await Editor.PatchAsync(url, new { title = "Written while the replica lags" })).ReadJsonAsync(HttpStatusCode.OK);
            await Fixture.ReceivedAsync();
            var warnings = Fixture.Warnings("behind the primary");
            // Past every write window and any earlier warning's minute. The background check this wakes finds the
            // same lag: one of the two warns, the other is within the minute.
            Api.Clock.Advance(Fixture.AnyWriteWindow + TimeSpan.FromSeconds(1));
            await Fixture.MeasureLagAsync();

            Assert.False(Fixture.Health.Available);
            Assert.Equal(warnings + 1, Fixture.Warnings("behind the primary"));
            var response = await Client.GetAsync(url, Cancel); // nobody wrote lately: only the lag keeps it off the replica
            Assert.Equal("Written while the replica lags", (string)(await response.ReadJsonAsync(HttpStatusCode.OK))["title"]!);
            await Fixture.MeasureLagAsync();
            Assert.Equal(warnings + 1, Fixture.Warnings("behind the primary")); // once, not once per check
        }
        finally
        {
            await Fixture.ResumeReplayAsync();
        }
    }
}

/// <summary>The replica's address answers nothing (a closed port): every read is still answered, from the primary.</summary>
public sealed class UnreachableReplicaApi : PostgresApi
{
    public LogCapture Logs { get; } = new();

    protected override bool CallersAreEditors => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:NewsReplica"] = $"Host=127.0.0.1;Port={Reliability.LocalServices.FreePort()};Username=postgres;Database=news",
        ["OutputCache:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }
}

public sealed class UnreachableReplicaTests(UnreachableReplicaApi api) : ApiTest(api), IClassFixture<UnreachableReplicaApi>
{
    private UnreachableReplicaApi Fixture => (UnreachableReplicaApi)Api;

    private ReplicaHealth Health => Api.Services.GetRequiredService<ReplicaHealth>();

    private int Warnings() => Fixture.Logs.LinesAtOrAbove(LogLevel.Warning).Count(l => l.Contains("read replica cannot be reached"));

    [Fact]
    public async Task ReadsAreAnsweredByThePrimaryAndOneWarningIsLogged()
    {
        // No test of this class writes: a write would send the reads to the primary on its own.
        await Api.Services.GetRequiredService<ReplicaMonitor>().CheckNowAsync(Cancel);
        var warnings = Warnings();
        Assert.True(warnings >= 1, "the replica found down at start-up is logged");

        for (var i = 0; i < 5; i++)
        {
            await (await Client.GetAsync("/api/v1/articles", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            await (await Client.GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            await Api.Services.GetRequiredService<ReplicaMonitor>().CheckNowAsync(Cancel);
        }

        Assert.False(Health.Available);
        Assert.Equal(warnings, Warnings()); // not once per request or per check
    }

    [Fact]
    public async Task AReplicaGoneSinceItWasLastMeasuredFailsOverWithinTheRead()
    {
        Health.Measured(TimeSpan.Zero); // as if the last check had found it well
        var warnings = Warnings();

        await (await Client.GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(Health.Available);
        Assert.Equal(warnings + 1, Warnings());
    }
}

/// <summary>SQLite and SQL Server have no replica here: the setting is refused at start rather than ignored.</summary>
public sealed class ReplicaSettingTests
{
    private sealed class SqliteWithReplica : SqliteApi
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:NewsReplica"] = "Data Source=replica.db",
        };
    }

    [Fact]
    public async Task AReplicaOnSqliteIsRefusedAtStartNamingTheSetting()
    {
        await using var api = new SqliteWithReplica();
        var error = Assert.Throws<InvalidOperationException>(() => api.Services);
        Assert.Contains("ConnectionStrings:NewsReplica", error.Message);
        Assert.Contains("PostgreSQL only", error.Message);
    }
}
