using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;
using Npgsql;

namespace NewsApi.Tests.Reliability;

public sealed class ShutdownOnSqlite() : ShutdownTests(null);

public sealed class ShutdownOnPostgres() : ShutdownTests(Environment.GetEnvironmentVariable(PostgresApi.ServerVariable) is { Length: > 0 } server
    ? server
    : string.Equals(Environment.GetEnvironmentVariable(PostgresApi.RequiredVariable), "true", StringComparison.OrdinalIgnoreCase)
        ? throw new InvalidOperationException($"{PostgresApi.RequiredVariable} is set but {PostgresApi.ServerVariable} is not.")
        : "");

/// <summary>
/// SIGTERM while writers are busy and one request is still sending its body: the request in flight completes, the
/// process exits within the drain timeout, and every write acknowledged with a 2xx is there when the API starts again.
/// </summary>
public abstract class ShutdownTests(string? postgresServer)
{
    private const int DrainSeconds = 10;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ApiProcess Create(string? connectionString = null)
    {
        // No unready period: this is about the drain itself (ReadinessOnShutdownTests covers the period before it).
        var settings = new Dictionary<string, string>
        {
            ["Hosting:DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hosting:UnreadySeconds"] = "0",
        };
        if (postgresServer is null)
        {
            return connectionString is null ? ApiProcess.OnSqlite(settings) : ApiProcess.On("Sqlite", connectionString, settings);
        }
        return ApiProcess.On("Postgres", connectionString ?? new NpgsqlConnectionStringBuilder(postgresServer)
        {
            Database = $"newsapi_test_{Guid.NewGuid():N}",
        }.ConnectionString, settings);
    }

    [Fact]
    public async Task SigtermLetsRequestsInFlightFinishAndLosesNoAcknowledgedWrite()
    {
        Assert.SkipWhen(postgresServer == "", $"PostgreSQL leg not enabled: set {PostgresApi.ServerVariable} (README, 'PostgreSQL tests').");
        var first = Create();
        ApiProcess? second = null;
        try
        {
            await first.StartAsync();

            var body = Encoding.UTF8.GetBytes($$"""{"name":"{{TestData.Unique("In flight at SIGTERM")}}"}""");
            using var inFlight = new TcpClient();
            OutageLoad load;
            await using (load = OutageLoad.Start(first.CreateClient(NewsApiFactory.AdminKey), writers: 3, readers: 1))
            {
                await LocalServices.WaitUntilAsync(() => Task.FromResult(load.Acknowledged.Count >= 30), TimeSpan.FromSeconds(60), "30 writes before SIGTERM");
                // A request in flight at SIGTERM: its headers and half its body are sent, the rest only afterwards (within
                // Kestrel's 5-s grace for slow bodies).
                await inFlight.ConnectAsync(first.BaseAddress.Host, first.BaseAddress.Port, Cancel);
                await inFlight.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST /api/v1/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {NewsApiFactory.AdminKey}\r\n"
                    + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), Cancel);
                await inFlight.GetStream().WriteAsync(body.AsMemory(0, body.Length / 2), Cancel);
                await LocalServices.TerminateAsync(first.ProcessId);
                await LocalServices.WaitUntilAsync(async () =>
                {
                    try
                    {
                        using var probe = new TcpClient();
                        await probe.ConnectAsync(first.BaseAddress.Host, first.BaseAddress.Port, Cancel);
                        return false;
                    }
                    catch (SocketException)
                    {
                        return true;
                    }
                }, TimeSpan.FromSeconds(3), "the server stops taking connections");
            }

            await inFlight.GetStream().WriteAsync(body.AsMemory(body.Length / 2), Cancel);
            var answer = await RawHttp.ReadAsync(inFlight.GetStream(), TimeSpan.FromSeconds(DrainSeconds), Cancel);
            Assert.True(answer.Status == 201, $"the request in flight was answered {answer.Status}: {answer.Body}\n{first.Output}");
            var inFlightId = (string)JsonNode.Parse(answer.Body)!["id"]!;

            var exit = await first.WaitForExitAsync(TimeSpan.FromSeconds(DrainSeconds + 5));
            Assert.True(exit is not null, $"the process did not exit within the drain timeout:\n{first.Output}");
            Assert.Equal(0, exit.Value.ExitCode);
            // A 503 is a write that waited longer than Database:BusyTimeoutSeconds for another writer's SQLite lock on a
            // starved machine: the documented answer to a busy database, not a failure of the shutdown.
            Assert.DoesNotContain(load.Outcomes, o => o.Status >= 500 && o.Status != 503);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{(postgresServer is null ? "Sqlite" : "Postgres")}: exited {exit.Value.Elapsed.TotalMilliseconds:0} ms after the in-flight request's answer; "
                + $"{load.Acknowledged.Count} writes acknowledged, {load.Outcomes.Count(o => o.Status == 0)} requests refused at the door");

            second = Create(first.ConnectionString);
            await second.StartAsync();
            using var client = second.CreateClient(NewsApiFactory.AdminKey);
            var lost = new List<string>();
            foreach (var id in load.Acknowledged.Append(inFlightId))
            {
                if ((await client.GetAsync($"/api/v1/tags/{id}", Cancel)).StatusCode != HttpStatusCode.OK)
                {
                    lost.Add(id);
                }
            }
            Assert.Empty(lost);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            await first.DisposeAsync();
            await DropPostgresDatabaseAsync(first.ConnectionString);
        }
    }

    private async Task DropPostgresDatabaseAsync(string connectionString)
    {
        if (string.IsNullOrEmpty(postgresServer))
        {
            return;
        }
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
