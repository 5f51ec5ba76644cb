using System.Collections.Concurrent;

namespace NewsApi.Articles;

/// <summary>
/// Totals of offset-paged article lists, remembered per query. Counting every matching row on every request
/// would cost more than the page itself at a million articles, so:
/// <list type="bullet">
/// <item>a total younger than <see cref="Lifetime"/> is served as it is;</item>
/// <item>an older one is still served to everyone while a single request counts again (only that request waits
/// for the count), so a refresh never stalls a burst of readers;</item>
/// <item>a write to any article (or a scheduled one coming due) forgets every total at once: the next readers
/// wait for one shared count, so this instance never shows a total from before its last write.</item>
/// </list>
/// Other instances may lag by <see cref="Lifetime"/> plus the time of one count.
/// </summary>
public sealed class ArticleCounts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    public void Forget() => Interlocked.Increment(ref _generation);

    public async Task<int> GetAsync(string key, Func<Task<int>> count)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        var generation = Interlocked.Read(ref _generation);
        var now = time.GetUtcNow();
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        TaskCompletionSource<int>? counting = null;
        Task<int>? running = null;
        lock (entry)
        {
            var current = entry.Known && entry.Generation == generation;
            if (current && (now - entry.At < Lifetime || entry.Counting is not null))
            {
                return entry.Total;
            }
            if (!current && entry.Counting is not null && entry.CountingGeneration == generation)
            {
                running = entry.Counting.Task;
            }
            else
            {
                counting = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.Counting = counting;
                entry.CountingGeneration = generation;
            }
        }
        if (running is not null)
        {
            return await JoinAsync(running, count);
        }

        try
        {
            var total = await count();
            lock (entry)
            {
                // A write during the count leaves it stamped with the older generation, so it is counted again.
                if (!entry.Known || entry.Generation <= generation)
                {
                    (entry.Known, entry.Generation, entry.At, entry.Total) = (true, generation, now, total);
                }
                entry.Counting = null;
            }
            counting!.SetResult(total);
            return total;
        }
        catch (Exception exception)
        {
            lock (entry)
            {
                entry.Counting = null;
            }
            counting!.SetException(exception);
            throw;
        }
    }

    /// <summary>Waits for another request's count; if that request gave up (its client left), counts itself.</summary>
    private static async Task<int> JoinAsync(Task<int> running, Func<Task<int>> count)
    {
        try
        {
            return await running;
        }
        catch (OperationCanceledException)
        {
            return await count();
        }
    }

    private sealed class Entry
    {
        public bool Known;
        public long Generation;
        public DateTimeOffset At;
        public int Total;
        public TaskCompletionSource<int>? Counting;
        public long CountingGeneration;
    }
}
