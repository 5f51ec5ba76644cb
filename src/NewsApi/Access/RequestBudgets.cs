using System.Threading.RateLimiting;
using NewsApi.Hosting;
using StackExchange.Redis;

namespace NewsApi.Access;

/// <summary>Whether a request fits its budget, and if not, how long until the window opens again.</summary>
public readonly record struct BudgetAnswer(bool Allowed, TimeSpan RetryAfter);

/// <summary>Fixed one-minute windows of requests, per partition (a caller and what it does).</summary>
public interface IRequestBudgets
{
    /// <summary>Spends one request of the partition's <paramref name="limit"/> a minute, or with <paramref name="spend"/> false only looks.</summary>
    ValueTask<BudgetAnswer> TakeAsync(string partition, int limit, bool spend, CancellationToken cancellationToken);
}

/// <summary>This instance's own windows: the budgets of a single instance, and the fallback while Redis is down.</summary>
public sealed class MemoryRequestBudgets : IRequestBudgets, IDisposable
{
    private readonly PartitionedRateLimiter<(string Partition, int Limit)> _limiter =
        PartitionedRateLimiter.Create<(string Partition, int Limit), string>(request =>
            RateLimitPartition.GetFixedWindowLimiter(request.Partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = request.Limit,
                Window = RateLimits.Window,
                QueueLimit = 0,
            }));

    public ValueTask<BudgetAnswer> TakeAsync(string partition, int limit, bool spend, CancellationToken cancellationToken)
    {
        using var lease = _limiter.AttemptAcquire((partition, limit), spend ? 1 : 0);
        return ValueTask.FromResult(new BudgetAnswer(lease.IsAcquired,
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : RateLimits.Window));
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// One budget for every instance: a counter per partition in Redis that lives one window, counted by a script so
/// the increment and the expiry are one step. One round trip per request. While Redis cannot be reached each
/// instance counts in memory again (a client then gets at most its budget once per instance, never an unlimited
/// one), with one warning for the outage rather than one per request; see docs/decisions/0013.
/// </summary>
public sealed partial class RedisRequestBudgets(SharedRedis redis, MemoryRequestBudgets fallback, ILogger<RedisRequestBudgets> logger)
    : IRequestBudgets
{
    private const string Script = """
        local count
        if ARGV[2] == '1' then
          count = redis.call('INCR', KEYS[1])
          if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        else
          count = tonumber(redis.call('GET', KEYS[1]) or '0')
        end
        return {count, redis.call('PTTL', KEYS[1])}
        """;

    private static readonly RedisValue WindowMilliseconds = (long)RateLimits.Window.TotalMilliseconds;

    private int _down;

    public async ValueTask<BudgetAnswer> TakeAsync(string partition, int limit, bool spend, CancellationToken cancellationToken)
    {
        if (!redis.Multiplexer.IsConnected)
        {
            MarkDown("not connected");
            return await fallback.TakeAsync(partition, limit, spend, cancellationToken);
        }
        try
        {
            var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(Script,
                [(RedisKey)(redis.Prefix + "budget:" + partition)], [WindowMilliseconds, spend ? "1" : "0"]))!;
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                BudgetsShared(logger);
            }
            var count = (long)result[0];
            var ttl = (long)result[1];
            var allowed = spend ? count <= limit : count < limit;
            return new BudgetAnswer(allowed, ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : RateLimits.Window);
        }
        catch (Exception e) when (SharedRedis.IsFailure(e))
        {
            MarkDown(e.Message);
            return await fallback.TakeAsync(partition, limit, spend, cancellationToken);
        }
    }

    private void MarkDown(string reason)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            BudgetsLocal(logger, reason);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "The request budgets' Redis server cannot be reached ({Reason}): each instance counts its own budgets until it is back")]
    private static partial void BudgetsLocal(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The request budgets' Redis server is back: budgets are shared again")]
    private static partial void BudgetsShared(ILogger logger);
}
