using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Every change to an article goes through here: references checked, slug resolved (old slugs of published
/// articles kept as redirects), Markdown rendered and sanitised, links kept in order, a revision recorded, and
/// the save guarded by the article's concurrency token.
/// </summary>
public sealed class ArticleEditor(
    NewsDbContext db, ArticleBodyRenderer renderer, TimeProvider time, IOptions<EditingOptions> editing,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<Media.MediaOptions> media, IHttpContextAccessor http)
{
    /// <summary>The article with its links, tracked for a change; trashed ones only when asked for.</summary>
    public Task<Article?> LoadAsync(Guid id, CancellationToken cancellationToken, bool includeTrashed = false)
    {
        var articles = includeTrashed ? db.Articles.IgnoreQueryFilters() : db.Articles;
        return articles
            .Include(a => a.Authors)
            .Include(a => a.Tags)
            .Include(a => a.Related)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>Applies <paramref name="request"/> to the article; answers the 400 or 409 when it refuses. Saves nothing.</summary>
    public async Task<Results<ValidationProblem, Conflict<ProblemDetails>>?> ApplyAsync(
        Article article, ArticleRequest request, bool isNew, CancellationToken cancellationToken)
    {
        var unknown = await ArticleLinks.FindUnknownAsync(request, isNew ? null : article.Id, db, cancellationToken);
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(unknown);
        }

        var slug = await SlugResolution.ResolveAsync(SlugHolders(), article, request.Slug, request.Title, "article",
            FieldLimits.Article.Slug, isNew, cancellationToken);
        if (slug is null)
        {
            return TypedResults.Conflict(Problems.SlugTaken("article", request.Slug!));
        }
        await KeepOldSlugAsync(article, slug, isNew, cancellationToken);

        RenderedBody rendered;
        try
        {
            rendered = renderer.Render(request.Body);
        }
        catch (ArgumentException)
        {
            // Markdig refuses pathological nesting (over ~128 levels of quotes, lists or brackets).
            return TypedResults.ValidationProblem(Problems.Error("body", "The Markdown is nested too deeply to render."));
        }

        string? mediaUrl = null;
        if (request.FeaturedImage?.MediaId is { } mediaId)
        {
            if (!string.IsNullOrEmpty(media.Value.PublicBaseUrl) || http.HttpContext is not null)
            {
                mediaUrl = (http.HttpContext is { } context
                    ? Media.MediaLinks.For(context.Request, media.Value)
                    : new Media.MediaLinks(media.Value.PublicBaseUrl!.TrimEnd('/'), media.Value)).Featured(mediaId);
            }
            else
            {
                return TypedResults.ValidationProblem(Problems.Error("featuredImage.mediaId",
                    "Outside a request a media asset's URL is known only from Media:PublicBaseUrl: set it to link media here."));
            }
        }

        Fill(article, request, slug, rendered);
        if (mediaUrl is not null)
        {
            article.FeaturedImageUrl = mediaUrl;
        }
        if (isNew)
        {
            article.Id = Guid.CreateVersion7(time.GetUtcNow());
            db.Articles.Add(article);
        }
        return null;
    }

    /// <summary>Writes an accepted request onto the article: its fields, slug, rendered body and links in order.</summary>
    public static void Fill(Article article, ArticleRequest request, string slug, RenderedBody body)
    {
        request.ApplyTo(article);
        article.Slug = slug;
        article.BodyHtml = body.Html;
        article.WordCount = body.WordCount;
        article.ReadingTimeMinutes = body.ReadingTimeMinutes;
        ArticleLinks.Apply(article, request);
    }

    /// <summary>Stores the article's editable fields as its next revision, and drops the oldest beyond the limit.</summary>
    public Task RecordRevisionAsync(Article article, ArticleRequest request, string? by, CancellationToken cancellationToken)
    {
        var number = ++article.LastRevision;
        db.ArticleRevisions.Add(new ArticleRevision
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ArticleId = article.Id,
            Number = number,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = by,
            Snapshot = JsonSerializer.Serialize(request with { Slug = article.Slug }, json.Value.SerializerOptions),
        });
        _pruneBelow = number + 1 - editing.Value.RevisionsToKeep;
        return Task.CompletedTask;
    }

    private int? _pruneBelow;

    /// <summary>What the last save changed as far as lists go; null when nothing was saved here.</summary>
    public ArticleChange? SavedChange { get; private set; }

    /// <summary>Saves; false when another request changed the article first (its version no longer matched).</summary>
    public async Task<bool> SaveAsync(Article article, CancellationToken cancellationToken)
    {
        var change = PendingChange();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && e.Entries.Any(entry => entry.Entity is ArticleRevision))
        {
            // The revision number is taken: another write to this article committed first.
            db.ChangeTracker.Clear();
            return false;
        }
        SavedChange = change;
        if (_pruneBelow is { } below && below > 1)
        {
            await db.ArticleRevisions.IgnoreQueryFilters()
                .Where(r => r.ArticleId == article.Id && r.Number < below)
                .ExecuteDeleteAsync(cancellationToken);
        }
        return true;
    }

    private static readonly string[] MembershipProperties =
        [nameof(Article.Status), nameof(Article.PublishedAt), nameof(Article.DeletedAt), nameof(Article.Featured), nameof(Article.SourceId)];

    private static readonly string[] TextProperties =
        [nameof(Article.Title), nameof(Article.Subtitle), nameof(Article.Excerpt), nameof(Article.Body)];

    /// <summary>
    /// Whether the pending changes can move an article into or out of a list (its status, dates, featured flag,
    /// source, authors or tags), change what searches match (its text) or where a title sort puts it, and whether
    /// the public could see it before or after: a typo fixed in a subtitle should not make every list count its
    /// articles again, nor empty every cached list.
    /// </summary>
    private ArticleChange PendingChange()
    {
        db.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow().UtcDateTime;
        var change = ArticleChange.None;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Article:
                    if (WasOrIsPublic(entry, now))
                    {
                        change |= ArticleChange.Public;
                    }
                    if (entry.State is EntityState.Added or EntityState.Deleted || MembershipProperties.Any(p => entry.Property(p).IsModified))
                    {
                        change |= ArticleChange.Membership;
                    }
                    if (TextProperties.Any(p => entry.Property(p).IsModified))
                    {
                        change |= ArticleChange.Text;
                    }
                    if (entry.Property(nameof(Article.Title)).IsModified)
                    {
                        change |= ArticleChange.Title;
                    }
                    break;
                case ArticleAuthor or ArticleTag when entry.State is EntityState.Added or EntityState.Deleted:
                    change |= ArticleChange.Membership;
                    break;
            }
        }
        return change;
    }

    private static bool WasOrIsPublic(EntityEntry entry, DateTime now)
    {
        bool PublicBy(Func<PropertyEntry, object?> value) => ArticleVisibility.IsPublic(
            (ArticleStatus)value(entry.Property(nameof(Article.Status)))!, (DateTime?)value(entry.Property(nameof(Article.PublishedAt))),
            (DateTime?)value(entry.Property(nameof(Article.DeletedAt))), now);
        return PublicBy(p => p.OriginalValue) || PublicBy(p => p.CurrentValue);
    }

    /// <summary>Every slug an article holds, current or kept from before, with its owner.</summary>
    private IQueryable<SlugOwner> SlugHolders() =>
        db.Articles.IgnoreQueryFilters().Select(a => new SlugOwner { Id = a.Id, Slug = a.Slug })
            .Concat(db.ArticleSlugRedirects.IgnoreQueryFilters().Select(r => new SlugOwner { Id = r.ArticleId, Slug = r.Slug }));

    /// <summary>
    /// Links in the wild point at a published article's slug: when it changes, the old one becomes a redirect.
    /// Taking back an old slug of its own drops that redirect.
    /// </summary>
    private async Task KeepOldSlugAsync(Article article, string newSlug, bool isNew, CancellationToken cancellationToken)
    {
        if (isNew || newSlug == article.Slug)
        {
            return;
        }
        var reclaimed = await db.ArticleSlugRedirects.IgnoreQueryFilters()
            .SingleOrDefaultAsync(r => r.Slug == newSlug && r.ArticleId == article.Id, cancellationToken);
        if (reclaimed is not null)
        {
            db.ArticleSlugRedirects.Remove(reclaimed);
        }
        if (article.Status == ArticleStatus.Published)
        {
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect
            {
                Slug = article.Slug,
                ArticleId = article.Id,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
    }
}
