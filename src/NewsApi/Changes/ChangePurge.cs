using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Hosting;
using NewsApi.Http;

namespace NewsApi.Changes;

/// <summary>
/// Deletes changes older than <see cref="ChangeOptions.RetentionDays"/> (a change a webhook delivery still refers to
/// stays until the delivery log lets it go) and Idempotency-Keys older than <see cref="IdempotencyOptions.RetentionHours"/>.
/// </summary>
public sealed class ChangePurger(IServiceScopeFactory scopes, TimeProvider time, IOptions<ChangeOptions> changes,
    IOptions<IdempotencyOptions> idempotency)
{
    public async Task<(int Changes, int IdempotencyKeys)> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changeCutoff = now - TimeSpan.FromDays(changes.Value.RetentionDays);
        var keyCutoff = now - TimeSpan.FromHours(idempotency.Value.RetentionHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var purgedChanges = await db.Changes
            .Where(c => c.OccurredAt < changeCutoff && !db.WebhookDeliveries.Any(d => d.ChangeSequence == c.Sequence))
            .ExecuteDeleteAsync(cancellationToken);
        var purgedKeys = await db.IdempotencyRecords.Where(r => r.CreatedAt < keyCutoff).ExecuteDeleteAsync(cancellationToken);
        return (purgedChanges, purgedKeys);
    }
}

/// <summary>Runs the purge on a timer from <see cref="TimeProvider"/>, on one instance at a time (<see cref="IJobLeases"/>).</summary>
public sealed class ChangePurgeService(ChangePurger purger, IJobLeases leases, TimeProvider time, IOptions<ChangeOptions> options, ILogger<ChangePurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunLeasedAsync("change-purge", purger.PurgeAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging expired changes and idempotency keys failed; trying again at the next tick");
            }
        }
    }
}

public static class ChangeServiceCollectionExtensions
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.AddOptions<ChangeOptions>().BindConfiguration(ChangeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddIdempotency();
        services.AddSingleton<ChangeStreams>();
        services.AddSingleton<ChangePurger>();
        services.AddHostedService<ChangePurgeService>();
        return services;
    }
}
