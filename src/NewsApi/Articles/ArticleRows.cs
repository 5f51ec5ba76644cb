using System.Linq.Expressions;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Sources;

namespace NewsApi.Articles;

/// <summary>
/// An article's own columns and its source, as the rows a query reads into a summary or a whole article; the lists
/// (bylines, tags, related links) are filled in afterwards from <see cref="ArticleEmbeddedLists"/>. The summary's
/// members are those of the cards the databases write as JSON, and tests hold both to the same JSON.
/// </summary>
public static class ArticleRows
{
    // Declared before the projections that splice them in: static fields are set in the order they are written.
    internal static readonly Expression<Func<Article, ArticleImage?>> FeaturedImageTemplate = a => a.FeaturedImageUrl == null ? null : new ArticleImage
    {
        Url = a.FeaturedImageUrl,
        Alt = a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt,
        Caption = a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption,
        Credit = a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
        MediaId = a.FeaturedImageMediaId,
        Width = (int?)a.FeaturedMedia!.Width,
        Height = (int?)a.FeaturedMedia!.Height,
    };

    internal static readonly Expression<Func<Article, SourceSummary?>> SourceTemplate = a => a.Source == null ? null : new SourceSummary
    {
        Id = a.Source.Id,
        Slug = a.Source.Slug,
        Name = a.Source.Name,
        HomepageUrl = a.Source.HomepageUrl,
    };

    public static Expression<Func<Article, ArticleSummary>> Summary(DateTime now) => QueryTime.Bind(SummaryTemplate, now);

    private static readonly Expression<Func<Article, DateTime, ArticleSummary>> SummaryTemplate =
        QueryTemplates.Expand<Func<Article, DateTime, ArticleSummary>>((a, now) => new ArticleSummary
        {
            Id = a.Id,
            Slug = a.Slug,
            Title = a.Title,
            Subtitle = a.Subtitle,
            Excerpt = a.Excerpt,
            Status = QueryTemplates.IsScheduled(a, now) ? ArticleStatus.Scheduled : a.Status,
            Featured = a.Featured,
            FeaturedImage = QueryTemplates.FeaturedImage(a),
            Authors = null!,
            Source = QueryTemplates.Source(a),
            Tags = null!,
            ReadingTimeMinutes = a.ReadingTimeMinutes,
            PublishedAt = a.PublishedAt,
            CreatedAt = a.CreatedAt,
            UpdatedAt = a.UpdatedAt,
        });

    /// <summary>As <see cref="Summary"/>, for a whole article.</summary>
    public static Expression<Func<Article, ArticleResponse>> Response(DateTime now) => QueryTime.Bind(ResponseTemplate, now);

    internal static readonly Expression<Func<Article, DateTime, ArticleResponse>> ResponseTemplate =
        QueryTemplates.Expand<Func<Article, DateTime, ArticleResponse>>((a, now) => new ArticleResponse
        {
            Id = a.Id,
            Slug = a.Slug,
            Title = a.Title,
            Subtitle = a.Subtitle,
            Excerpt = a.Excerpt,
            Body = a.Body,
            BodyHtml = a.BodyHtml,
            WordCount = a.WordCount,
            ReadingTimeMinutes = a.ReadingTimeMinutes,
            Status = QueryTemplates.IsScheduled(a, now) ? ArticleStatus.Scheduled : a.Status,
            Featured = a.Featured,
            FeaturedImage = QueryTemplates.FeaturedImage(a),
            Authors = null!,
            Source = QueryTemplates.Source(a),
            SourceUrl = a.SourceUrl,
            Tags = null!,
            RelatedArticles = null!,
            CanonicalUrl = a.CanonicalUrl,
            MetaTitle = a.MetaTitle,
            MetaDescription = a.MetaDescription,
            PublishedAt = a.PublishedAt,
            CreatedAt = a.CreatedAt,
            UpdatedAt = a.UpdatedAt,
        });
}
