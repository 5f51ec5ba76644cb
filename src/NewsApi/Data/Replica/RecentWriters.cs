using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NewsApi.Hosting;
using StackExchange.Redis;

namespace NewsApi.Data.Replica;

/// <summary>
/// Who wrote lately, so their reads go to the primary. Two records:
/// <list type="bullet">
/// <item>each key's last write, for <c>Database:ReadYourWritesSeconds</c>: a client reads back what it wrote;</item>
/// <item>the last write of anyone (any save, a scheduled publication too), for as long as the replica may be behind
/// (<c>Database:MaxReplicaLagSeconds</c> plus one check interval): the output cache evicts on a write, and the read
/// that fills it again must not take the old version from a replica that has not replayed the write yet, or the
/// stale answer would be cached for the cache's lifetime.</item>
/// </list>
/// Kept in Redis (expiring keys) when instances share one (<c>ConnectionStrings:Redis</c>), so a write through one instance
/// sends the next reads through every instance to the primary; otherwise in this process, which is right for a single
/// instance only. When Redis cannot answer, everyone counts as a recent writer: a read on the primary is slower,
/// never stale.
/// </summary>
public sealed class RecentWriters(TimeProvider time, IOptions<DatabaseOptions> options, IServiceProvider services)
{
    private const string Anyone = "*";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWrites = new();
    private readonly SharedRedis? _redis = services.GetService<SharedRedis>();

    private TimeSpan KeyWindow => TimeSpan.FromSeconds(options.Value.ReadYourWritesSeconds);

    private TimeSpan AnyoneWindow => TimeSpan.FromSeconds(options.Value.MaxReplicaLagSeconds + options.Value.ReplicaCheckSeconds);

    /// <summary>A save committed on the primary (from a request or a background job).</summary>
    public Task SavedAsync() => RecordAsync(Anyone, AnyoneWindow);

    /// <summary>A key's write request is being answered.</summary>
    public Task WroteAsync(string key) => RecordAsync(key, KeyWindow);

    /// <summary>Whether this caller's reads (anonymous when <paramref name="key"/> is null) must go to the primary.</summary>
    public async Task<bool> MustReadPrimaryAsync(string? key)
    {
        var now = time.GetUtcNow();
        if (Recent(Anyone, AnyoneWindow, now) || (key is not null && Recent(key, KeyWindow, now)))
        {
            return true;
        }
        if (_redis is null)
        {
            return false;
        }
        try
        {
            RedisKey[] keys = key is null ? [RedisKey(Anyone)] : [RedisKey(Anyone), RedisKey(key)];
            return await _redis.Database.KeyExistsAsync(keys) > 0;
        }
        catch (Exception e) when (SharedRedis.IsFailure(e))
        {
            return true;
        }
    }

    private bool Recent(string key, TimeSpan window, DateTimeOffset now) =>
        _lastWrites.TryGetValue(key, out var at) && now - at < window;

    private async Task RecordAsync(string key, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return;
        }
        if (_redis is not null)
        {
            try
            {
                await _redis.Database.StringSetAsync(RedisKey(key), 1, window);
                return;
            }
            catch (Exception e) when (SharedRedis.IsFailure(e))
            {
                // Kept in memory instead: this instance at least reads the write back.
            }
        }
        var now = time.GetUtcNow();
        _lastWrites[key] = now;
        if (_lastWrites.Count > 10_000)
        {
            foreach (var (stale, at) in _lastWrites)
            {
                if (now - at >= KeyWindow && stale != Anyone)
                {
                    _lastWrites.TryRemove(stale, out _);
                }
            }
        }
    }

    private RedisKey RedisKey(string key) => $"{_redis!.Prefix}recent-writer:{key}";
}
