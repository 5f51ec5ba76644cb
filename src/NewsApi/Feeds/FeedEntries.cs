using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Feeds;

/// <summary>An author, tag or source as a feed names and links it.</summary>
public sealed record FeedLink(Guid Id, string Slug, string Name);

/// <summary>One public article as every feed format needs it; the HTML body as UTF-8, as it is written out.</summary>
public sealed record FeedEntry(
    Guid Id,
    string Slug,
    string Title,
    string? Excerpt,
    byte[] BodyHtml,
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

/// <summary>
/// The public articles of these ids as feed entries, whole, with their bylines and tags in the editor's order, in the
/// order of the ids; an article no longer public is left out. Chosen once at start-up: through EF
/// (<see cref="EfFeedRows"/>), or by the database's own statement where one pays (<c>Data/&lt;Provider&gt;/</c>).
/// </summary>
public interface IFeedRows
{
    Task<List<FeedEntry>> ReadAsync(NewsDbContext db, List<Guid> ids, DateTime now, CancellationToken cancellationToken);
}

public sealed class EfFeedRows : IFeedRows
{
    public Task<List<FeedEntry>> ReadAsync(NewsDbContext db, List<Guid> ids, DateTime now, CancellationToken cancellationToken) =>
        FeedEntries.RowsAsync(db, ids, now, cancellationToken);
}

public static class FeedEntries
{
    /// <summary>How many of the newest articles a feed carries.</summary>
    public const int Size = 50;

    /// <summary>
    /// The newest public articles of the scope, newest first, whole (the sanitised HTML body included). The ids in
    /// date order, read from indexes alone; then the rows of those ids with their bylines and tags (<see cref="IFeedRows"/>:
    /// one statement on SQLite, two through EF); two more for a tag or author (its share of the archive, to choose the
    /// plan). Choosing the ids apart keeps the plan that finds a rare tag's articles (list them, sort the few) from
    /// reading and sorting whole rows, bodies included.
    /// </summary>
    public static async Task<IReadOnlyList<FeedEntry>> NewestAsync(NewsDbContext db, IArticleReadPath reads, IFeedRows feedRows, FeedScope scope,
        DateTime now, Func<Task<int>> publicTotal, CancellationToken cancellationToken)
    {
        // The trash is named here as well as by the query filter: reading the link tables without theirs drops
        // every filter of the statement, and the date index leaves the trash out (its own filter) only when asked.
        var articles = db.Articles.AsNoTracking().Where(a => a.DeletedAt == null).Where(ArticleVisibility.PublicAt(now));
        if (scope.Subject is { } subject)
        {
            var plan = scope.Kind == "sources"
                ? ArticleQueries.FilterPlan.PerArticle
                : reads.PlanFor(await IsLargeShareAsync(db, scope.Kind, subject.Id, publicTotal, cancellationToken));
            articles = Members(db, articles, scope.Kind, subject.Id, plan);
        }
        var ids = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Size)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        return await feedRows.ReadAsync(db, ids, now, cancellationToken);
    }

    /// <summary>
    /// The rows through EF, in two statements: the articles, then their bylines and tags (<see cref="IFeedRows"/>).
    /// An article trashed or unpublished since its id was read is left out.
    /// </summary>
    public static async Task<List<FeedEntry>> RowsAsync(NewsDbContext db, List<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now)).Where(a => ids.Contains(a.Id))
            .Select(a => new FeedEntry(a.Id, a.Slug, a.Title, a.Excerpt, Encoding.UTF8.GetBytes(a.BodyHtml), a.PublishedAt!.Value, a.UpdatedAt,
                a.FeaturedImageUrl, a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt, a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption,
                a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
                a.Source == null ? null : new FeedLink(a.Source.Id, a.Source.Slug, a.Source.Name), a.SourceUrl))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var entries = ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
        return await WithBylinesAndTagsAsync(db, entries, cancellationToken);
    }

    /// <summary>
    /// Whether the tag or author is on at least 1% of the public articles (the share <see cref="IArticleReadPath.PlanFor"/>
    /// takes). Its links are counted only up to that 1%, from the link table's index: a common tag costs what a
    /// rare one does. Links of drafts and trashed articles count too; the plan is a guess of cost, not of content.
    /// </summary>
    private static async Task<bool> IsLargeShareAsync(NewsDbContext db, string kind, Guid id, Func<Task<int>> publicTotal,
        CancellationToken cancellationToken)
    {
        var enough = Math.Max(1, await publicTotal() / 100);
        var links = kind == "tags"
            ? await db.ArticleTags.IgnoreQueryFilters().Where(l => l.TagId == id).Take(enough).CountAsync(cancellationToken)
            : await db.ArticleAuthors.IgnoreQueryFilters().Where(l => l.AuthorId == id).Take(enough).CountAsync(cancellationToken);
        return links >= enough;
    }

    /// <summary>
    /// The articles of a tag, author or source, put to the database as <paramref name="plan"/> says. The link tables
    /// are read without their trash filter, which would look up each linked article again: the articles tested are
    /// already the public ones.
    /// </summary>
    private static IQueryable<Article> Members(NewsDbContext db, IQueryable<Article> articles, string kind, Guid id,
        ArticleQueries.FilterPlan plan)
    {
        var none = 0;
        var tags = db.ArticleTags.IgnoreQueryFilters();
        var bylines = db.ArticleAuthors.IgnoreQueryFilters();
        return (kind, plan) switch
        {
            ("tags", ArticleQueries.FilterPlan.MemberList) => articles.Where(a => tags.Where(l => l.TagId == id).Select(l => l.ArticleId).Contains(a.Id)),
            ("tags", ArticleQueries.FilterPlan.WalkDates) => articles.Where(a => tags.Where(l => l.ArticleId == a.Id && l.TagId == id).Skip(none).Any()),
            ("tags", _) => articles.Where(a => tags.Any(l => l.ArticleId == a.Id && l.TagId == id)),
            ("authors", ArticleQueries.FilterPlan.MemberList) => articles.Where(a => bylines.Where(l => l.AuthorId == id).Select(l => l.ArticleId).Contains(a.Id)),
            ("authors", ArticleQueries.FilterPlan.WalkDates) => articles.Where(a => bylines.Where(l => l.ArticleId == a.Id && l.AuthorId == id).Skip(none).Any()),
            ("authors", _) => articles.Where(a => bylines.Any(l => l.ArticleId == a.Id && l.AuthorId == id)),
            _ => articles.Where(a => a.SourceId == id),
        };
    }

    /// <summary>
    /// The bylines and tags of the entries, in the editor's order, in one statement. The entries are public
    /// articles, so the links are read without the trash filter, which would look each article up again.
    /// </summary>
    public static async Task<List<FeedEntry>> WithBylinesAndTagsAsync(NewsDbContext db, List<FeedEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return entries;
        }
        var ids = entries.ConvertAll(e => e.Id);
        var links = await db.ArticleAuthors.IgnoreQueryFilters().Where(l => ids.Contains(l.ArticleId))
            .Select(l => new { l.ArticleId, Byline = true, l.Position, l.Author.Id, l.Author.Slug, l.Author.Name })
            .Concat(db.ArticleTags.IgnoreQueryFilters().Where(l => ids.Contains(l.ArticleId))
                .Select(l => new { l.ArticleId, Byline = false, l.Position, l.Tag.Id, l.Tag.Slug, l.Tag.Name }))
            .ToListAsync(cancellationToken);
        var byArticle = links.OrderBy(l => l.Position).ToLookup(l => (l.ArticleId, l.Byline), l => new FeedLink(l.Id, l.Slug, l.Name));
        return entries.ConvertAll(e => e with { Authors = byArticle[(e.Id, true)].ToList(), Tags = byArticle[(e.Id, false)].ToList() });
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
