using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Feeds;

/// <summary>An author, tag or source as a feed names and links it.</summary>
public sealed record FeedLink(Guid Id, string Slug, string Name);

/// <summary>One public article as every feed format needs it.</summary>
public sealed record FeedEntry(
    Guid Id,
    string Slug,
    string Title,
    string? Excerpt,
    string BodyHtml,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    string? ImageUrl,
    string? ImageAlt,
    string? ImageCaption,
    string? ImageCredit,
    FeedLink? Source,
    string? SourceUrl)
{
    public IReadOnlyList<FeedLink> Authors { get; init; } = [];
    public IReadOnlyList<FeedLink> Tags { get; init; } = [];
}

/// <summary>What a feed covers: the whole site, or one tag's, author's or source's articles.</summary>
public sealed record FeedScope(string Kind, FeedLink? Subject)
{
    public static readonly FeedScope Site = new("articles", null);
}

public static class FeedEntries
{
    /// <summary>How many of the newest articles a feed carries.</summary>
    public const int Size = 50;

    /// <summary>
    /// The newest public articles of the scope, newest first, whole (the sanitised HTML body included). Three
    /// statements: the articles, then the bylines and the tags of all of them, in the editor's order.
    /// </summary>
    public static async Task<IReadOnlyList<FeedEntry>> NewestAsync(NewsDbContext db, FeedScope scope, DateTime now, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now));
        if (scope.Subject is { } subject)
        {
            var id = subject.Id;
            articles = scope.Kind switch
            {
                "tags" => articles.Where(a => a.Tags.Any(t => t.TagId == id)),
                "authors" => articles.Where(a => a.Authors.Any(l => l.AuthorId == id)),
                _ => articles.Where(a => a.SourceId == id),
            };
        }
        var entries = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Size)
            .Select(a => new FeedEntry(a.Id, a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt!.Value, a.UpdatedAt,
                a.FeaturedImageUrl, a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt, a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption,
                a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
                a.Source == null ? null : new FeedLink(a.Source.Id, a.Source.Slug, a.Source.Name), a.SourceUrl))
            .ToListAsync(cancellationToken);
        return await WithBylinesAndTagsAsync(db, entries, cancellationToken);
    }

    public static async Task<List<FeedEntry>> WithBylinesAndTagsAsync(NewsDbContext db, List<FeedEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return entries;
        }
        var ids = entries.ConvertAll(e => e.Id);
        var authors = (await db.ArticleAuthors.AsNoTracking().Where(l => ids.Contains(l.ArticleId))
                .OrderBy(l => l.Position)
                .Select(l => new { l.ArticleId, Link = new FeedLink(l.Author.Id, l.Author.Slug, l.Author.Name) })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.ArticleId, l => l.Link);
        var tags = (await db.ArticleTags.AsNoTracking().Where(l => ids.Contains(l.ArticleId))
                .OrderBy(l => l.Position)
                .Select(l => new { l.ArticleId, Link = new FeedLink(l.Tag.Id, l.Tag.Slug, l.Tag.Name) })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.ArticleId, l => l.Link);
        return entries.ConvertAll(e => e with { Authors = authors[e.Id].ToList(), Tags = tags[e.Id].ToList() });
    }

    /// <summary>The tag, author or source a scoped feed is about; null when there is none with that slug.</summary>
    public static async Task<FeedScope?> ScopeAsync(NewsDbContext db, string kind, string slug, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        var subject = kind switch
        {
            "tags" => await db.Tags.AsNoTracking().Where(t => t.Slug == normalized).Select(t => new FeedLink(t.Id, t.Slug, t.Name)).SingleOrDefaultAsync(cancellationToken),
            "authors" => await db.Authors.AsNoTracking().Where(t => t.Slug == normalized).Select(t => new FeedLink(t.Id, t.Slug, t.Name)).SingleOrDefaultAsync(cancellationToken),
            _ => await db.Sources.AsNoTracking().Where(t => t.Slug == normalized).Select(t => new FeedLink(t.Id, t.Slug, t.Name)).SingleOrDefaultAsync(cancellationToken),
        };
        return subject is null ? null : new FeedScope(kind, subject);
    }
}
