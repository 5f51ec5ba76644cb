namespace NewsApi.Data.Entities;

/// <summary>A receiver of webhook events. Its signing secrets are read by the dispatcher and never shown again.</summary>
public sealed class WebhookSubscription : Entity
{
    public string Url { get; set; } = "";

    /// <summary>Space-separated event types, or <c>*</c>.</summary>
    public string Events { get; set; } = "";

    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Space-separated tag slugs: article events only for articles carrying one of them (or from <see cref="FilterSource"/>).</summary>
    public string? FilterTags { get; set; }

    /// <summary>A source slug: article events only for articles from it (or carrying one of <see cref="FilterTags"/>).</summary>
    public string? FilterSource { get; set; }

    /// <summary>Why the dispatcher disabled it (a receiver answering 410 Gone), until it is enabled again.</summary>
    public string? DisabledReason { get; set; }

    /// <summary><c>whsec_</c> and the base64 of 32 random bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation: deliveries are signed with it too until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTime? PreviousSecretExpiresAt { get; set; }
}
