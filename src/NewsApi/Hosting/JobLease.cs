using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using StackExchange.Redis;

namespace NewsApi.Hosting;

public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How long a Redis job lease lasts: when its holder dies without giving it back, another instance takes the job
    /// over after at most this long. Longer than any one run of a job.
    /// </summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;
}

/// <summary>
/// Background jobs (trash purge, webhook dispatch, scheduled announcements, retention purges) run on one instance
/// at a time: each run first takes the job's lease and gives it back when done; an instance that cannot take it
/// skips that run. Where the lease lives (docs/decisions/0013): Redis when configured; else a PostgreSQL advisory
/// lock; else (SQLite, SQL Server without Redis) this process, which is then meant to run alone.
/// </summary>
public interface IJobLeases
{
    /// <summary>The job's lease, to dispose when the run is over; null when another holds it.</summary>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken);
}

public static class JobLeaseExtensions
{
    /// <summary>Runs <paramref name="run"/> under the job's lease; answers false, without running it, when another holds it.</summary>
    public static async Task<bool> RunLeasedAsync(this IJobLeases leases, string job, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(job, cancellationToken);
        if (lease is null)
        {
            return false;
        }
        await run(cancellationToken);
        return true;
    }
}

public static class JobLeases
{
    public static IServiceCollection AddJobLeases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (services.AddSharedRedis(configuration))
        {
            services.AddSingleton<IJobLeases, RedisJobLeases>();
        }
        else if (DatabaseJobLeases.For(configuration) is { } databaseLeases)
        {
            services.AddSingleton(databaseLeases);
        }
        else
        {
            services.AddSingleton<IJobLeases, LocalJobLeases>();
        }
        return services;
    }
}

/// <summary>One holder per job within this process.</summary>
public sealed class LocalJobLeases : IJobLeases
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _held = new(StringComparer.Ordinal);

    public ValueTask<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var gate = _held.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        return ValueTask.FromResult<IAsyncDisposable?>(gate.Wait(0) ? new Release(() => { gate.Release(); return ValueTask.CompletedTask; }) : null);
    }

    internal sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _done;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _done, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}

/// <summary>
/// A key per job, set only if absent and expiring after <see cref="JobOptions.LeaseSeconds"/>; given back by
/// deleting it only while it still holds this holder's token. While Redis cannot be reached every instance runs its
/// jobs itself (one warning for the outage): each job claims its rows in the database, so a run that overlaps
/// another one does its work once, and a job that stopped for an outage would be worse.
/// </summary>
public sealed partial class RedisJobLeases(SharedRedis redis, IOptions<JobOptions> options, ILogger<RedisJobLeases> logger) : IJobLeases
{
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly LocalJobLeases _local = new();
    private int _down;

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        // One run per job in this process whatever Redis says, so a run never overlaps this instance's own last one.
        if (await _local.TryAcquireAsync(job, cancellationToken) is not { } local)
        {
            return null;
        }
        var key = (RedisKey)(redis.Prefix + "job:" + job);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        try
        {
            if (!redis.Multiplexer.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
            }
            var taken = await redis.Database.StringSetAsync(key, token, TimeSpan.FromSeconds(options.Value.LeaseSeconds), When.NotExists);
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                LeasesShared(logger);
            }
            if (!taken)
            {
                await local.DisposeAsync();
                return null;
            }
        }
        catch (Exception e) when (SharedRedis.IsFailure(e))
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                LeasesLocal(logger, e.Message);
            }
            return local;
        }
        return new LocalJobLeases.Release(async () =>
        {
            try
            {
                await redis.Database.ScriptEvaluateAsync(ReleaseScript, [key], [token]);
            }
            catch (Exception e) when (SharedRedis.IsFailure(e))
            {
                // It expires by itself.
            }
            await local.DisposeAsync();
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "The job leases' Redis server cannot be reached ({Reason}): each instance runs the background jobs itself until it is back")]
    private static partial void LeasesLocal(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The job leases' Redis server is back: background jobs run on one instance at a time again")]
    private static partial void LeasesShared(ILogger logger);
}
