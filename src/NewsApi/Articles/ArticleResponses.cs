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
    public required FeaturedImage? FeaturedImage { get; init; }
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
    public required FeaturedImage? FeaturedImage { get; init; }
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
    public required FeaturedImage? FeaturedImage { get; init; }
    public required DateTime? PublishedAt { get; init; }
}
