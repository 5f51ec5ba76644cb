using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;
using NewsApi.Sources;
using NewsApi.Tags;

namespace NewsApi.Transfer;

/// <summary>
/// Writes one imported record the way the API writes it: the same validators, the same slug rules, the same
/// article editor (references checked, body rendered and sanitised, schedule kept). Each record is its own
/// transaction, so a bad one leaves nothing behind. Ids and audit times from the file are kept.
/// </summary>
public sealed partial class RecordImporter(
    NewsDbContext db, ArticleEditor editor, IBulkSearchIndex search,
    IValidator<ArticleRequest> articles, IValidator<AuthorRequest> authors, IValidator<TagRequest> tags, IValidator<SourceRequest> sources)
{
    /// <summary>Articles whose related links pointed further down the file; linked once the whole file is in.</summary>
    public List<(long Line, ArticleRecord Record)> Deferred { get; } = [];

    /// <summary>
    /// Opens the transaction a batch of records shares: one commit (one sync to disk) per batch rather than per
    /// record. With <paramref name="savepoints"/>, each record stands alone inside it, behind a savepoint that its
    /// failure rolls back to; without, a record the database refuses ends the batch (<see cref="ImportAsync"/>
    /// answers null) and the caller runs it again with savepoints.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginBatchAsync(bool savepoints, CancellationToken cancellationToken)
    {
        _savepoints = savepoints;
        // EF Core also wraps each SaveChanges in a savepoint of its own inside a transaction it did not open.
        db.Database.AutoSavepointsEnabled = savepoints;
        return await db.Database.BeginTransactionAsync(cancellationToken);
    }

    private bool _savepoints = true;

    /// <summary>The record's outcome; null when the database refused it inside a batch without savepoints.</summary>
    public async Task<RecordOutcome?> ImportAsync(long line, TransferRecord record, ImportMode mode, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var batch = db.Database.CurrentTransaction;
        await using var own = batch is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = batch ?? own!;
        const string savepoint = "import_record";
        var guarded = batch is not null && _savepoints;
        if (guarded)
        {
            await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        }
        try
        {
            var outcome = record switch
            {
                AuthorRecord a => await SimpleAsync(line, a, a.Id, a.Slug, a.Name, "author", FieldLimits.Author.Slug, mode, db.Authors,
                    new AuthorRequest { Name = a.Name, Slug = NullIfEmpty(a.Slug), Bio = a.Bio, Email = a.Email, AvatarUrl = a.AvatarUrl, WebsiteUrl = a.WebsiteUrl, SocialHandle = a.SocialHandle },
                    authors, (r, e) => r.ApplyTo(e), a.CreatedAt, a.UpdatedAt, cancellationToken),
                TagRecord t => await SimpleAsync(line, t, t.Id, t.Slug, t.Name, "tag", FieldLimits.Tag.Slug, mode, db.Tags,
                    new TagRequest { Name = t.Name, Slug = NullIfEmpty(t.Slug), Description = t.Description },
                    tags, (r, e) => r.ApplyTo(e), t.CreatedAt, t.UpdatedAt, cancellationToken),
                SourceRecord s => await SimpleAsync(line, s, s.Id, s.Slug, s.Name, "source", FieldLimits.Source.Slug, mode, db.Sources,
                    new SourceRequest { Name = s.Name, Slug = NullIfEmpty(s.Slug), HomepageUrl = s.HomepageUrl, Description = s.Description },
                    sources, (r, e) => r.ApplyTo(e), s.CreatedAt, s.UpdatedAt, cancellationToken),
                ArticleRecord a => await ArticleAsync(line, a, mode, deferring: true, cancellationToken),
                RevisionRecord r => await RevisionAsync(line, r, cancellationToken),
                RedirectRecord r => await RedirectAsync(line, r, cancellationToken),
                _ => RecordOutcome.Failed(line, "type", "Unknown type."),
            };
            await EndAsync(outcome.Result != RecordResult.Failed, cancellationToken);
            return outcome;
        }
        catch (DbUpdateException) when (batch is not null && !_savepoints)
        {
            return null;
        }
        catch (DbUpdateException e)
        {
            await EndAsync(false, cancellationToken);
            return RecordOutcome.Failed(line, "", e.IsUniqueViolation()
                ? "Another record already holds this id or slug."
                : "The database refused the record.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        async Task EndAsync(bool keep, CancellationToken ct)
        {
            if (guarded)
            {
                if (keep)
                {
                    await transaction.ReleaseSavepointAsync(savepoint, ct);
                }
                else
                {
                    await transaction.RollbackToSavepointAsync(savepoint, ct);
                }
            }
            else if (batch is null)
            {
                await (keep ? transaction.CommitAsync(ct) : transaction.RollbackAsync(ct));
            }
            // In a batch without savepoints a refused record has written nothing: every refusal comes before its save.
        }
    }

    /// <summary>
    /// Links the deferred related articles, now that every article of the file exists: a transaction (one commit)
    /// per <paramref name="batchSize"/> articles, each behind its own savepoint, so a refused one leaves nothing.
    /// </summary>
    public async Task<IReadOnlyList<ImportError>> LinkDeferredAsync(CancellationToken cancellationToken, int batchSize = 500)
    {
        const string savepoint = "import_link";
        var errors = new List<ImportError>();
        foreach (var chunk in Deferred.Chunk(batchSize))
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (line, record) in chunk)
            {
                db.ChangeTracker.Clear();
                await transaction.CreateSavepointAsync(savepoint, cancellationToken);
                RecordOutcome outcome;
                try
                {
                    outcome = await ArticleAsync(line, record, ImportMode.Upsert, deferring: false, cancellationToken);
                }
                catch (DbUpdateException)
                {
                    outcome = RecordOutcome.Failed(line, "relatedArticleIds", "The database refused the related articles.");
                }
                if (outcome.Result == RecordResult.Failed)
                {
                    await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                    errors.AddRange(outcome.Errors);
                }
                else
                {
                    await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        Deferred.Clear();
        db.ChangeTracker.Clear();
        return errors;
    }

    private async Task<RecordOutcome> SimpleAsync<TEntity, TRequest>(
        long line, TransferRecord record, Guid id, string slug, string name, string noun, int slugLength, ImportMode mode,
        DbSet<TEntity> set, TRequest request, IValidator<TRequest> validator, Action<TRequest, TEntity> apply,
        DateTime? createdAt, DateTime? updatedAt, CancellationToken cancellationToken)
        where TEntity : Entity, ISlugged, new()
    {
        if (await InvalidAsync(line, validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        var existing = await FindAsync(set, id, slug, cancellationToken);
        if (existing is not null && mode == ImportMode.Create)
        {
            return RecordOutcome.Failed(line, existing.Id == id ? "id" : "slug", $"A {noun} with this {(existing.Id == id ? "id" : "slug")} exists already.");
        }
        var entity = existing ?? new TEntity { Id = id == Guid.Empty ? Guid.CreateVersion7() : id };
        var resolved = await SlugResolution.ResolveAsync(set, entity, NullIfEmpty(slug), name, noun, slugLength, existing is null, cancellationToken);
        if (resolved is null)
        {
            return RecordOutcome.Failed(line, "slug", $"Another {noun} has the slug '{slug}'.");
        }
        apply(request, entity);
        entity.Slug = resolved;
        if (existing is null)
        {
            set.Add(entity);
        }
        await db.SaveChangesAsync(cancellationToken);
        await KeepTimesAsync(set, entity.Id, createdAt, updatedAt, cancellationToken);
        return existing is null ? RecordOutcome.Created : RecordOutcome.Updated;
    }

    private async Task<RecordOutcome> ArticleAsync(long line, ArticleRecord record, ImportMode mode, bool deferring, CancellationToken cancellationToken)
    {
        var known = record.RelatedArticleIds.Count == 0
            ? []
            : await db.Articles.IgnoreQueryFilters().Where(a => record.RelatedArticleIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var related = deferring ? record.RelatedArticleIds.Where(known.Contains).ToList() : record.RelatedArticleIds.ToList();
        var request = Request(record, related);
        if (await InvalidAsync(line, articles, request with { RelatedArticleIds = record.RelatedArticleIds }, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        if (NeedsPublicationTime(line, record) is { } undated)
        {
            return undated;
        }

        var id = record.Id;
        var found = id != Guid.Empty && await db.Articles.IgnoreQueryFilters().AnyAsync(a => a.Id == id, cancellationToken);
        if (!found && !string.IsNullOrEmpty(record.Slug)
            && await db.Articles.IgnoreQueryFilters().Where(a => a.Slug == record.Slug).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken) is { } bySlug)
        {
            (id, found) = (bySlug, true);
        }
        id = id == Guid.Empty ? Guid.CreateVersion7() : id;
        // Most imported articles are new: nothing to load for them.
        var existing = found ? await editor.LoadAsync(id, cancellationToken, includeTrashed: true) : null;
        if (existing is not null && mode == ImportMode.Create)
        {
            var field = existing.Id == record.Id ? "id" : "slug";
            return RecordOutcome.Failed(line, field, $"An article with this {field} exists already.");
        }
        // A new article is built as an update of an empty one with the file's id, so the editor keeps that id.
        var article = existing ?? new Article { Id = id };
        if (existing is null)
        {
            db.Articles.Add(article);
        }
        var refused = await editor.ApplyAsync(article, request, isNew: false, cancellationToken);
        switch (refused?.Result)
        {
            case Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem:
                return RecordOutcome.Failed(line, problem.ProblemDetails.Errors);
            case Microsoft.AspNetCore.Http.HttpResults.Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails> conflict:
                return RecordOutcome.Failed(line, "slug", conflict.Value?.Detail ?? "The slug is taken.");
        }
        // Stored, a scheduled article is a published one whose time has not come (as POST .../publish makes it).
        article.Status = record.Status == ArticleStatus.Scheduled ? ArticleStatus.Published : record.Status;
        article.PublishedAt = record.PublishedAt;
        article.DeletedAt = record.DeletedAt;
        await db.SaveChangesAsync(cancellationToken);
        await KeepTimesAsync(db.Articles.IgnoreQueryFilters(), article.Id, record.CreatedAt, record.UpdatedAt, cancellationToken);
        if (deferring && related.Count < record.RelatedArticleIds.Count)
        {
            Deferred.Add((line, record with { Id = article.Id }));
        }
        return existing is null ? RecordOutcome.Created : RecordOutcome.Updated;
    }

    /// <summary>The record as the API's write request, with the related articles that can be linked now.</summary>
    private static ArticleRequest Request(ArticleRecord record, IReadOnlyList<Guid> related) => new()
    {
        Title = record.Title, Subtitle = record.Subtitle, Excerpt = record.Excerpt, Body = record.Body, Slug = NullIfEmpty(record.Slug),
        AuthorIds = record.AuthorIds, TagIds = record.TagIds, RelatedArticleIds = related, SourceId = record.SourceId,
        SourceUrl = record.SourceUrl, Featured = record.Featured, FeaturedImage = record.FeaturedImage,
        CanonicalUrl = record.CanonicalUrl, MetaTitle = record.MetaTitle, MetaDescription = record.MetaDescription,
    };

    private static RecordOutcome? NeedsPublicationTime(long line, ArticleRecord record) =>
        record.Status is ArticleStatus.Published or ArticleStatus.Scheduled && record.PublishedAt is null
            ? RecordOutcome.Failed(line, "publishedAt", $"A {record.Status.ToString().ToLowerInvariant()} article needs its publication time.")
            : null;

    private async Task<RecordOutcome> RevisionAsync(long line, RevisionRecord record, CancellationToken cancellationToken)
    {
        var article = await db.Articles.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == record.ArticleId, cancellationToken);
        if (article is null)
        {
            return RecordOutcome.Failed(line, "articleId", $"No article has the id {record.ArticleId}.");
        }
        if (record.Number < 1)
        {
            return RecordOutcome.Failed(line, "number", "Revisions are numbered from 1.");
        }
        if (await db.ArticleRevisions.IgnoreQueryFilters().AnyAsync(r => r.ArticleId == record.ArticleId && r.Number == record.Number, cancellationToken))
        {
            return RecordOutcome.Skipped;
        }
        db.ArticleRevisions.Add(new ArticleRevision
        {
            Id = record.Id == Guid.Empty ? Guid.CreateVersion7() : record.Id, ArticleId = record.ArticleId, Number = record.Number,
            CreatedAt = record.CreatedAt, CreatedBy = record.CreatedBy, Snapshot = record.Snapshot,
        });
        await db.SaveChangesAsync(cancellationToken);
        // The revision counter is the article's; raising it is bookkeeping, not an edit, so it is not an update.
        await db.Articles.IgnoreQueryFilters().Where(a => a.Id == record.ArticleId && a.LastRevision < record.Number)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastRevision, record.Number), cancellationToken);
        return RecordOutcome.Created;
    }

    private async Task<RecordOutcome> RedirectAsync(long line, RedirectRecord record, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(record.Slug))
        {
            return RecordOutcome.Failed(line, "slug", "Lower-case letters, digits and single hyphens.");
        }
        if (!await db.Articles.IgnoreQueryFilters().AnyAsync(a => a.Id == record.ArticleId, cancellationToken))
        {
            return RecordOutcome.Failed(line, "articleId", $"No article has the id {record.ArticleId}.");
        }
        var holder = await db.ArticleSlugRedirects.IgnoreQueryFilters().Where(r => r.Slug == record.Slug).Select(r => (Guid?)r.ArticleId)
            .SingleOrDefaultAsync(cancellationToken)
            ?? await db.Articles.IgnoreQueryFilters().Where(a => a.Slug == record.Slug).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (holder == record.ArticleId)
        {
            return RecordOutcome.Skipped;
        }
        if (holder is not null)
        {
            return RecordOutcome.Failed(line, "slug", $"Another article holds the slug '{record.Slug}'.");
        }
        db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { Slug = record.Slug, ArticleId = record.ArticleId, CreatedAt = record.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        return RecordOutcome.Created;
    }

    private static async Task<RecordOutcome?> InvalidAsync<T>(long line, IValidator<T> validator, T request, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(request, cancellationToken);
        return result.IsValid
            ? null
            : new RecordOutcome(RecordResult.Failed, result.Errors.Select(e => new ImportError(line, e.PropertyName, e.ErrorMessage)).ToList());
    }

    private static async Task<TEntity?> FindAsync<TEntity>(DbSet<TEntity> set, Guid id, string slug, CancellationToken cancellationToken)
        where TEntity : Entity, ISlugged =>
        (id == Guid.Empty ? null : await set.IgnoreQueryFilters().SingleOrDefaultAsync(e => e.Id == id, cancellationToken))
        ?? (string.IsNullOrEmpty(slug) ? null : await set.IgnoreQueryFilters().SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken));

    /// <summary>The save stamped the time of the import; the file's times are the resource's own, so they go back.</summary>
    private static async Task KeepTimesAsync<TEntity>(IQueryable<TEntity> set, Guid id, DateTime? createdAt, DateTime? updatedAt, CancellationToken cancellationToken)
        where TEntity : Entity
    {
        if (createdAt is { } created && updatedAt is { } updated)
        {
            await set.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, created).SetProperty(e => e.UpdatedAt, updated), cancellationToken);
        }
        else if (createdAt is { } createdOnly)
        {
            await set.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, createdOnly), cancellationToken);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
