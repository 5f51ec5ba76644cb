using System.ComponentModel.DataAnnotations;
using NewsApi.Authors;
using NewsApi.Data.Entities;
using NewsApi.Http;
using NewsApi.Sources;
using NewsApi.Tags;

namespace NewsApi.Articles;

/// <summary>A whole article, with its byline, source, tags and related articles embedded.</summary>
public sealed record ArticleResponse : ICacheTagged
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string? Subtitle { get; init; }
    public required string? Excerpt { get; init; }

    /// <summary>Markdown source.</summary>
    public required string Body { get; init; }

    /// <summary>The body rendered to HTML and sanitised: safe to insert into a page as it is.</summary>
    public required string BodyHtml { get; init; }

    public required int WordCount { get; init; }

    /// <summary>At about 230 words a minute; at least 1.</summary>
    public required int ReadingTimeMinutes { get; init; }

    public required ArticleStatus Status { get; init; }
    public required bool Featured { get; init; }
    public required ArticleImage? FeaturedImage { get; init; }
    public required IReadOnlyList<AuthorSummary> Authors { get; init; }
    public required SourceSummary? Source { get; init; }
    [Url]
    public required string? SourceUrl { get; init; }
    public required IReadOnlyList<TagSummary> Tags { get; init; }
    public required IReadOnlyList<RelatedArticleSummary> RelatedArticles { get; init; }
    [Url]
    public required string? CanonicalUrl { get; init; }
    public required string? MetaTitle { get; init; }
    public required string? MetaDescription { get; init; }
    public required DateTime? PublishedAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The public page's address on the site (Site:BaseUrl and its template); null when no site is configured.</summary>
    [Url]
    public string? Url { get; init; }

    public IEnumerable<string> CacheTags() =>
        ArticleCacheTags.Of(Id, Authors, Tags, Source).Concat(RelatedArticles.Select(r => Http.CacheTags.Article(r.Id)));
}

/// <summary>An article as a list shows it: everything a card needs, never the body.</summary>
public sealed record ArticleSummary : ICacheTagged
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string? Subtitle { get; init; }
    public required string? Excerpt { get; init; }
    public required ArticleStatus Status { get; init; }
    public required bool Featured { get; init; }
    public required ArticleImage? FeaturedImage { get; init; }
    public required IReadOnlyList<AuthorSummary> Authors { get; init; }
    public required SourceSummary? Source { get; init; }
    public required IReadOnlyList<TagSummary> Tags { get; init; }
    public required int ReadingTimeMinutes { get; init; }
    public required DateTime? PublishedAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    public IEnumerable<string> CacheTags() => ArticleCacheTags.Of(Id, Authors, Tags, Source);
}

internal static class ArticleCacheTags
{
    public static IEnumerable<string> Of(Guid id, IEnumerable<AuthorSummary> authors, IEnumerable<TagSummary> tags, SourceSummary? source)
    {
        yield return Http.CacheTags.Article(id);
        foreach (var author in authors)
        {
            yield return Http.CacheTags.Author(author.Id);
        }
        foreach (var tag in tags)
        {
            yield return Http.CacheTags.Tag(tag.Id);
        }
        if (source is not null)
        {
            yield return Http.CacheTags.Source(source.Id);
        }
    }
}

/// <summary>An "Also see" link.</summary>
public sealed record RelatedArticleSummary
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string? Excerpt { get; init; }
    public required ArticleImage? FeaturedImage { get; init; }
    public required DateTime? PublishedAt { get; init; }
}

/// <summary>
/// The featured image as readers get it. For a media asset, its URL is the asset's widest rendition, width and
/// height are the original's, and alt, caption and credit fall back to the asset's.
/// </summary>
public sealed record ArticleImage
{
    /// <example>https://images.example.com/2025/02/substation.jpg</example>
    [System.ComponentModel.DataAnnotations.Url]
    public required string Url { get; init; }

    /// <example>Engineers in a control room in front of a wall of screens</example>
    public required string? Alt { get; init; }

    /// <example>The control room of the Estonian grid operator.</example>
    public required string? Caption { get; init; }

    /// <example>Image via X/@elering</example>
    public required string? Credit { get; init; }

    /// <summary>The media asset, when the image is one; null for an image hosted elsewhere.</summary>
    public required Guid? MediaId { get; init; }

    /// <summary>The original's width in pixels, for a media asset.</summary>
    public required int? Width { get; init; }

    /// <summary>The original's height in pixels, for a media asset.</summary>
    public required int? Height { get; init; }

    /// <summary>
    /// For a media asset, on a whole article: each preset's rendition with its size, ready for <c>srcset</c>.
    /// Left out of summaries and for images hosted elsewhere.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NewsApi.Media.MediaRendition>? Renditions { get; init; }
}
