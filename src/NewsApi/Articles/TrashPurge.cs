using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Hosting;

namespace NewsApi.Articles;

public sealed class TrashOptions
{
    public const string Section = "Trash";

    /// <summary>Days a trashed article is kept before the purge deletes it for good.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge looks for expired articles.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes, for good, the articles that have been in the trash longer than the retention period.</summary>
public sealed class TrashPurger(IServiceScopeFactory scopes, TimeProvider time, IOptions<TrashOptions> options, ILogger<TrashPurger> logger)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var expired = await db.Articles.IgnoreQueryFilters().Where(a => a.DeletedAt != null && a.DeletedAt < cutoff)
            .Select(a => new { a.Id, a.Slug }).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }
        var ids = expired.Select(a => a.Id).ToList();

        // Other articles' links to these go first (the database refuses dangling ones); their own links, revisions
        // and old slugs cascade. Set-based statements, however many articles expire, and their article.deleted
        // events in the same transaction.
        var purged = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RelatedArticles.IgnoreQueryFilters().Where(r => ids.Contains(r.RelatedId)).ExecuteDeleteAsync(cancellationToken);
            var deleted = await db.Articles.IgnoreQueryFilters().Where(a => ids.Contains(a.Id) && a.DeletedAt != null)
                .ExecuteDeleteAsync(cancellationToken);
            var targets = await Webhooks.Outbox.TargetsAsync(db, cancellationToken);
            foreach (var article in expired)
            {
                Webhooks.Outbox.Record(db, new Webhooks.EventDraft(Webhooks.WebhookEvents.ArticleDeleted, "article", new Webhooks.EventData
                {
                    Id = article.Id,
                    Slug = article.Slug,
                    Status = "deleted",
                    Path = $"{Http.ApiGroups.Prefix}/articles/{article.Id}",
                    CacheTags = [Http.CacheTags.Article(article.Id), Http.CacheTags.ListOf<ArticleSummary>()],
                }), targets, time.GetUtcNow());
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        });
        scope.ServiceProvider.GetRequiredService<Webhooks.DispatchSignal>().Notify();
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} article(s) trashed before {Cutoff:o}", purged, cutoff);
        }
        return purged;
    }
}

/// <summary>
/// Runs the purge on a timer from <see cref="TimeProvider"/>, so tests can drive it by moving the clock; on one instance
/// at a time (<see cref="Hosting.IJobLeases"/>).
/// </summary>
public sealed class TrashPurgeService(TrashPurger purger, Hosting.IJobLeases leases, TimeProvider time, IOptions<TrashOptions> options, ILogger<TrashPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunLeasedAsync("trash-purge", purger.PurgeAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging the trash failed; trying again at the next tick");
            }
        }
    }
}

public static class TrashServiceCollectionExtensions
{
    public static IServiceCollection AddTrashPurge(this IServiceCollection services)
    {
        services.AddOptions<TrashOptions>().BindConfiguration(TrashOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrashPurger>();
        services.AddHostedService<TrashPurgeService>();
        return services;
    }
}
