using System.Collections.Concurrent;

namespace NewsApi.Articles;

/// <summary>
/// Totals of offset-paged article lists, and the ranked matches of searches, remembered per query. Counting every
/// matching row on every request would cost more than the page itself at a million articles, and ranking a common
/// word's matches costs far more than showing twenty of them, so:
/// <list type="bullet">
/// <item>a result younger than <see cref="Lifetime"/> is served as it is; one that took long to work out is kept
/// longer, <see cref="KeepPerCost"/> times what it took (up to <see cref="MaxLifetime"/>), so refreshing a count
/// over a third of a million articles (2 s on PostgreSQL, with both cores) costs at most 2% of the server, not
/// a stall every 10 s;</item>
/// <item>an older one is still served to everyone while a single request works it out again (only that request
/// waits), so a refresh never stalls a burst of readers;</item>
/// <item>a write that can change a list's members (a status, date, tag, author, source or featured flag, an
/// article created or trashed, a scheduled one coming due) forgets every result at once: the next readers wait for
/// one shared count, so this instance never shows a result from before its last write. A change to an article's
/// text forgets only the results of searches; a change to neither (a reordered byline, an image caption) none.</item>
/// </list>
/// Other instances may lag by that lifetime plus the time of one count. A remembered ranking holds only
/// ids: the page shown from it is read through the caller's own visibility filter, so a lagging ranking can leave
/// out an article but never show one the caller may not see.
/// </summary>
public sealed class ArticleCounts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    public const int KeepPerCost = 50;

    /// <summary>Rankings are kept for this many searches (each at most <see cref="ArticleSearch.MaxRanked"/> ids, 16 KB).</summary>
    public const int MaxRankings = 256;

    private readonly Memo<int> _totals = new(10_000, time);
    private readonly Memo<IReadOnlyList<Guid>> _rankings = new(MaxRankings, time);
    private long _generation;
    private long _searchGeneration;

    /// <summary>Forgets what <paramref name="change"/> may have made wrong, whoever reads it (editors count drafts too).</summary>
    public void Forget(ArticleChange change = ArticleChange.Everything)
    {
        if ((change & (ArticleChange.Membership | ArticleChange.Text)) == 0)
        {
            return;
        }
        // Searches are kept under a generation of their own that every kind of change moves.
        Interlocked.Increment(ref _searchGeneration);
        if (change.HasFlag(ArticleChange.Membership))
        {
            Interlocked.Increment(ref _generation);
        }
    }

    /// <param name="key">Identifies the total: the filters, and who asks.</param>
    /// <param name="search">Whether the list is a search, whose total the text of articles decides too.</param>
    /// <param name="count">Counts the list.</param>
    public Task<int> GetAsync(string key, bool search, Func<Task<int>> count) =>
        _totals.GetAsync(key, GenerationOf(search), count);

    /// <summary>The ids of a search's matches that the caller may see, best first.</summary>
    /// <param name="key">Identifies the search: its terms and filters, and who asks.</param>
    /// <param name="rank">Ranks the matches.</param>
    public Task<IReadOnlyList<Guid>> RankingAsync(string key, Func<Task<IReadOnlyList<Guid>>> rank) =>
        _rankings.GetAsync(key, GenerationOf(search: true), rank);

    /// <summary>One number that grows whenever a change a result depends on happens.</summary>
    private long GenerationOf(bool search) =>
        Interlocked.Read(ref _generation) + (search ? Interlocked.Read(ref _searchGeneration) : 0);

    private sealed class Memo<T>(int maxEntries, TimeProvider time)
    {
        private readonly ConcurrentDictionary<string, Entry> _entries = new();

        public async Task<T> GetAsync(string key, long generation, Func<Task<T>> compute)
        {
            var now = time.GetUtcNow();
            if (!_entries.TryGetValue(key, out var entry))
            {
                // Bounded only when a key is new: counting the dictionary takes all of its locks.
                if (_entries.Count >= maxEntries)
                {
                    _entries.Clear();
                }
                entry = _entries.GetOrAdd(key, static _ => new Entry());
            }
            TaskCompletionSource<T>? computing = null;
            Task<T>? running = null;
            lock (entry)
            {
                var current = entry.Known && entry.Generation == generation;
                if (current && (now - entry.At < entry.Keep || entry.Computing is not null))
                {
                    return entry.Value;
                }
                if (!current && entry.Computing is not null && entry.ComputingGeneration == generation)
                {
                    running = entry.Computing.Task;
                }
                else
                {
                    computing = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                    entry.Computing = computing;
                    entry.ComputingGeneration = generation;
                }
            }
            if (running is not null)
            {
                return await JoinAsync(running, compute);
            }

            try
            {
                var started = time.GetTimestamp();
                var value = await compute();
                var keep = TimeSpan.FromTicks(Math.Min(MaxLifetime.Ticks,
                    Math.Max(Lifetime.Ticks, time.GetElapsedTime(started).Ticks * KeepPerCost)));
                lock (entry)
                {
                    // A write while computing leaves the result stamped with the older generation, so it is worked out again.
                    if (!entry.Known || entry.Generation <= generation)
                    {
                        (entry.Known, entry.Generation, entry.At, entry.Keep, entry.Value) = (true, generation, now, keep, value);
                    }
                    entry.Computing = null;
                }
                computing!.SetResult(value);
                return value;
            }
            catch (Exception exception)
            {
                lock (entry)
                {
                    entry.Computing = null;
                }
                computing!.SetException(exception);
                throw;
            }
        }

        /// <summary>Waits for another request's result; if that request gave up (its client left), works it out itself.</summary>
        private static async Task<T> JoinAsync(Task<T> running, Func<Task<T>> compute)
        {
            try
            {
                return await running;
            }
            catch (OperationCanceledException)
            {
                return await compute();
            }
        }

        private sealed class Entry
        {
            public bool Known;
            public long Generation;
            public DateTimeOffset At;
            public TimeSpan Keep;
            public T Value = default!;
            public TaskCompletionSource<T>? Computing;
            public long ComputingGeneration;
        }
    }
}
