using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Hosting;

namespace NewsApi.Webhooks;

/// <summary>
/// Announces scheduled articles as their time comes: <c>article.published</c> within a second or two of
/// <c>publishedAt</c>, exactly as for an immediate publish. Each announcement deletes the article's schedule row in
/// the transaction that records the event; an instance that loses the race to another finds the row gone.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider time, IOptions<WebhookOptions> options, DispatchSignal signal)
{
    /// <summary>Announces every publication that is due; answers how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = time.GetUtcNow();
        var due = await db.ScheduledPublications.Where(s => s.DueAt <= now.UtcDateTime).OrderBy(s => s.DueAt).Take(100).ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var row in due)
        {
            var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == row.ArticleId, cancellationToken);
            db.ScheduledPublications.Remove(row);
            if (article is not null)
            {
                var entry = db.Attach(article);
                var facts = await ArticleFacts.ReadAsync(db, entry, cancellationToken);
                Outbox.Record(db, new EventDraft(WebhookEvents.ArticlePublished, "article", new EventData
                {
                    Id = article.Id,
                    Slug = article.Slug,
                    Status = "published",
                    Path = $"{Http.ApiGroups.Prefix}/articles/{article.Id}",
                    Url = Outbox.PublicUrl(options.Value.SiteUrl, "article", article.Slug, "published"),
                    CacheTags = facts.CacheTags(article.Id),
                }, facts.TagSlugs, facts.SourceSlugs), await Outbox.TargetsAsync(db, cancellationToken), now);
                entry.State = EntityState.Detached;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                announced++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance announced it, or the article was rescheduled in between.
            }
            db.ChangeTracker.Clear();
        }
        if (announced > 0)
        {
            signal.Notify();
        }
        return announced;
    }
}

/// <summary>
/// Looks for due publications every second (a scheduled article is announced within 5 s of its time), on one instance
/// at a time (<see cref="IJobLeases"/>).
/// </summary>
public sealed class ScheduledPublisherService(ScheduledPublisher publisher, IJobLeases leases, TimeProvider time, IOptions<WebhookOptions> options, ILogger<ScheduledPublisherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunLeasedAsync("scheduled-publisher", publisher.RunOnceAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Announcing scheduled publications failed; trying again at the next tick");
            }
        }
    }
}
