using System.Linq.Expressions;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Articles;

/// <summary>
/// What the public may see: published articles whose time has come, and not in the trash. A scheduled article is
/// stored as published with a future <c>publishedAt</c>, so it appears by the clock alone, with no background job.
/// This is the rule for LINQ, stated once; the trash is left out of it because the model's query filter on
/// <c>DeletedAt</c> applies to every query of articles. The same rule in SQL, for the statements written by hand,
/// is <see cref="ArticleVisibilitySql"/>; tests hold the two to the same answers.
/// </summary>
public static class ArticleVisibility
{
    internal static readonly Expression<Func<Article, DateTime, bool>> PublicTemplate =
        (a, now) => a.Status == ArticleStatus.Published && a.PublishedAt <= now;

    /// <summary>Published, but its time has not come: the API calls it scheduled.</summary>
    internal static readonly Expression<Func<Article, DateTime, bool>> ScheduledTemplate =
        (a, now) => a.Status == ArticleStatus.Published && a.PublishedAt > now;

    public static Expression<Func<Article, bool>> PublicAt(DateTime now) => QueryTime.Bind(PublicTemplate, now);

    public static Expression<Func<Article, bool>> ScheduledAt(DateTime now) => QueryTime.Bind(ScheduledTemplate, now);

    /// <summary>Whether an article with these stored values is public at <paramref name="now"/> (the trash hides everything).</summary>
    public static bool IsPublic(ArticleStatus status, DateTime? publishedAt, DateTime? deletedAt, DateTime now) =>
        deletedAt is null && status == ArticleStatus.Published && publishedAt <= now;

    /// <summary>Everything for editors; only what is public for everyone else.</summary>
    public static IQueryable<Article> VisibleTo(this IQueryable<Article> articles, bool editor, DateTime now) =>
        editor ? articles : articles.Where(PublicAt(now));

    /// <summary>The status a reader is told: a published article whose time has not come is scheduled.</summary>
    public static ArticleStatus Effective(ArticleStatus stored, DateTime? publishedAt, DateTime now) =>
        stored == ArticleStatus.Published && publishedAt > now ? ArticleStatus.Scheduled : stored;
}
