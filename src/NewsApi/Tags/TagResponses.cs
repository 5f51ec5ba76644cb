namespace NewsApi.Tags;

public sealed record TagResponse : Http.ICacheTagged
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public required string? Description { get; init; }

    /// <summary>How many articles carry this tag.</summary>
    public required int ArticleCount { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The public page's address on the site (Site:BaseUrl and its template); null when no site is configured.</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public string? Url { get; init; }

    public IEnumerable<string> CacheTags() => [Http.CacheTags.Tag(Id)];
}

/// <summary>A tag as embedded in an article.</summary>
public sealed record TagSummary
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
}
