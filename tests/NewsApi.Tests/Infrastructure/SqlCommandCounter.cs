using Microsoft.Extensions.Logging;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the API executes, from the "command executed" log events of EF Core and of the SQLite
/// statements run outside it (<see cref="NewsApi.Data.Sqlite.SqliteStatementCache"/>).
/// </summary>
public sealed class SqlCommandCounter : ILoggerProvider
{
    private static readonly Dictionary<string, int> ExecutedEvents = new()
    {
        ["Microsoft.EntityFrameworkCore.Database.Command"] = 20101,
        [typeof(NewsApi.Data.Sqlite.SqliteStatementCache).FullName!] = 1,
    };

    /// <summary>The log levels a host needs for these events to be written.</summary>
    public static IDictionary<string, string?> LogLevels => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        [$"Logging:LogLevel:{typeof(NewsApi.Data.Sqlite.SqliteStatementCache).FullName}"] = "Debug",
    };
    private int _count;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>The text of each EF Core command since the last reset, in the order they ran.</summary>
    public IReadOnlyList<string> Texts => [.. _texts];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _texts.Clear();
    }

    public ILogger CreateLogger(string categoryName) =>
        ExecutedEvents.TryGetValue(categoryName, out var executed) ? new Logger(this, executed) : new Logger(null, 0);

    public void Dispose()
    {
    }

    private sealed class Logger(SqlCommandCounter? counter, int executed) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => counter is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (counter is not null && eventId.Id == executed)
            {
                Interlocked.Increment(ref counter._count);
                if (state is IReadOnlyList<KeyValuePair<string, object?>> fields
                    && fields.FirstOrDefault(f => f.Key == "commandText").Value is string text)
                {
                    counter._texts.Enqueue(text);
                }
            }
        }
    }
}
