using System.Collections.Concurrent;

namespace NewsApi.Articles;

/// <summary>
/// Totals of offset-paged article lists, remembered per query. Counting every matching row on every request
/// would cost more than the page itself at a million articles, so:
/// <list type="bullet">
/// <item>a total younger than <see cref="Lifetime"/> is served as it is;</item>
/// <item>an older one is still served to everyone while a single request counts again (only that request waits
/// for the count), so a refresh never stalls a burst of readers;</item>
/// <item>a write that can change a list's members (a status, date, tag, author, source or featured flag, an
/// article created or trashed, a scheduled one coming due) forgets every total at once: the next readers wait for
/// one shared count, so this instance never shows a total from before its last write. A change to an article's
/// text forgets only the totals of searches; a change to neither (a reordered byline, an image caption) none.</item>
/// </list>
/// Other instances may lag by <see cref="Lifetime"/> plus the time of one count.
/// </summary>
public sealed class ArticleCounts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    public void Forget(TotalsChange change = TotalsChange.All)
    {
        if (change == TotalsChange.None)
        {
            return;
        }
        // Search totals are kept under a generation of their own that every kind of change moves.
        Interlocked.Increment(ref _searchGeneration);
        if (change == TotalsChange.All)
        {
            Interlocked.Increment(ref _generation);
        }
    }

    private long _searchGeneration;

    /// <param name="key">Identifies the total: the filters, and who asks.</param>
    /// <param name="search">Whether the list is a search, whose total the text of articles decides too.</param>
    /// <param name="count">Counts the list.</param>
    public async Task<int> GetAsync(string key, bool search, Func<Task<int>> count)
    {
        // One number that grows whenever a change this total depends on happens.
        var generation = Interlocked.Read(ref _generation) + (search ? Interlocked.Read(ref _searchGeneration) : 0);
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry))
        {
            // Bounded only when a filter set is new: counting the dictionary takes all of its locks.
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
            entry = _entries.GetOrAdd(key, static _ => new Entry());
        }
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

/// <summary>What a write may have changed, as far as list totals go.</summary>
public enum TotalsChange
{
    /// <summary>Which articles a list holds: everything is counted again.</summary>
    All,

    /// <summary>Only the text of articles: only searches are counted again.</summary>
    Text,

    /// <summary>Nothing a list is filtered or searched by.</summary>
    None,
}
