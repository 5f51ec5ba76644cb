using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Webhooks;

/// <summary>
/// Takes a lease on the deliveries that are due, so that no two instances (or loops) ever make the same attempt.
/// A delivery is due when it is pending, its time has come, nobody holds it, and no earlier delivery of the same
/// resource to the same subscription is still pending: that keeps each resource's events in commit order.
/// </summary>
public static class DeliveryClaims
{
    /// <summary>Longer than any attempt (10 s by default): an instance that dies mid-attempt gives its leases up after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static async Task<List<WebhookDelivery>> ClaimAsync(NewsDbContext db, DateTime now, int batch, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var until = now + Lease;
        if (!await DeliveryClaimLocks.TryClaimAsync(db, now, until, token, batch, cancellationToken))
        {
            // SQLite has one writer at a time, and each row's conditional update below is atomic on SQL Server: a
            // row another instance leased in between is simply not updated here.
            var due = await db.WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                            && (d.LeaseUntil == null || d.LeaseUntil < now) && d.Subscription!.Enabled)
                .Where(d => !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.ResourceKey == d.ResourceKey
                                                           && e.Status == WebhookDeliveryStatus.Pending && e.Id < d.Id))
                .OrderBy(d => d.Id)
                .Select(d => d.Id)
                .Take(batch)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return [];
            }
            await db.WebhookDeliveries
                .Where(d => due.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseToken, token).SetProperty(d => d.LeaseUntil, until), cancellationToken);
        }
        return await db.WebhookDeliveries.Where(d => d.LeaseToken == token).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }
}
