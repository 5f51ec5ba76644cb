using System.ComponentModel.DataAnnotations;
namespace NewsApi.Authors;

public sealed record AuthorResponse : Http.ICacheTagged
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public required string? Bio { get; init; }
    public required string? Email { get; init; }
    [Url]
    public required string? AvatarUrl { get; init; }
    [Url]
    public required string? WebsiteUrl { get; init; }
    public required string? SocialHandle { get; init; }

    /// <summary>How many articles carry this author's byline.</summary>
    public required int ArticleCount { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The public page's address on the site (Site:BaseUrl and its template); null when no site is configured.</summary>
    [Url]
    public string? Url { get; init; }

    public IEnumerable<string> CacheTags() => [Http.CacheTags.Author(Id)];
}

/// <summary>An author as embedded in an article: what a byline needs.</summary>
public sealed record AuthorSummary
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    [Url]
    public required string? AvatarUrl { get; init; }
}
