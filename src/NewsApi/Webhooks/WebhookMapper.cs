using System.Linq.Expressions;
using NewsApi.Data.Entities;

namespace NewsApi.Webhooks;

/// <summary>Between the API's shapes and the stored subscription, whose lists are kept space-separated.</summary>
public static class WebhookMapper
{
    public static void ApplyTo(this WebhookRequest request, WebhookSubscription subscription)
    {
        subscription.Url = request.Url.Trim();
        subscription.Events = string.Join(' ', request.Events.Distinct());
        subscription.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (request.Enabled && !subscription.Enabled)
        {
            subscription.DisabledReason = null;
        }
        subscription.Enabled = request.Enabled;
        subscription.FilterTags = request.Filters?.Tags is { Count: > 0 } tags ? string.Join(' ', tags.Distinct()) : null;
        subscription.FilterSource = request.Filters?.Source;
    }

    public static WebhookRequest ToRequest(this WebhookSubscription subscription) => new()
    {
        Url = subscription.Url,
        Events = Split(subscription.Events)!,
        Description = subscription.Description,
        Enabled = subscription.Enabled,
        Filters = Filters(subscription.FilterTags, subscription.FilterSource),
    };

    public static WebhookResponse ToResponse(this WebhookSubscription s) => new()
    {
        Id = s.Id,
        Url = s.Url,
        Events = Split(s.Events)!,
        Description = s.Description,
        Enabled = s.Enabled,
        Filters = Filters(s.FilterTags, s.FilterSource),
        DisabledReason = s.DisabledReason,
        PreviousSecretExpiresAt = s.PreviousSecretExpiresAt,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
    };

    /// <summary>The response's columns only: a read never loads the secrets.</summary>
    public static readonly Expression<Func<WebhookSubscription, WebhookSubscription>> WithoutSecrets = s => new WebhookSubscription
    {
        Id = s.Id,
        Url = s.Url,
        Events = s.Events,
        Description = s.Description,
        Enabled = s.Enabled,
        FilterTags = s.FilterTags,
        FilterSource = s.FilterSource,
        DisabledReason = s.DisabledReason,
        PreviousSecretExpiresAt = s.PreviousSecretExpiresAt,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        Version = s.Version,
    };

    public static DeliveryResponse ToResponse(this WebhookDelivery d) => new()
    {
        Id = d.Id,
        EventId = d.EventId,
        EventType = d.EventType,
        Status = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Status.ToString()),
        CreatedAt = d.CreatedAt,
        NextAttemptAt = d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
        CompletedAt = d.CompletedAt,
        Attempts = d.Attempts.OrderBy(a => a.Number).Select(a => new AttemptResponse
        {
            Number = a.Number,
            StartedAt = a.StartedAt,
            DurationMs = a.DurationMs,
            StatusCode = a.StatusCode,
            ResponseBody = a.ResponseBody,
            Error = a.Error,
        }).ToList(),
    };

    private static List<string>? Split(string? value) => value?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static WebhookFilters? Filters(string? tags, string? source) =>
        tags is null && source is null ? null : new WebhookFilters { Tags = Split(tags), Source = source };
}
