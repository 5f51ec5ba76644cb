using Microsoft.Extensions.Options;

namespace NewsApi.Data.Replica;

/// <summary>
/// Whether the read replica may serve reads now: measured in the background by <see cref="ReplicaMonitor"/>, and
/// marked down at once by a read that could not reach it. Until the first measurement, reads go to the primary.
/// A warning is logged when the replica stops serving reads and then at most once a minute while it stays out, not
/// once per request; its return is logged too.
/// </summary>
public sealed partial class ReplicaHealth(TimeProvider time, IOptions<DatabaseOptions> options, ILogger<ReplicaHealth> logger)
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private volatile State _state = State.Unknown;
    private DateTimeOffset _lastWarning;

    private enum State
    {
        Unknown,
        Serving,
        Lagging,
        Down,
    }

    public bool Available => _state == State.Serving;

    /// <summary>The last lag measured, or null when the replica could not be reached.</summary>
    public TimeSpan? Lag { get; private set; }

    public void Measured(TimeSpan lag)
    {
        var limit = TimeSpan.FromSeconds(options.Value.MaxReplicaLagSeconds);
        lock (_lock)
        {
            Lag = lag;
            if (lag <= limit)
            {
                if (_state is State.Lagging or State.Down)
                {
                    LogBack(logger, lag.TotalSeconds);
                }
                _state = State.Serving;
                return;
            }
            if (Enter(State.Lagging))
            {
                LogLagging(logger, lag.TotalSeconds, limit.TotalSeconds);
            }
        }
    }

    public void Down(Exception error)
    {
        lock (_lock)
        {
            Lag = null;
            if (Enter(State.Down))
            {
                LogDown(logger, error.GetBaseException().Message);
            }
        }
    }

    /// <summary>Whether to warn: on the way into a state, then once a minute while it lasts.</summary>
    private bool Enter(State state)
    {
        var now = time.GetUtcNow();
        if (_state == state && now - _lastWarning < WarningInterval)
        {
            return false;
        }
        _state = state;
        _lastWarning = now;
        return true;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "The read replica is {LagSeconds:0.#} s behind the primary (Database:MaxReplicaLagSeconds is {LimitSeconds}): reads go to the primary until it catches up.")]
    private static partial void LogLagging(ILogger logger, double lagSeconds, double limitSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "The read replica cannot be reached ({Error}): reads go to the primary until it answers again.")]
    private static partial void LogDown(ILogger logger, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "The read replica serves reads again ({LagSeconds:0.#} s behind the primary).")]
    private static partial void LogBack(ILogger logger, double lagSeconds);
}
