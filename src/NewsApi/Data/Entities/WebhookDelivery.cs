namespace NewsApi.Data.Entities;

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One event for one subscription, made in the transaction that made the event. Its id ascends in commit order,
/// which the dispatcher keeps per subscription and resource: a later delivery for the same resource waits while an
/// earlier one is pending.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }

    /// <summary>The change it delivers; null for a test ping.</summary>
    public long? ChangeSequence { get; set; }
    public Change? Change { get; set; }

    public string EventId { get; set; } = "";
    public string EventType { get; set; } = "";

    /// <summary><c>article:{id}</c>: deliveries with the same key for one subscription go out in order.</summary>
    public string ResourceKey { get; set; } = "";

    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public int AttemptCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>While an instance is attempting it: no other instance claims it before this time.</summary>
    public DateTime? LeaseUntil { get; set; }

    public Guid? LeaseToken { get; set; }
    public DateTime? CompletedAt { get; set; }

    public List<WebhookAttempt> Attempts { get; set; } = [];
}

/// <summary>One HTTP attempt of a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime StartedAt { get; set; }
    public int DurationMs { get; set; }
    public int? StatusCode { get; set; }

    /// <summary>The first 1 KiB of the response body.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>What went wrong when no HTTP answer came (refused, timed out, blocked address).</summary>
    public string? Error { get; set; }
}

/// <summary>A published article whose time has not come: the scheduler announces it when it does.</summary>
public sealed class ScheduledPublication
{
    public Guid ArticleId { get; set; }
    public DateTime DueAt { get; set; }
}
