using System.ComponentModel.DataAnnotations;
namespace NewsApi.Sources;

public sealed record SourceResponse : Http.ICacheTagged
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    [Url]
    public required string? HomepageUrl { get; init; }
    public required string? Description { get; init; }

    /// <summary>How many articles were sourced from this outlet.</summary>
    public required int ArticleCount { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The public page's address on the site (Site:BaseUrl and its template); null when no site is configured.</summary>
    [Url]
    public string? Url { get; init; }

    public IEnumerable<string> CacheTags() => [Http.CacheTags.Source(Id)];
}

/// <summary>A source as embedded in an article.</summary>
public sealed record SourceSummary
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    [Url]
    public required string? HomepageUrl { get; init; }
}
