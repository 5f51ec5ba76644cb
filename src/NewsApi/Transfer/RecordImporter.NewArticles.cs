using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data.Entities;

namespace NewsApi.Transfer;

public sealed partial class RecordImporter
{
    /// <summary>
    /// Imports a run of consecutive article lines together: what the per-record path asks the database one article
    /// at a time (does the id or slug exist, are the authors, tags and source known) is asked once for the run, the
    /// bodies come rendered (<see cref="BodyRenders"/>), and the new articles are saved in one go. A line this cannot settle on its
    /// own (an existing article, no slug to keep, an uploaded image, an unknown or trashed reference) goes through
    /// <see cref="ImportAsync"/> in its place in the file, after what comes before it is saved, so every line has
    /// the outcome and the errors it would have had alone. Answers null, as <see cref="ImportAsync"/> does, when the
    /// database refuses the save: the batch then runs again a record at a time.
    /// </summary>
    public async Task<IReadOnlyList<RecordOutcome>?> ImportArticlesAsync(
        IReadOnlyList<(long Line, ArticleRecord Record)> run, ImportMode mode, BodyRenders renders, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[run.Count];
        var bodies = new RenderedBody?[run.Count];
        for (var i = 0; i < run.Count; i++)
        {
            bodies[i] = await renders.TakeAsync(run[i].Record);
        }
        var known = await KnownAsync([.. run.Select(r => r.Record)], cancellationToken);
        var start = 0;
        while (start < run.Count)
        {
            var next = run.Count;
            db.ChangeTracker.Clear();
            for (var i = start; i < run.Count; i++)
            {
                var (line, record) = run[i];
                if (await InvalidAsync(line, articles, Request(record, record.RelatedArticleIds), cancellationToken) is { } invalid)
                {
                    outcomes[i] = invalid;
                }
                else if (NeedsPublicationTime(line, record) is { } undated)
                {
                    outcomes[i] = undated;
                }
                else if (!known.CanAdd(record))
                {
                    next = i;
                    break;
                }
                else
                {
                    outcomes[i] = Add(line, record, bodies[i], known);
                }
            }
            if (!await SaveNewAsync(cancellationToken))
            {
                return null;
            }
            if (next < run.Count)
            {
                if (await ImportAsync(run[next].Line, run[next].Record, mode, cancellationToken) is not { } alone)
                {
                    return null;
                }
                outcomes[next] = alone;
                known.Touched(run[next].Record);
            }
            start = next + 1;
        }
        return outcomes;
    }

    private RecordOutcome Add(long line, ArticleRecord record, RenderedBody? body, KnownRows known)
    {
        if (body is null)
        {
            return RecordOutcome.Failed(line, "body", "The Markdown is nested too deeply to render.");
        }
        var id = record.Id == Guid.Empty ? Guid.CreateVersion7() : record.Id;
        // Related articles not in the database yet are linked once the whole file is in, as on the per-record path.
        var related = record.RelatedArticleIds.Where(known.IsLive).ToList();
        var article = new Article { Id = id };
        ArticleEditor.Fill(article, Request(record, related), record.Slug, body);
        article.Status = record.Status == ArticleStatus.Scheduled ? ArticleStatus.Published : record.Status;
        article.PublishedAt = record.PublishedAt;
        article.DeletedAt = record.DeletedAt;
        if (record.CreatedAt is { } created)
        {
            article.CreatedAt = created;
            article.UpdatedAt = record.UpdatedAt ?? default;
        }
        db.Articles.Add(article);
        known.Added(article);
        if (related.Count < record.RelatedArticleIds.Count)
        {
            Deferred.Add((line, record with { Id = id }));
        }
        return RecordOutcome.Created;
    }

    private async Task<bool> SaveNewAsync(CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.HasChanges())
        {
            return true;
        }
        db.KeepsGivenTimes = true;
        // Every entity here is new and was added whole: there is nothing for EF to detect, and with thousands
        // tracked each detection pass costs more than the inserts' statements.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await search.DeferAsync(db, [.. db.ChangeTracker.Entries<Article>().Select(e => e.Entity.Id)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await search.CatchUpAsync(db, cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.KeepsGivenTimes = false;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>What the database holds of the ids, slugs and references a run of articles names: one query each.</summary>
    private async Task<KnownRows> KnownAsync(List<ArticleRecord> records, CancellationToken cancellationToken)
    {
        var articleIds = records.Select(r => r.Id).Concat(records.SelectMany(r => r.RelatedArticleIds)).Where(id => id != Guid.Empty).Distinct().ToList();
        var slugs = records.Select(r => r.Slug).Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        var authorIds = records.SelectMany(r => r.AuthorIds).Distinct().ToList();
        var tagIds = records.SelectMany(r => r.TagIds).Distinct().ToList();
        var sourceIds = records.Select(r => r.SourceId).OfType<Guid>().Distinct().ToList();

        var articlesFound = await db.Articles.IgnoreQueryFilters().Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.DeletedAt }).ToDictionaryAsync(a => a.Id, a => a.DeletedAt is null, cancellationToken);
        var slugsTaken = (await db.Articles.IgnoreQueryFilters().Where(a => slugs.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(cancellationToken))
            .Concat(await db.ArticleSlugRedirects.IgnoreQueryFilters().Where(r => slugs.Contains(r.Slug)).Select(r => r.Slug).ToListAsync(cancellationToken));
        return new KnownRows(
            articlesFound,
            [.. slugsTaken],
            [.. await db.Authors.Where(a => authorIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken)],
            [.. await db.Tags.Where(t => tagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)],
            [.. await db.Sources.Where(s => sourceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)]);
    }

    /// <param name="Articles">Article ids that exist, with whether each is live (not in the trash).</param>
    private sealed record KnownRows(
        Dictionary<Guid, bool> Articles, HashSet<string> Slugs, HashSet<Guid> Authors, HashSet<Guid> Tags, HashSet<Guid> Sources)
    {
        public bool IsLive(Guid id) => Articles.TryGetValue(id, out var live) && live;

        /// <summary>
        /// Whether the record is a new article whose every reference is known and live, with a free slug of its own:
        /// the only kind added here. Anything else needs the per-record path's questions or its exact errors.
        /// </summary>
        public bool CanAdd(ArticleRecord record) =>
            !string.IsNullOrEmpty(record.Slug) && !Slugs.Contains(record.Slug)
            && (record.Id == Guid.Empty || !Articles.ContainsKey(record.Id))
            && record.FeaturedImage?.MediaId is null
            && record.AuthorIds.All(Authors.Contains)
            && record.TagIds.All(Tags.Contains)
            && (record.SourceId is not { } source || Sources.Contains(source))
            && record.RelatedArticleIds.All(id => id != record.Id && (!Articles.TryGetValue(id, out var live) || live));

        /// <summary>
        /// After a line went the per-record way: its id and slug count as taken and its article as possibly trashed, so
        /// any later line that names them goes that way too. Erring towards the per-record path is always right.
        /// </summary>
        public void Touched(ArticleRecord record)
        {
            if (record.Id != Guid.Empty)
            {
                Articles[record.Id] = false;
            }
            if (!string.IsNullOrEmpty(record.Slug))
            {
                Slugs.Add(record.Slug);
            }
        }

        /// <summary>An article added by this run holds its id and slug from now on, for the records after it.</summary>
        public void Added(Article article)
        {
            Articles[article.Id] = article.DeletedAt is null;
            Slugs.Add(article.Slug);
        }
    }
}
