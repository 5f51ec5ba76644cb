using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Sources;
using NewsApi.Tags;
using NewsApi.Webhooks;

namespace NewsApi.Changes;

/// <summary>
/// Reads the change feed from the outbox (<see cref="Data.Entities.Change"/>), the same ordered record webhooks are
/// sent from. A reader starting from nothing first gets a snapshot (every resource it may see, type by type, by id),
/// then the log from the position the snapshot began at: whatever changed during the snapshot comes again from the
/// log, so nothing falls between the two. Each item carries the resource as the caller may see it when the page is
/// read, so items of one resource can never leave a replica older than the database.
/// </summary>
public static class ChangeFeed
{
    public sealed record Request(ChangeCursor? Since, HashSet<string> Types, int Limit, bool Summary, ReadContext Read);

    /// <summary>Events after which an article the public can no longer see has left its view: a tombstone for them.</summary>
    private static readonly HashSet<string> Hiding =
        [WebhookEvents.ArticleUnpublished, WebhookEvents.ArticleArchived, WebhookEvents.ArticleTrashed, WebhookEvents.ArticleDeleted];

    public static async Task<ChangePage> ReadAsync(NewsDbContext db, IArticleReadPath reads, Request request, CancellationToken cancellationToken)
    {
        var cursor = request.Since ?? await StartAsync(db, request.Read.Now, cancellationToken);
        return cursor.Phase == ChangeCursor.Snapshot
            ? await SnapshotAsync(db, reads, cursor, request, cancellationToken)
            : await LogAsync(db, reads, cursor, request, cancellationToken);
    }

