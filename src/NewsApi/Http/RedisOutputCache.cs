using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using NewsApi.Hosting;
using StackExchange.Redis;

namespace NewsApi.Http;

/// <summary>
/// The output cache in Redis, and what happens when Redis is gone: reads are answered from the database (the cache
/// is bypassed, neither read nor filled) with one warning for the outage, not one per request. When Redis is back,
/// this instance's entries are evicted first, since writes made meanwhile could not evict what they changed, and
/// caching resumes.
/// </summary>
public static partial class RedisOutputCache
{
    public static void Add(IServiceCollection services, OutputCachingOptions options)
    {
        services.AddStackExchangeRedisOutputCache(redis => redis.InstanceName = options.RedisInstanceName);
        services.AddOptions<RedisOutputCacheOptions>().Configure<SharedRedis>((redis, connection) =>
            redis.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(connection.Multiplexer));

        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new FallbackStore(
            (IOutputCacheBufferStore)(store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
            sp.GetRequiredService<SharedRedis>(),
            sp.GetRequiredService<ILogger<FallbackStore>>()));
    }

    internal sealed partial class FallbackStore(IOutputCacheBufferStore redis, SharedRedis connection, ILogger<FallbackStore> logger)
        : IOutputCacheBufferStore
    {
        private int _down;
        private int _resuming;

        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            await UsableAsync(cancellationToken) ? await Guard(() => redis.GetAsync(key, cancellationToken), default(byte[])) : null;

        public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
            await UsableAsync(cancellationToken) && await Guard(() => redis.TryGetAsync(key, destination, cancellationToken), false);

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            if (await UsableAsync(cancellationToken))
            {
                await Guard(async () => { await redis.SetAsync(key, value, tags, validFor, cancellationToken); return true; }, false);
            }
        }

        public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor,
            CancellationToken cancellationToken)
        {
            if (await UsableAsync(cancellationToken))
            {
                await Guard(async () => { await redis.SetAsync(key, value, tags, validFor, cancellationToken); return true; }, false);
            }
        }

        public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            // While Redis is down nothing can be evicted; everything is evicted when it is back.
            if (await UsableAsync(cancellationToken))
            {
                await Guard(async () => { await redis.EvictByTagAsync(tag, cancellationToken); return true; }, false);
            }
        }

        private async ValueTask<bool> UsableAsync(CancellationToken cancellationToken)
        {
            if (!connection.Multiplexer.IsConnected)
            {
                MarkDown(null);
                return false;
            }
            if (Volatile.Read(ref _down) == 0)
            {
                return true;
            }
            // Back: one request empties what may be stale while the others keep bypassing the cache.
            if (Interlocked.CompareExchange(ref _resuming, 1, 0) != 0)
            {
                return false;
            }
            try
            {
                await redis.EvictByTagAsync(CacheTags.Everything, cancellationToken);
                Volatile.Write(ref _down, 0);
                CacheResumed(logger);
                return true;
            }
            catch (Exception e) when (SharedRedis.IsFailure(e))
            {
                return false;
            }
            finally
            {
                Volatile.Write(ref _resuming, 0);
            }
        }

        private async ValueTask<T> Guard<T>(Func<ValueTask<T>> call, T fallback)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (SharedRedis.IsFailure(e))
            {
                MarkDown(e);
                return fallback;
            }
        }

        private void MarkDown(Exception? cause)
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                CacheBypassed(logger, cause?.Message ?? "not connected");
            }
        }

        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "The output cache's Redis server cannot be reached ({Reason}): reads are answered from the database until it is back")]
        private static partial void CacheBypassed(ILogger logger, string reason);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information,
            Message = "The output cache's Redis server is back: this instance's entries were evicted and caching resumes")]
        private static partial void CacheResumed(ILogger logger);
    }
}
