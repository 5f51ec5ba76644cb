using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsApi.Data.Replica;
using Npgsql;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL test database on the primary named by <see cref="PostgresApi.ServerVariable"/>, read through the
/// streaming replica of that server named by <see cref="ReplicaServerVariable"/> (<c>pg_basebackup -R</c>; .ci/run starts
/// one). The database reaches the replica by replication; the fixture waits for it before the tests start. Skipped
/// without the variable unless <see cref="ReplicaRequiredVariable"/> says it must run. Anonymous callers, output cache off:
/// what a read shows is what the database it went to holds.
/// </summary>
public abstract class PostgresReplicaApi : PostgresApi
{
    public const string ReplicaServerVariable = "NEWSAPI_TEST_POSTGRES_REPLICA";
    public const string ReplicaRequiredVariable = "NEWSAPI_TEST_POSTGRES_REPLICA_REQUIRED";

    private static readonly string? ReplicaSetting =
        Environment.GetEnvironmentVariable(ReplicaServerVariable) is { Length: > 0 } value ? value : null;
    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(ReplicaRequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    public LogCapture Logs { get; } = new();

    /// <summary>Database:MaxReplicaLagSeconds of this fixture.</summary>
    protected abstract double MaxReplicaLagSeconds { get; }

    /// <summary>Database:ReadYourWritesSeconds of this fixture.</summary>
    public abstract int ReadYourWritesSeconds { get; }

    /// <summary>Database:ReplicaCheckSeconds: how far the clock must move before the background check runs again.</summary>
    protected abstract int ReplicaCheckSeconds { get; }

    /// <summary>How long after any write every read goes to the primary.</summary>
    public TimeSpan AnyWriteWindow => TimeSpan.FromSeconds(MaxReplicaLagSeconds + ReplicaCheckSeconds);

    protected override bool CallersAreEditors => false;

    public override string? SkipReason => base.SkipReason ?? (ReplicaSetting is null && !Required
        ? $"PostgreSQL replica leg not enabled: set {ReplicaServerVariable} to a streaming replica of {ServerVariable}'s server, e.g. "
          + $"{ReplicaServerVariable}=\"Host=127.0.0.1;Port=5433;Username=postgres\" (README, 'PostgreSQL tests')."
        : null);

    private static string ReplicaServer => ReplicaSetting
        ?? throw new InvalidOperationException($"{ReplicaRequiredVariable} is set but {ReplicaServerVariable} is not: the replica leg cannot run.");

    private string Database => new NpgsqlConnectionStringBuilder(DatabaseConnectionString).Database!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:NewsReplica"] = new NpgsqlConnectionStringBuilder(ReplicaServer) { Database = Database }.ConnectionString,
        ["Database:MaxReplicaLagSeconds"] = MaxReplicaLagSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:ReadYourWritesSeconds"] = ReadYourWritesSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OutputCache:Enabled"] = "false",
        ["Database:ReplicaCheckSeconds"] = ReplicaCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (SkipReason is not null)
        {
            return;
        }
        _ = Services; // starts the application, which creates and migrates the database on the primary
        await CaughtUpAsync();
    }

    /// <summary>Waits until the replica has replayed everything the primary wrote so far, then has its lag measured.</summary>
    public async Task CaughtUpAsync()
    {
        var primaryLsn = await PrimaryLsnAsync();
        await WaitOnReplicaAsync("pg_last_wal_replay_lsn()", primaryLsn);
        await MeasureLagAsync();
    }

    /// <summary>Waits until the replica has received (not necessarily replayed) everything the primary wrote so far.</summary>
    public async Task ReceivedAsync() => await WaitOnReplicaAsync("pg_last_wal_receive_lsn()", await PrimaryLsnAsync());

    public Task MeasureLagAsync() => Services.GetRequiredService<ReplicaMonitor>().CheckNowAsync(CancellationToken.None);

    public int Warnings(string text) => Logs.LinesAtOrAbove(LogLevel.Warning).Count(l => l.Contains(text));

    /// <summary>Cuts every connection to the test database on the replica, as a replica restart would.</summary>
    public Task TerminateReplicaSessionsAsync() =>
        OnReplicaAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Database}' AND pid <> pg_backend_pid()");

    public ReplicaHealth Health => Services.GetRequiredService<ReplicaHealth>();

    /// <summary>Stops replay on the replica (it goes on receiving): from now on it shows the database as it was.</summary>
    public Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_resume()");

    private static async Task<string> PrimaryLsnAsync()
    {
        await using var connection = new NpgsqlConnection(Admin(new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresApi.ServerVariable))));
        await connection.OpenAsync();
        // Where the next record goes: every commit so far is before it, flushed or not (the CI primary runs with
        // synchronous_commit off, so a commit may reach the WAL sender a moment after the API answered).
        await using var flush = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection);
        return (string)(await flush.ExecuteScalarAsync())!;
    }

    private static async Task WaitOnReplicaAsync(string position, string target)
    {
        await using var connection = new NpgsqlConnection(Admin(new NpgsqlConnectionStringBuilder(ReplicaServer)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {position} >= '{target}'::pg_lsn", connection);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((bool?)await command.ExecuteScalarAsync() is not true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The replica did not reach {target} ({position}) within 60 s.");
            }
            await Task.Delay(20);
        }
    }

    private static async Task OnReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin(new NpgsqlConnectionStringBuilder(ReplicaServer)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Admin(NpgsqlConnectionStringBuilder server)
    {
        server.Database = "postgres";
        server.Pooling = false;
        return server.ConnectionString;
    }
}

/// <summary>
/// A replica allowed to lag a minute: it serves reads while a test holds its replay for a few seconds. A key reads its
/// own writes from the primary for two minutes, longer than everyone does after any write (61 s).
/// </summary>
public sealed class PatientReplicaApi : PostgresReplicaApi
{
    protected override double MaxReplicaLagSeconds => 60;

    public override int ReadYourWritesSeconds => 120;

    protected override int ReplicaCheckSeconds => 1;
}

/// <summary>
/// A replica allowed no lag at all: any write it has received and not replayed sends reads to the primary. (On a
/// server other tests write to, it may then lag at any moment, so its tests only rely on a lag they made.)
/// </summary>
public sealed class StrictReplicaApi : PostgresReplicaApi
{
    protected override double MaxReplicaLagSeconds => 0;

    public override int ReadYourWritesSeconds => 10;

    // Measured in the background only when a test moves the clock an hour.
    protected override int ReplicaCheckSeconds => 3600;
}
