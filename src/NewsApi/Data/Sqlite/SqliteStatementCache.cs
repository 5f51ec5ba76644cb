using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// SQLite reads whose statements are prepared once per connection and then kept. Microsoft.Data.Sqlite disposes a
/// connection's commands when the connection closes, so a statement run through EF is compiled by SQLite afresh on
/// every request (dotnet/efcore#14044); for a list page, whose card statement is long, that was 13% of the request.
/// The reads here run on connections of their own that stay open, read-only (<c>query_only</c>), with each command
/// prepared the first time, and take turns on them, as many at once as there are cores. Each statement runs in its
/// own read transaction, so it sees every write committed before it starts, and SQLite prepares it again by itself
/// when the schema changes. EF does not see these statements, so they are logged here (category
/// <c>NewsApi.Data.SqliteStatementCache</c>, Debug) with their parameters: page sizes, times and article ids,
/// nothing personal.
/// </summary>
public sealed partial class SqliteStatementCache(ILogger<SqliteStatementCache> logger) : IDisposable
{
    /// <summary>Distinct statements kept per connection; a caller building SQL per request would otherwise grow it without end.</summary>
    private const int StatementsPerConnection = 16;

    private readonly ConcurrentDictionary<string, Pool> _pools = new(StringComparer.Ordinal);

    /// <summary>
    /// Statements run at once per database, one per core, and so connections kept. SQLite's work here is short, CPU-bound
    /// and synchronous: more statements at once than cores only take turns on them. Pool threads outnumber the cores
    /// whenever one is preempted mid-statement, and without turns two cores with 32 clients kept opening connections
    /// (each with its own page cache) to serve them; with them, the front page's rate rose by a third and its p99
    /// fell from 29-32 to 18-20 ms (bench/ANALYSIS.md).
    /// </summary>
    private readonly int _concurrency = Math.Max(2, Environment.ProcessorCount);
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="sql"/> with these parameters, always passed in the same order, and reads its result.</summary>
    public async ValueTask<T> ReadAsync<T>(string connectionString, string sql, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pool = _pools.GetOrAdd(connectionString, static (c, concurrency) => new Pool(c, concurrency), _concurrency);
        await pool.Turns.WaitAsync(cancellationToken);
        PreparedConnection? connection = null;
        try
        {
            connection = pool.Rent();
            var started = logger.IsEnabled(LogLevel.Debug) ? Stopwatch.GetTimestamp() : 0;
            var command = connection.Command(sql);
            var bound = command.Parameters;
            for (var i = 0; i < parameters.Length; i++)
            {
                var value = parameters[i].Value ?? DBNull.Value;
                if (i < bound.Count)
                {
                    bound[i].Value = value;
                }
                else
                {
                    bound.AddWithValue(parameters[i].Name, value);
                }
            }
            T result;
            using (var reader = command.ExecuteReader())
            {
                result = read(reader);
            }
            if (started != 0)
            {
                StatementExecuted(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds, new StatementParameters(parameters), sql);
            }
            pool.Return(connection);
            connection = null;
            if (_disposed)
            {
                pool.Clear();
            }
            return result;
        }
        finally
        {
            // A connection whose statement failed is not kept: whatever went wrong may have left it unusable.
            connection?.Dispose();
            pool.Turns.Release();
        }
    }

    [LoggerMessage(EventId = 1, EventName = "StatementExecuted", Level = LogLevel.Debug,
        Message = "Executed prepared statement ({ElapsedMilliseconds:F1} ms) [{Parameters}]\n{CommandText}")]
    private static partial void StatementExecuted(ILogger logger, double elapsedMilliseconds, StatementParameters parameters, string commandText);

    /// <summary>A statement's parameters, as logged: the values as bound, in order.</summary>
    public sealed class StatementParameters(IReadOnlyList<(string Name, object? Value)> values)
    {
        public IReadOnlyList<(string Name, object? Value)> Values { get; } = values;

        public override string ToString() =>
            string.Join(", ", Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}='{p.Value}'")));
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var pool in _pools.Values)
        {
            pool.Clear();
        }
    }

    private sealed class Pool(string connectionString, int concurrency)
    {
        private readonly ConcurrentQueue<PreparedConnection> _idle = new();

        /// <summary>A turn to run a statement; there are never more connections than turns.</summary>
        public SemaphoreSlim Turns { get; } = new(concurrency, concurrency);

        public PreparedConnection Rent() => _idle.TryDequeue(out var connection) ? connection : PreparedConnection.Open(connectionString);

        public void Return(PreparedConnection connection) => _idle.Enqueue(connection);

        public void Clear()
        {
            while (_idle.TryDequeue(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    private sealed class PreparedConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        private PreparedConnection(SqliteConnection connection) => _connection = connection;

        public static PreparedConnection Open(string connectionString)
        {
            // Not from Microsoft.Data.Sqlite's pool: this connection is read-only, and on closing it would go back
            // there for EF to write through.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            try
            {
                connection.Open();
                using var readOnly = connection.CreateCommand();
                readOnly.CommandText = "PRAGMA query_only = ON;";
                readOnly.ExecuteNonQuery();
                return new PreparedConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public SqliteCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                return command;
            }
            if (_commands.Count >= StatementsPerConnection)
            {
                foreach (var old in _commands.Values)
                {
                    old.Dispose();
                }
                _commands.Clear();
            }
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            // Closing the connection disposes its commands, and with them the prepared statements.
            _connection.Dispose();
        }
    }
}
