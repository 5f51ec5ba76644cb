using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>A fixture whose database a test may take away and give back.</summary>
public interface IDatabaseOutage
{
    Task BeginOutageAsync();

    Task EndOutageAsync();
}

/// <summary>
/// SQLite whose file another process locks: a Python process holds an exclusive transaction on it. In write-ahead-log
/// mode readers go on reading; no write can.
/// </summary>
public sealed class SqliteOutageApi : SqliteApi, IDatabaseOutage
{
    private const string Locker = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
        connection.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        sys.stdin.read()
        connection.execute("ROLLBACK")
        """;

    private Process? _locker;

    public override string? SkipReason => LocalServices.Find("python3") is null ? "The SQLite outage needs python3 to lock the file from another process." : null;

    public async Task BeginOutageAsync()
    {
        string path;
        await using (var scope = Services.CreateAsyncScope())
        {
            path = new SqliteConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.GetConnectionString()).DataSource;
        }
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Locker);
        start.ArgumentList.Add(path);
        _locker = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var line = await _locker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "locked")
        {
            Assert.Fail($"The locking process did not lock the file: {line} {await _locker.StandardError.ReadToEndAsync()}");
        }
    }

    public async Task EndOutageAsync()
    {
        if (_locker is { } locker)
        {
            locker.StandardInput.Close();
            await locker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            locker.Dispose();
            _locker = null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_locker is { HasExited: false } locker)
        {
            locker.Kill();
        }
        await base.DisposeAsync();
    }
}

/// <summary>PostgreSQL on a cluster of the fixture's own, which it stops with <c>pg_ctl stop -m immediate</c>.</summary>
public sealed class PostgresOutageApi : NewsApiFactory, IDatabaseOutage
{
    private readonly PostgresCluster _cluster = new();

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string? SkipReason => PostgresCluster.SkipReason;

    protected override string ConnectionString => _cluster.ConnectionString("news");

    public override async ValueTask InitializeAsync()
    {
        if (SkipReason is null)
        {
            await _cluster.CreateAsync();
        }
    }

    public Task BeginOutageAsync() => _cluster.StopImmediatelyAsync();

    public Task EndOutageAsync() => _cluster.StartAsync();

    protected override async Task DropDatabaseAsync() => await _cluster.DisposeAsync();
}
