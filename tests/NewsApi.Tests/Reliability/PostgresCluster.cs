using NewsApi.Tests.Infrastructure;
using Npgsql;

namespace NewsApi.Tests.Reliability;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own (initdb and pg_ctl), which the test may stop and start: the shared
/// server named by NEWSAPI_TEST_POSTGRES is never stopped. PostgreSQL refuses to run as root, so as root the cluster
/// belongs to the postgres system user. Without PostgreSQL's programs the leg is skipped, unless CI requires it.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly string? BinDirectory = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .LastOrDefault()
        : Path.GetDirectoryName(LocalServices.Find("pg_ctl") ?? "") is { Length: > 0 } dir ? dir : null;

    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(PostgresApi.RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"newsapi-fault-pg-{Guid.NewGuid():N}");

    public int Port { get; } = LocalServices.FreePort();

    public static string? SkipReason => BinDirectory is null && !Required
        ? "PostgreSQL outage leg not enabled: PostgreSQL's programs (initdb, pg_ctl) are not installed."
        : null;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    private string Bin(string program) => Path.Combine(BinDirectory ?? throw new InvalidOperationException(
        $"{PostgresApi.RequiredVariable} is set but PostgreSQL's programs are not installed."), program);

    private string Data => Path.Combine(_directory, "data");

    public async Task CreateAsync()
    {
        Directory.CreateDirectory(_directory);
        if (LocalServices.IsRoot)
        {
            await LocalServices.RunAsync("chown", ["postgres:postgres", _directory], TimeSpan.FromSeconds(10));
        }
        await LocalServices.RunAsync("chmod", ["700", _directory], TimeSpan.FromSeconds(10));
        await AsPostgresAsync(Bin("initdb"), ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], TimeSpan.FromMinutes(2));
        await StartAsync();
    }

    public Task StartAsync() => AsPostgresAsync(Bin("pg_ctl"),
        ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
         "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c max_connections=50", "start"],
        TimeSpan.FromSeconds(90));

    /// <summary>Kills the server as a crash would: no checkpoint, clients' connections cut.</summary>
    public Task StopImmediatelyAsync() => AsPostgresAsync(Bin("pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(Data))
        {
            try
            {
                await AsPostgresAsync(Bin("pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(60));
            }
            catch (InvalidOperationException)
            {
                // already stopped
            }
        }
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Task<string> AsPostgresAsync(string program, IEnumerable<string> arguments, TimeSpan timeout) => LocalServices.IsRoot
        ? LocalServices.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], timeout)
        : LocalServices.RunAsync(program, arguments, timeout);
}
