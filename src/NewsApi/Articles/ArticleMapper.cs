using NewsApi.Data.Entities;
using Riok.Mapperly.Abstractions;

namespace NewsApi.Articles;

/// <summary>Write-model mappings. The byline, tags and related links are kept in order by <see cref="ArticleLinks"/>.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ArticleMapper
{
    [MapperIgnoreTarget(nameof(Article.Id))]
    [MapperIgnoreTarget(nameof(Article.Slug))]
    [MapperIgnoreTarget(nameof(Article.Status))]
    [MapperIgnoreTarget(nameof(Article.PublishedAt))]
    [MapperIgnoreTarget(nameof(Article.CreatedAt))]
    [MapperIgnoreTarget(nameof(Article.UpdatedAt))]
    [MapperIgnoreTarget(nameof(Article.Version))]
    [MapperIgnoreTarget(nameof(Article.Source))]
    [MapperIgnoreTarget(nameof(Article.Authors))]
    [MapperIgnoreTarget(nameof(Article.Tags))]
    [MapperIgnoreTarget(nameof(Article.Related))]
    [MapperIgnoreTarget(nameof(Article.Revisions))]
    [MapperIgnoreTarget(nameof(Article.BodyHtml))]
    [MapperIgnoreTarget(nameof(Article.WordCount))]
    [MapperIgnoreTarget(nameof(Article.ReadingTimeMinutes))]
    [MapperIgnoreTarget(nameof(Article.DeletedAt))]
    [MapperIgnoreTarget(nameof(Article.LastRevision))]
    [MapperIgnoreTarget(nameof(Article.FeaturedMedia))]
    [MapProperty(nameof(ArticleRequest.FeaturedImage) + "." + nameof(FeaturedImage.Url), nameof(Article.FeaturedImageUrl))]
    [MapProperty(nameof(ArticleRequest.FeaturedImage) + "." + nameof(FeaturedImage.Alt), nameof(Article.FeaturedImageAlt))]
    [MapProperty(nameof(ArticleRequest.FeaturedImage) + "." + nameof(FeaturedImage.Caption), nameof(Article.FeaturedImageCaption))]
    [MapProperty(nameof(ArticleRequest.FeaturedImage) + "." + nameof(FeaturedImage.Credit), nameof(Article.FeaturedImageCredit))]
    [MapProperty(nameof(ArticleRequest.FeaturedImage) + "." + nameof(FeaturedImage.MediaId), nameof(Article.FeaturedImageMediaId))]
    public static partial void ApplyTo(this ArticleRequest request, Article article);

    [MapperIgnoreTarget(nameof(ArticleRequest.AuthorIds))]
    [MapperIgnoreTarget(nameof(ArticleRequest.TagIds))]
    [MapperIgnoreTarget(nameof(ArticleRequest.RelatedArticleIds))]
    [MapPropertyFromSource(nameof(ArticleRequest.FeaturedImage), Use = nameof(ImageOf))]
    private static partial ArticleRequest ToRequestScalars(Article article);

    /// <summary>The stored article as a write model, for a PATCH to merge into. Needs the links loaded.</summary>
    public static ArticleRequest ToRequest(this Article article) => ToRequestScalars(article) with
    {
        AuthorIds = [.. article.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId)],
        TagIds = [.. article.Tags.OrderBy(t => t.Position).Select(t => t.TagId)],
        RelatedArticleIds = [.. article.Related.OrderBy(r => r.Position).Select(r => r.RelatedId)],
    };

    private static FeaturedImage? ImageOf(Article article) => article.FeaturedImageUrl is null
        ? null
        : new FeaturedImage
        {
            Url = article.FeaturedImageUrl,
            Alt = article.FeaturedImageAlt,
            Caption = article.FeaturedImageCaption,
            Credit = article.FeaturedImageCredit,
            MediaId = article.FeaturedImageMediaId,
        };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
