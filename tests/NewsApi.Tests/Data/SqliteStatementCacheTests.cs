using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Data;
using NewsApi.Data.Sqlite;

namespace NewsApi.Tests.Data;

/// <summary>Kept, prepared read connections: what they see, what they refuse, and what they leave for everyone else.</summary>
public sealed class SqliteStatementCacheTests : IDisposable
{
    private const string CountNotes = "SELECT count(*) FROM notes WHERE body <> $except";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"newsapi-statements-{Guid.NewGuid():N}.db");
    private readonly SqliteStatementCache _cache = new(NullLogger<SqliteStatementCache>.Instance);

    public SqliteStatementCacheTests()
    {
        SqliteEngine.Configure();
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
    }

    private string ConnectionString => $"Data Source={_path}";

    [Fact]
    public void AKeptStatementSeesEveryWriteCommittedBeforeItRuns()
    {
        Assert.Equal(0, Count());
        Execute("INSERT INTO notes (body) VALUES ('one'), ('two');");
        Assert.Equal(2, Count());
        Execute("DELETE FROM notes WHERE body = 'one';");
        Assert.Equal(1, Count());
    }

    [Fact]
    public void AKeptStatementStillRunsAfterTheSchemaChanges()
    {
        Execute("INSERT INTO notes (body) VALUES ('one');");
        Assert.Equal(1, Count());

        Execute("ALTER TABLE notes ADD COLUMN extra TEXT; CREATE INDEX ix_notes_body ON notes (body);");

        Assert.Equal(1, Count());
    }

    [Fact]
    public void TheKeptConnectionsRefuseToWrite()
    {
        var refused = Assert.Throws<SqliteException>(() => Read("INSERT INTO notes (body) VALUES ($body)", ("$body", "sneaked in")));

        Assert.Contains("readonly", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task ItsReadOnlyConnectionsNeverReachThePoolWritersShare()
    {
        Execute("INSERT INTO notes (body) VALUES ('one');");

        // Many readers at once, then the cache is disposed, which closes its connections.
        using var start = new Barrier(32);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return Count();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        _cache.Dispose();

        // Writers through Microsoft.Data.Sqlite's pool for the same database (as EF's are) can still write.
        for (var i = 0; i < 40; i++)
        {
            Execute($"INSERT INTO notes (body) VALUES ('w{i}');");
        }
        using var check = Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM notes";
        Assert.Equal(41L, command.ExecuteScalar());
    }

    [Fact]
    public void ParametersAreBoundAfreshOnEveryRun()
    {
        Execute("INSERT INTO notes (body) VALUES ('one'), ('two'), ('three');");

        Assert.Equal(2, Read(CountNotes, ("$except", "one")));
        Assert.Equal(3, Read(CountNotes, ("$except", "none")));
        Assert.Equal(2, Read(CountNotes, ("$except", "two")));
    }

    [Fact]
    public async Task AReadWaitingForItsTurnCanBeCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _cache.ReadAsync(ConnectionString, CountNotes, static r => ReadCount(r), cancelled.Token, ("$except", "")).AsTask());
        Assert.Equal(0, Count());
    }

    [Fact]
    public void ADisposedCacheRunsNothing()
    {
        _cache.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Count());
    }

    private int Count() => Read(CountNotes, ("$except", ""));

    private int Read(string sql, params (string Name, object? Value)[] parameters) =>
        _cache.ReadAsync(ConnectionString, sql, static r => ReadCount(r), CancellationToken.None, parameters).AsTask().GetAwaiter().GetResult();

    private static int ReadCount(SqliteDataReader reader)
    {
        reader.Read();
        return reader.GetInt32(0);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _cache.Dispose();
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection); // not ClearAllPools: see SqliteApi
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
