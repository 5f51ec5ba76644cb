using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Hosting;

namespace NewsApi.Webhooks;

/// <summary>
/// Delivers what is due: claims a batch (<see cref="DeliveryClaims"/>), sends it concurrently, and records every
/// attempt in one save. Only a 2xx answer succeeds; anything else is retried on the configured schedule (with
/// jitter, or after the receiver's Retry-After on 429 and 503) until the last attempt fails the delivery, and
/// 410 Gone disables the subscription. Secrets are read here and nowhere else, and never logged.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    /// <summary>One pass: claims and sends one batch; answers how many deliveries it attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await DeliveryClaims.ClaimAsync(db, now, settings.BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var subscriptionIds = claimed.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var results = new ConcurrentDictionary<long, AttemptResult>();
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConcurrency / settings.Lanes), CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                var subscription = subscriptions[delivery.SubscriptionId];
                results[delivery.Id] = await sender.SendAsync(subscription.Url, delivery.EventId, delivery.Payload, Secrets(subscription, time.GetUtcNow().UtcDateTime), ct);
            });

        var finished = time.GetUtcNow().UtcDateTime;
        foreach (var delivery in claimed)
        {
            Record(delivery, subscriptions[delivery.SubscriptionId], results[delivery.Id], finished, db);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return claimed.Count;
    }

    /// <summary>The secrets a delivery is signed with: the current one, and the one before it for a day after a rotation.</summary>
    internal static IReadOnlyList<string> Secrets(WebhookSubscription subscription, DateTime now) =>
        subscription.PreviousSecret is { } previous && subscription.PreviousSecretExpiresAt > now
            ? [subscription.Secret, previous]
            : [subscription.Secret];

    private void Record(WebhookDelivery delivery, WebhookSubscription subscription, AttemptResult result, DateTime now, NewsDbContext db)
    {
        delivery.AttemptCount++;
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.AttemptCount,
            StartedAt = result.StartedAt,
            DurationMs = result.DurationMs,
            StatusCode = result.StatusCode,
            ResponseBody = result.ResponseBody,
            Error = result.Error,
        });
        delivery.LeaseToken = null;
        delivery.LeaseUntil = null;
        var schedule = options.Value.EffectiveRetrySchedule;
        if (result.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Succeeded;
            delivery.CompletedAt = now;
        }
        else if (result.StatusCode == (int)HttpStatusCode.Gone)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.CompletedAt = now;
            if (subscription.Enabled)
            {
                subscription.Enabled = false;
                subscription.DisabledReason = $"The receiver answered 410 Gone at {now:O}.";
                logger.LogWarning("Webhook {SubscriptionId} disabled: its receiver answered 410 Gone", subscription.Id);
            }
        }
        else if (delivery.AttemptCount > schedule.Length)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.CompletedAt = now;
            logger.LogWarning("Webhook delivery {DeliveryId} ({EventType}) to {SubscriptionId} failed after {Attempts} attempts",
                delivery.Id, delivery.EventType, subscription.Id, delivery.AttemptCount);
        }
        else
        {
            var delay = schedule[delivery.AttemptCount - 1];
            // Up to a fifth more, at random: receivers coming back are not hit by every sender at the same second.
            var wait = result.RetryAfter is { } asked ? TimeSpan.FromTicks(Math.Min(asked.Ticks, schedule[^1].Ticks))
                : delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
            delivery.NextAttemptAt = now + wait;
        }
    }

    /// <summary>Deletes finished deliveries (and their attempts) older than the retention; answers how many.</summary>
    public async Task<int> PurgeLogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.LogRetentionDays);
        return await db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CompletedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// Runs the dispatcher when a commit signals it, and every poll interval as a fallback, in several lanes that claim
/// disjoint batches until nothing is due; purges the log daily. One instance at a time dispatches
/// (<see cref="IJobLeases"/>); the claims would keep two apart anyway, the lease saves their queries.
/// </summary>
public sealed class WebhookDispatcherService(
    WebhookDispatcher dispatcher, IJobLeases leases, DispatchSignal signal, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookDispatcherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        var nextPurge = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RunLeasedAsync("webhook-dispatcher", async cancellationToken =>
                {
                    await Task.WhenAll(Enumerable.Range(0, options.Value.Lanes).Select(async _ =>
                    {
                        while (await dispatcher.RunOnceAsync(cancellationToken) > 0)
                        {
                        }
                    }));
                    if (time.GetUtcNow() >= nextPurge)
                    {
                        await dispatcher.PurgeLogAsync(cancellationToken);
                        nextPurge = time.GetUtcNow().AddDays(1);
                    }
                }, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Dispatching webhooks failed; trying again at the next poll");
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
