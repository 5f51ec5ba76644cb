using Microsoft.Extensions.Logging;

namespace NewsApi.Tests.Infrastructure;

/// <summary>Counts the SQL commands EF Core executes, from its own "command executed" log events.</summary>
public sealed class SqlCommandCounter : ILoggerProvider
{
    private const string Category = "Microsoft.EntityFrameworkCore.Database.Command";
    private const int CommandExecuted = 20101;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName == Category ? this : null);

    public void Dispose()
    {
    }

    private sealed class Logger(SqlCommandCounter? counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => counter is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (counter is not null && eventId.Id == CommandExecuted)
            {
                Interlocked.Increment(ref counter._count);
            }
        }
    }
}
