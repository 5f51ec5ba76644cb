using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Webhooks;

/// <summary>The delivery log: what was sent to a subscription, each attempt's answer, and sending one again.</summary>
public static partial class WebhookEndpoints
{
    private static RouteGroupBuilder MapWebhookDeliveries(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/deliveries", ListWebhookDeliveries).WithName("listWebhookDeliveries")
            .WithSummary("List a subscription's deliveries")
            .WithDescription("Newest first, each with its attempts (time, status code, duration, the first 1 KiB of the answer, the error "
                             + "when no answer came). Filter by status (pending, succeeded, failed) and event type. Kept for "
                             + "Webhooks:LogRetentionDays (30) after they finish.");
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", RedeliverWebhookDelivery).WithName("redeliverWebhookDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("Queues the same event (same webhook-id, same body) as a new delivery to this subscription.");
        return group;
    }

    public static async Task<Results<Ok<PagedResponse<DeliveryResponse>>, NotFound<ProblemDetails>>> ListWebhookDeliveries(
        Guid id, [AsParameters] DeliveryListQuery query, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound(id);
        }
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (query.Status is { } status && Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var wanted))
        {
            deliveries = deliveries.Where(d => d.Status == wanted);
        }
        if (query.Event is { } type)
        {
            deliveries = deliveries.Where(d => d.EventType == type);
        }
        var page = await deliveries.OrderByDescending(d => d.Id).Include(d => d.Attempts).AsSplitQuery()
            .ToPageAsync(query.Paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<DeliveryResponse>
        {
            Items = page.Items.Select(d => d.ToResponse()).ToList(),
            Page = page.Page,
            PageSize = page.PageSize,
            TotalItems = page.TotalItems,
            TotalPages = page.TotalPages,
        });
    }

    public static async Task<Results<Accepted<DeliveryResponse>, NotFound<ProblemDetails>>> RedeliverWebhookDelivery(
        Guid id, long deliveryId, NewsDbContext db, TimeProvider time, DispatchSignal signal, CancellationToken cancellationToken)
    {
        if (await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken)
            is not { } original)
        {
            return TypedResults.NotFound(Problems.NotFound("Delivery", $"Webhook subscription {id} has no delivery {deliveryId}."));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var delivery = new WebhookDelivery
        {
            SubscriptionId = id,
            ChangeSequence = original.ChangeSequence,
            EventId = original.EventId,
            EventType = original.EventType,
            ResourceKey = original.ResourceKey,
            Payload = original.Payload,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"{ApiGroups.Prefix}/webhooks/{id}/deliveries", delivery.ToResponse());
    }
}
