using System.Linq.Expressions;
using NewsApi.Authors;
using NewsApi.Http;
using NewsApi.Data.Entities;
using NewsApi.Sources;
using NewsApi.Tags;

namespace NewsApi.Articles;

/// <summary>
/// Read models built inside the query (the caller's view and the time are query parameters), so the database returns only the columns shown. Written out by hand because
/// the embedded byline, tags and links must come back in the editor's order.
/// </summary>
public static class ArticleProjections
{
    public static Expression<Func<Article, ArticleResponse>> ToResponse(ReadContext read) => a => new ArticleResponse
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
        Status = a.Status == ArticleStatus.Published && a.PublishedAt > read.Now ? ArticleStatus.Scheduled : a.Status,
        Featured = a.Featured,
        FeaturedImage = a.FeaturedImageUrl == null ? null : new FeaturedImage
        {
            Url = a.FeaturedImageUrl,
            Alt = a.FeaturedImageAlt,
            Caption = a.FeaturedImageCaption,
            Credit = a.FeaturedImageCredit,
        },
        Authors = a.Authors.OrderBy(x => x.Position).Select(x => new AuthorSummary
        {
            Id = x.Author.Id,
            Slug = x.Author.Slug,
            Name = x.Author.Name,
            AvatarUrl = x.Author.AvatarUrl,
        }).ToList(),
        Source = a.Source == null ? null : new SourceSummary
        {
            Id = a.Source.Id,
            Slug = a.Source.Slug,
            Name = a.Source.Name,
            HomepageUrl = a.Source.HomepageUrl,
        },
        SourceUrl = a.SourceUrl,
        Tags = a.Tags.OrderBy(x => x.Position).Select(x => new TagSummary
        {
            Id = x.Tag.Id,
            Slug = x.Tag.Slug,
            Name = x.Tag.Name,
        }).ToList(),
        RelatedArticles = a.Related
            .Where(x => read.Editor || (x.Related.Status == ArticleStatus.Published && x.Related.PublishedAt <= read.Now))
            .OrderBy(x => x.Position).Select(x => new RelatedArticleSummary
        {
            Id = x.Related.Id,
            Slug = x.Related.Slug,
            Title = x.Related.Title,
            Excerpt = x.Related.Excerpt,
            FeaturedImage = x.Related.FeaturedImageUrl == null ? null : new FeaturedImage
            {
                Url = x.Related.FeaturedImageUrl,
                Alt = x.Related.FeaturedImageAlt,
                Caption = x.Related.FeaturedImageCaption,
                Credit = x.Related.FeaturedImageCredit,
            },
            PublishedAt = x.Related.PublishedAt,
        }).ToList(),
        CanonicalUrl = a.CanonicalUrl,
        MetaTitle = a.MetaTitle,
        MetaDescription = a.MetaDescription,
        PublishedAt = a.PublishedAt,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };

    public static Expression<Func<Article, ArticleSummary>> ToSummary(ReadContext read) => a => new ArticleSummary
    {
        Id = a.Id,
        Slug = a.Slug,
        Title = a.Title,
        Subtitle = a.Subtitle,
        Excerpt = a.Excerpt,
        Status = a.Status == ArticleStatus.Published && a.PublishedAt > read.Now ? ArticleStatus.Scheduled : a.Status,
        Featured = a.Featured,
        FeaturedImage = a.FeaturedImageUrl == null ? null : new FeaturedImage
        {
            Url = a.FeaturedImageUrl,
            Alt = a.FeaturedImageAlt,
            Caption = a.FeaturedImageCaption,
            Credit = a.FeaturedImageCredit,
        },
        Authors = a.Authors.OrderBy(x => x.Position).Select(x => new AuthorSummary
        {
            Id = x.Author.Id,
            Slug = x.Author.Slug,
            Name = x.Author.Name,
            AvatarUrl = x.Author.AvatarUrl,
        }).ToList(),
        Source = a.Source == null ? null : new SourceSummary
        {
            Id = a.Source.Id,
            Slug = a.Source.Slug,
            Name = a.Source.Name,
            HomepageUrl = a.Source.HomepageUrl,
        },
        Tags = a.Tags.OrderBy(x => x.Position).Select(x => new TagSummary
        {
            Id = x.Tag.Id,
            Slug = x.Tag.Slug,
            Name = x.Tag.Name,
        }).ToList(),
        ReadingTimeMinutes = a.ReadingTimeMinutes,
        PublishedAt = a.PublishedAt,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };
}
