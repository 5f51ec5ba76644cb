using System.ComponentModel.DataAnnotations;

namespace NewsApi.Articles;

/// <summary>
/// The writable fields of an article, for POST and PUT (and the shape a PATCH merges into). Status, publishedAt and
/// the audit times belong to the server and cannot be written here.
/// </summary>
public sealed record ArticleRequest
{
    /// <example>Baltic grid cuts its last link to the Russian network</example>
    [Required]
    public string Title { get; init; } = "";

    /// <summary>The dek under the headline.</summary>
    /// <example>Estonia, Latvia and Lithuania now run their power grids in step with continental Europe.</example>
    public string? Subtitle { get; init; }

    /// <summary>The short text shown on cards and in lists.</summary>
    /// <example>After years of preparation the three states switched frequency control to the European grid.</example>
    public string? Excerpt { get; init; }

    /// <summary>Markdown source of the story.</summary>
    /// <example>The switch-over took place at dawn on Sunday.</example>
    public string Body { get; init; } = "";

    /// <summary>Lower-case letters, digits and single hyphens. Generated from the title when omitted; kept when omitted on update.</summary>
    /// <example>baltic-grid-cuts-last-link</example>
    public string? Slug { get; init; }

    /// <summary>The byline, in order: one to ten author ids.</summary>
    [Required]
    public IReadOnlyList<Guid> AuthorIds { get; init; } = [];

    /// <summary>The outlet the story was sourced from.</summary>
    public Guid? SourceId { get; init; }

    /// <summary>The URL of the original story at the source.</summary>
    /// <example>https://balticwire.example.com/2025/02/grid</example>
    [Url]
    public string? SourceUrl { get; init; }

    /// <summary>Up to twenty tag ids.</summary>
    public IReadOnlyList<Guid> TagIds { get; init; } = [];

    /// <summary>The "Also see" links, in order: up to ten other articles, never the article itself.</summary>
    public IReadOnlyList<Guid> RelatedArticleIds { get; init; } = [];

    public bool Featured { get; init; }

    public FeaturedImage? FeaturedImage { get; init; }

    /// <example>https://news.example.com/energy/baltic-grid</example>
    [Url]
    public string? CanonicalUrl { get; init; }

    /// <example>Baltic states leave the Russian power grid</example>
    public string? MetaTitle { get; init; }

    /// <example>How Estonia, Latvia and Lithuania synchronised with continental Europe.</example>
    public string? MetaDescription { get; init; }
}

/// <summary>
/// The picture at the top of an article: an image hosted anywhere (<c>url</c>), or one of the media library's
/// (<c>mediaId</c>), whose URL and size then come from the asset, and whose alt text, caption and credit are the
/// asset's unless given here.
/// </summary>
public sealed record FeaturedImage
{
    /// <summary>
    /// An image hosted elsewhere. Required unless <c>mediaId</c> is given; with <c>mediaId</c> it comes from the asset,
    /// so it may only be left out or sent back as the asset's own URL.
    /// </summary>
    /// <example>https://images.example.com/2025/02/substation.jpg</example>
    [Url]
    public string? Url { get; init; }

    /// <summary>A media asset's id (<c>/api/v1/media</c>). Send null with a <c>url</c> to use an image hosted elsewhere.</summary>
    public Guid? MediaId { get; init; }

    /// <summary>What the picture shows, for readers who cannot see it.</summary>
    /// <example>Engineers in a control room in front of a wall of screens</example>
    public string? Alt { get; init; }

    /// <example>The control room of the Estonian grid operator.</example>
    public string? Caption { get; init; }

    /// <example>Image via X/@elering</example>
    public string? Credit { get; init; }
}
