using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// A scheduled article becomes public by the clock, with no write to evict anything: so this remembers when the
/// next scheduled publication is due, and the first public read after that time empties the output cache and
/// forgets the list totals and search rankings. Scheduled publications are rare (a few a day), so dropping
/// everything then costs little and can never miss an entry. Another instance's write cannot tell this one what it
/// scheduled: with a cache shared between instances, this looks again at least every <c>recheck</c>, and also
/// empties the cache when anything was published between its last look and now.
/// </summary>
public sealed class ScheduledPublications(TimeProvider time, TimeSpan? recheck = null) : ICacheFreshness
{
    /// <summary>How often an instance sharing its cache looks for what others scheduled.</summary>
    public static readonly TimeSpan SharedRecheck = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private DateTime? _nextDue;
    private DateTime? _checkedAt;
    private volatile bool _known;

    /// <summary>An article write may have scheduled (or unscheduled) something: look again on the next request.</summary>
    public void Forget() => _known = false;

    private bool Fresh(DateTime now) =>
        _known && (_nextDue is null || now < _nextDue) && (recheck is null || _checkedAt is null || now - _checkedAt < recheck);

    public async ValueTask FlushWhenDueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (Fresh(now))
        {
            return;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(now))
            {
                return;
            }
            var db = services.GetRequiredService<NewsDbContext>();
            // What came due since the last look is flushed even when a write has asked for a fresh look meanwhile: a
            // write evicts only the lists it changed, not those a publication by the clock changes.
            var due = _nextDue <= now;
            if (!due && recheck is not null && _checkedAt is { } since)
            {
                due = await db.Articles.Where(ArticleVisibility.PublicAt(now)).AnyAsync(a => a.PublishedAt > since, cancellationToken);
            }
            if (due)
            {
                await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CacheTags.Everything, cancellationToken);
                services.GetRequiredService<ArticleCounts>().Forget();
            }
            _nextDue = await db.Articles.Where(ArticleVisibility.ScheduledAt(now)).MinAsync(a => a.PublishedAt, cancellationToken);
            _checkedAt = now;
            _known = true;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
