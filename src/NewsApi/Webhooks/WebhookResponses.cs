namespace NewsApi.Webhooks;

/// <summary>A webhook subscription, as the API shows it: never its secret.</summary>
public sealed record WebhookResponse
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required string? Description { get; init; }
    public required bool Enabled { get; init; }
    public required WebhookFilters? Filters { get; init; }

    /// <summary>Why the dispatcher disabled it (the receiver answered 410 Gone).</summary>
    public required string? DisabledReason { get; init; }

    /// <summary>Until when deliveries are also signed with the secret before the last rotation.</summary>
    public required DateTime? PreviousSecretExpiresAt { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}

/// <summary>A subscription with its signing secret: shown on create and on rotation, and never again.</summary>
public sealed record WebhookWithSecretResponse
{
    public required WebhookResponse Webhook { get; init; }

    /// <summary><c>whsec_</c> and the base64 of 32 random bytes: verify <c>webhook-signature</c> with it. Store it now.</summary>
    public required string Secret { get; init; }
}

/// <summary>One delivery of one event to one subscription, with its attempts.</summary>
public sealed record DeliveryResponse
{
    public required long Id { get; init; }

    /// <summary>The event's id, sent as <c>webhook-id</c> on every attempt.</summary>
    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>pending, succeeded or failed.</summary>
    public required string Status { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>When the next attempt is due, while pending.</summary>
    public required DateTime? NextAttemptAt { get; init; }

    public required DateTime? CompletedAt { get; init; }
    public required IReadOnlyList<AttemptResponse> Attempts { get; init; }
}

public sealed record AttemptResponse
{
    public required int Number { get; init; }
    public required DateTime StartedAt { get; init; }
    public required int DurationMs { get; init; }

    /// <summary>The receiver's status code; null when no answer came.</summary>
    public required int? StatusCode { get; init; }

    /// <summary>The first 1 KiB of the receiver's answer.</summary>
    public required string? ResponseBody { get; init; }

    /// <summary>Why no answer came: refused, timed out, a blocked address.</summary>
    public required string? Error { get; init; }
}
