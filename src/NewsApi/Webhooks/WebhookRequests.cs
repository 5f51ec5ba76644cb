using System.ComponentModel.DataAnnotations;

namespace NewsApi.Webhooks;

/// <summary>The writable fields of a webhook subscription, for POST and PUT (and the shape a PATCH merges into).</summary>
public sealed record WebhookRequest
{
    /// <summary>Where events are POSTed: an absolute https URL (http only where <c>Webhooks:AllowInsecureUrls</c> is true).</summary>
    /// <example>https://hooks.example.com/newsapi</example>
    [Required]
    public string Url { get; init; } = "";

    /// <summary>The event types to send, or <c>["*"]</c> for all of them (<c>*</c> alone, never beside other types).</summary>
    /// <example>["article.published", "article.unpublished"]</example>
    [Required]
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <example>CDN purge for www.example.com</example>
    public string? Description { get; init; }

    /// <summary>false pauses deliveries; they wait, and go out once it is enabled again.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Limits article events to some articles; other events are not filtered.</summary>
    public WebhookFilters? Filters { get; init; }
}

/// <summary>Article events only for articles carrying one of these tags, or from this source.</summary>
public sealed record WebhookFilters
{
    /// <summary>Tag slugs.</summary>
    /// <example>["climate", "energy"]</example>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>A source slug.</summary>
    /// <example>baltic-wire</example>
    public string? Source { get; init; }
}

/// <summary>The delivery log's query: a page, and optionally one status and one event type.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">1 to 100.</param>
/// <param name="Status">pending, succeeded or failed.</param>
/// <param name="Event">An event type, e.g. article.published.</param>
public sealed record DeliveryListQuery(int Page = 1, int PageSize = Http.PageRequest.DefaultPageSize, string? Status = null, string? Event = null)
{
    public Http.PageRequest Paging => new(Page, PageSize);
}
