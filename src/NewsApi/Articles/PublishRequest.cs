namespace NewsApi.Articles;

/// <summary>The optional body of <c>POST /api/v1/articles/{id}/publish</c>.</summary>
public sealed record PublishRequest
{
    /// <summary>
    /// When the article becomes public. Omitted: now, or the original publication time when the article was
    /// published before. In the future: the article is scheduled and appears at that time by itself.
    /// </summary>
    public DateTimeOffset? PublishAt { get; init; }
}
