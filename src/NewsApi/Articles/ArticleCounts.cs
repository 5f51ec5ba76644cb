using System.Collections.Concurrent;

namespace NewsApi.Articles;

/// <summary>
/// Totals of offset-paged article lists, remembered per query for a few seconds. Counting every matching row on
/// every request would cost more than the page itself at a million articles; a write to any article (or a
/// scheduled one coming due) forgets them all at once, so this instance never shows a total older than its last
/// write. Other instances may lag by at most <see cref="Lifetime"/>.
/// </summary>
public sealed class ArticleCounts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset At, int Total)> _totals = new();
    private long _generation;

    public void Forget() => Interlocked.Increment(ref _generation);

    public async Task<int> GetAsync(string key, Func<Task<int>> count)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = time.GetUtcNow();
        if (_totals.TryGetValue(key, out var known) && known.Generation == generation && now - known.At < Lifetime)
        {
            return known.Total;
        }
        var total = await count();
        if (_totals.Count >= MaxEntries)
        {
            _totals.Clear();
        }
        _totals[key] = (generation, now, total);
        return total;
    }
}