    /// <summary>A snapshot's first cursor: it covers every change already final, and the log resumes right after them.</summary>
    private static async Task<ChangeCursor> StartAsync(NewsDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await ChangeOrder.HorizonAsync(db, cancellationToken) is { } horizon)
        {
            return new ChangeCursor(ChangeCursor.Snapshot, horizon - 1, long.MaxValue, now.Ticks);
        }
        // Elsewhere writers are serialised (SQLite), so the last sequence number is the last committed change.
        var last = await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
        return new ChangeCursor(ChangeCursor.Snapshot, 0, last, now.Ticks);
    }

    private static async Task<ChangePage> SnapshotAsync(NewsDbContext db, IArticleReadPath reads, ChangeCursor cursor, Request request, CancellationToken cancellationToken)
    {
        for (var index = cursor.TypeIndex; index < ChangeTypes.All.Count; index++)
        {
            var type = ChangeTypes.All[index];
            var after = index == cursor.TypeIndex ? cursor.After : null;
            if (!request.Types.Contains(type))
            {
                continue;
            }
            var ids = await IdsAsync(db, type, after, request.Read, request.Limit + 1, cancellationToken);
            if (ids.Count == 0)
            {
                continue;
            }
            var page = ids.Count > request.Limit ? ids[..request.Limit] : ids;
            var states = await StatesAsync(db, reads, type, page, request, cancellationToken);
            var items = page.Where(states.ContainsKey)
                .Select(id => new ChangeItem(
                    (cursor with { TypeIndex = index, After = id }).Encode(), "upsert", type, id, cursor.AtUtc, states[id]))
                .ToList();
            var next = cursor with { TypeIndex = index, After = page[^1] };
            // The last page of the snapshot hands over to the log.
            return new ChangePage(items, next.Encode(), HasMore: true);
        }
        return new ChangePage([], ChangeCursor.LogAt(cursor.Transaction, cursor.Sequence, cursor.AtUtc).Encode(), HasMore: true);
    }

    private static async Task<ChangePage> LogAsync(NewsDbContext db, IArticleReadPath reads, ChangeCursor cursor, Request request, CancellationToken cancellationToken)
    {
        var horizon = await ChangeOrder.HorizonAsync(db, cancellationToken) ?? long.MaxValue;
        var resourceTypes = request.Types.Select(ChangeTypes.ResourceOf).ToList();
        var (tx, seq) = (cursor.Transaction, cursor.Sequence);
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Transaction >= tx && (c.Transaction > tx || c.Sequence > seq) && c.Transaction < horizon)
            .Where(c => resourceTypes.Contains(c.ResourceType))
            .OrderBy(c => c.Transaction).ThenBy(c => c.Sequence)
            .Take(request.Limit + 1)
            .Select(c => new { c.Transaction, c.Sequence, c.Type, c.ResourceType, c.ResourceId, c.OccurredAt, c.Payload })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            // Caught up: nothing older than now can be missed from here.
            return new ChangePage([], (cursor with { At = Math.Max(cursor.At, request.Read.Now.Ticks) }).Encode(), HasMore: false);
        }
        var hasMore = rows.Count > request.Limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var states = new Dictionary<(string, Guid), object>();
        foreach (var group in rows.GroupBy(r => ChangeTypes.OfResource(r.ResourceType)))
        {
            var found = await StatesAsync(db, reads, group.Key, [.. group.Select(r => r.ResourceId).Distinct()], request, cancellationToken);
            foreach (var (id, state) in found)
            {
                states[(group.Key, id)] = state;
            }
        }

        var items = new List<ChangeItem>(rows.Count);
        foreach (var row in rows)
        {
            var type = ChangeTypes.OfResource(row.ResourceType);
            var at = row.OccurredAt;
            var itemCursor = ChangeCursor.LogAt(row.Transaction, row.Sequence, at).Encode();
            if (states.TryGetValue((type, row.ResourceId), out var state))
            {
                items.Add(new ChangeItem(itemCursor, "upsert", type, row.ResourceId, at, state));
            }
            else if (request.Read.Editor || type != ChangeTypes.Articles || HidesFromPublic(row.Type, row.Payload))
            {
                items.Add(new ChangeItem(itemCursor, "delete", type, row.ResourceId, at, null));
            }
            // Otherwise: a change to an article the public has not seen (a draft's edit) is none of its business.
        }
        var last = rows[^1];
        return new ChangePage(items, ChangeCursor.LogAt(last.Transaction, last.Sequence, last.OccurredAt).Encode(), hasMore);
    }

    /// <summary>Whether a change to an article the public cannot see now took it out of the public's view.</summary>
    private static bool HidesFromPublic(string eventType, string payload)
    {
        if (Hiding.Contains(eventType))
        {
            return true;
        }
        if (eventType != WebhookEvents.ArticleUpdated)
        {
            return false;
        }
        // Rescheduling a published article into the future hides it with no lifecycle event of its own.
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty("data", out var data)
               && data.TryGetProperty("changedFields", out var fields)
               && fields.EnumerateArray().Any(f => f.GetString() is "status" or "publishedAt");
    }

    private static Task<List<Guid>> IdsAsync(NewsDbContext db, string type, Guid? after, ReadContext read, int take, CancellationToken cancellationToken)
    {
        var from = after ?? Guid.Empty;
        var first = after is null;
        return type switch
        {
            ChangeTypes.Authors => db.Authors.AsNoTracking().Where(x => first || x.Id.CompareTo(from) > 0).OrderBy(x => x.Id).Select(x => x.Id).Take(take).ToListAsync(cancellationToken),
            ChangeTypes.Tags => db.Tags.AsNoTracking().Where(x => first || x.Id.CompareTo(from) > 0).OrderBy(x => x.Id).Select(x => x.Id).Take(take).ToListAsync(cancellationToken),
            ChangeTypes.Sources => db.Sources.AsNoTracking().Where(x => first || x.Id.CompareTo(from) > 0).OrderBy(x => x.Id).Select(x => x.Id).Take(take).ToListAsync(cancellationToken),
            _ => db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now).Where(x => first || x.Id.CompareTo(from) > 0).OrderBy(x => x.Id).Select(x => x.Id).Take(take).ToListAsync(cancellationToken),
        };
    }

    /// <summary>The resources with these ids that the caller may see, as it would read them.</summary>
    private static async Task<Dictionary<Guid, object>> StatesAsync(NewsDbContext db, IArticleReadPath reads, string type, List<Guid> ids, Request request,
        CancellationToken cancellationToken)
    {
        var read = request.Read;
        switch (type)
        {
            case ChangeTypes.Authors:
                return (await db.Authors.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(AuthorProjections.ToResponse(read)).ToListAsync(cancellationToken))
                    .ToDictionary(x => x.Id, x => (object)x);
            case ChangeTypes.Tags:
                return (await db.Tags.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(TagProjections.ToResponse(read)).ToListAsync(cancellationToken))
                    .ToDictionary(x => x.Id, x => (object)x);
            case ChangeTypes.Sources:
                return (await db.Sources.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(SourceProjections.ToResponse(read)).ToListAsync(cancellationToken))
                    .ToDictionary(x => x.Id, x => (object)x);
        }
        if (request.Summary)
        {
            var summaries = await reads.SummariesInOrderAsync(db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now), ids, db, read, cancellationToken);
            return summaries.ToDictionary(x => x.Id, x => (object)x);
        }
        return (await WholeArticles.ManyByIdAsync(db, ids, read, cancellationToken)).ToDictionary(x => x.Id, x => (object)x);
    }
}
