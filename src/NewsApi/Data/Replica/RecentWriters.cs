using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NewsApi.Http;
using StackExchange.Redis;

namespace NewsApi.Data.Replica;

/// <summary>
/// Which keys wrote within the last <c>Database:ReadYourWritesSeconds</c>: their reads go to the primary. Kept in
/// Redis when the output cache is (<c>OutputCache:Redis</c>), so a write through one instance sends the next read
/// through any instance to the primary; otherwise in this process, which is right for one instance only. When Redis
/// cannot answer, the key counts as a recent writer: a read on the primary is slower, never stale.
/// </summary>
public sealed class RecentWriters(TimeProvider time, IOptions<DatabaseOptions> options, IOptions<OutputCachingOptions> cache, IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWrites = new();
    private readonly RedisOutputCache.RedisCacheConnection? _redis = services.GetService<RedisOutputCache.RedisCacheConnection>();

    private TimeSpan Window => TimeSpan.FromSeconds(options.Value.ReadYourWritesSeconds);

    public async Task WroteAsync(string key)
    {
        if (Window <= TimeSpan.Zero)
        {
            return;
        }
        if (_redis is not null)
        {
            try
            {
                await _redis.Multiplexer.GetDatabase().StringSetAsync(RedisKey(key), 1, Window);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Kept in memory too: this instance at least reads the key's writes back.
            }
        }
        var now = time.GetUtcNow();
        _lastWrites[key] = now;
        if (_lastWrites.Count > 10_000)
        {
            foreach (var (stale, at) in _lastWrites)
            {
                if (now - at >= Window)
                {
                    _lastWrites.TryRemove(stale, out _);
                }
            }
        }
    }

    public async Task<bool> WroteRecentlyAsync(string key)
    {
        if (Window <= TimeSpan.Zero)
        {
            return false;
        }
        if (_lastWrites.TryGetValue(key, out var at) && time.GetUtcNow() - at < Window)
        {
            return true;
        }
        if (_redis is null)
        {
            return false;
        }
        try
        {
            return await _redis.Multiplexer.GetDatabase().KeyExistsAsync(RedisKey(key));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return true;
        }
    }

    private RedisKey RedisKey(string key) => $"{cache.Value.RedisInstanceName}recent-writer:{key}";
}
