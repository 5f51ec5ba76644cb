using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Webhooks;

/// <summary>What a webhook payload's <c>data</c> holds: enough to find, show and purge the resource, never the resource itself.</summary>
public sealed record EventData
{
    public required Guid Id { get; init; }
    public string? Slug { get; init; }

    /// <summary>An article's status after the change (draft, scheduled, published, archived, trashed); <c>deleted</c> once gone.</summary>
    public string? Status { get; init; }

    /// <summary>Where the API serves it.</summary>
    public required string Path { get; init; }

    /// <summary>Its public page, when <c>Webhooks:SiteUrl</c> is configured.</summary>
    public string? Url { get; init; }

    /// <summary>For an update: the fields it changed, as the API names them.</summary>
    public IReadOnlyList<string>? ChangedFields { get; init; }

    /// <summary>The cache tags a CDN purges for it (the API's own output-cache tags).</summary>
    public required IReadOnlyList<string> CacheTags { get; init; }
}

/// <summary>A webhook event's body: <c>{ "type", "timestamp", "data" }</c>.</summary>
public sealed record EventPayload(string Type, DateTime Timestamp, EventData Data);

/// <summary>An event about to be written, with what subscription filters look at.</summary>
public sealed record EventDraft(string Type, string ResourceType, EventData Data, IReadOnlyCollection<string>? TagSlugs = null,
    IReadOnlyCollection<string>? SourceSlugs = null);

/// <summary>An enabled subscription, as fan-out sees it.</summary>
public sealed record SubscriptionTarget(Guid Id, string Events, string? FilterTags, string? FilterSource)
{
    public bool Wants(EventDraft draft)
    {
        if (!WebhookEvents.Wants(Events, draft.Type))
        {
            return false;
        }
        if (draft.ResourceType != "article" || (FilterTags is null && FilterSource is null))
        {
            return true;
        }
        var tags = FilterTags?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return tags.Any(t => draft.TagSlugs?.Contains(t) == true)
               || (FilterSource is not null && draft.SourceSlugs?.Contains(FilterSource) == true);
    }
}

/// <summary>
/// Writes events into the change table, and one delivery per interested subscription, in the caller's unit of
/// work: they commit or roll back with the change that made them.
/// </summary>
public static class Outbox
{
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task<List<SubscriptionTarget>> TargetsAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled)
            .Select(s => new SubscriptionTarget(s.Id, s.Events, s.FilterTags, s.FilterSource))
            .ToListAsync(cancellationToken);

    public static string NewEventId(DateTimeOffset now) => "msg_" + Guid.CreateVersion7(now).ToString("N");

    /// <summary>Adds the change and its deliveries to the context, for the caller's save; answers how many deliveries.</summary>
    public static int Record(NewsDbContext db, EventDraft draft, IReadOnlyList<SubscriptionTarget> targets, DateTimeOffset now)
    {
        var change = new Change
        {
            EventId = NewEventId(now),
            Type = draft.Type,
            ResourceType = draft.ResourceType,
            ResourceId = draft.Data.Id,
            OccurredAt = now.UtcDateTime,
            Payload = JsonSerializer.Serialize(new EventPayload(draft.Type, now.UtcDateTime, draft.Data), PayloadJson),
        };
        db.Changes.Add(change);
        var deliveries = 0;
        foreach (var target in targets.Where(t => t.Wants(draft)))
        {
            deliveries++;
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = target.Id,
                Change = change,
                EventId = change.EventId,
                EventType = change.Type,
                ResourceKey = $"{draft.ResourceType}:{draft.Data.Id}",
                Payload = change.Payload,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now.UtcDateTime,
                NextAttemptAt = now.UtcDateTime,
            });
        }
        return deliveries;
    }

    /// <summary>For writes made with set-based statements: records the event and saves, inside the caller's transaction.</summary>
    public static async Task RecordAndSaveAsync(NewsDbContext db, EventDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Record(db, draft, await TargetsAsync(db, cancellationToken), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the row <paramref name="rows"/> selects with a set-based statement and records its <c>deleted</c>
    /// event, in one transaction; answers whether a row went.
    /// </summary>
    public static Task<bool> DeleteAndRecordAsync<T>(NewsDbContext db, IQueryable<T> rows, string resourceType, Guid id, CancellationToken cancellationToken)
        where T : Entity, ISlugged
    {
        var services = db.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>()
            .FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider
            ?? throw new InvalidOperationException("The context has no application services.");
        var time = services.GetRequiredService<TimeProvider>();
        var siteUrl = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.SiteUrl;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await rows.Select(r => r.Slug).SingleOrDefaultAsync(cancellationToken) is not { } slug
                || await rows.ExecuteDeleteAsync(cancellationToken) != 1)
            {
                return false;
            }
            await RecordAndSaveAsync(db, Simple(resourceType, "deleted", id, slug, null, siteUrl), time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            services.GetRequiredService<DispatchSignal>().Notify();
            return true;
        });
    }

    /// <summary>The event of a tag, author or source (which have no status), by its slug.</summary>
    public static EventDraft Simple(string resourceType, string action, Guid id, string slug, IReadOnlyList<string>? changedFields, string? siteUrl)
    {
        var (resourceTag, listTag) = resourceType switch
        {
            "author" => (Http.CacheTags.Author(id), Http.CacheTags.ListOf<Authors.AuthorResponse>()),
            "tag" => (Http.CacheTags.Tag(id), Http.CacheTags.ListOf<Tags.TagResponse>()),
            "source" => (Http.CacheTags.Source(id), Http.CacheTags.ListOf<Sources.SourceResponse>()),
            _ => throw new ArgumentOutOfRangeException(nameof(resourceType)),
        };
        return new EventDraft(WebhookEvents.Of(resourceType, action), resourceType, new EventData
        {
            Id = id,
            Slug = slug,
            Status = action == "deleted" ? "deleted" : null,
            Path = $"{Http.ApiGroups.Prefix}/{resourceType}s/{id}",
            Url = PublicUrl(siteUrl, resourceType, slug, action),
            ChangedFields = changedFields,
            CacheTags = [resourceTag, listTag],
        });
    }

    public static string? PublicUrl(string? siteUrl, string resourceType, string? slug, string action) =>
        siteUrl is null || slug is null || action == "deleted" ? null : $"{siteUrl.TrimEnd('/')}/{resourceType}s/{slug}";
}
