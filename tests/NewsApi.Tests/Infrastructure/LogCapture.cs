using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Keeps everything an application logs as text: each formatted message with its exception and the values of its
/// state, and the values of every scope opened, so a test can search all of it for what must never be written.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    /// <summary>Every line; a scope counts as logged at the level of the most verbose message that could carry it.</summary>
    public IEnumerable<string> Lines => _lines.Select(l => l.Text);

    public IEnumerable<string> LinesAtOrAbove(LogLevel level) => _lines.Where(l => l.Level >= level).Select(l => l.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private static string Describe(object? state)
    {
        var text = new StringBuilder(state?.ToString());
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                text.Append(" | ").Append(key).Append('=').Append(value is System.Collections.IEnumerable items and not string
                    ? string.Join(", ", items.Cast<object?>())
                    : value);
            }
        }
        return text.ToString();
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            capture._lines.Enqueue((LogLevel.Trace, $"Scope {category}: {Describe(state)}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue((logLevel, $"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} | {Describe(state)} | {exception}"));
    }
}
