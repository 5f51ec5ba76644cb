namespace NewsApi.Data.Entities;

/// <summary>
/// A link that shows an unpublished article to whoever holds it (an editor's preview on the real site). The token
/// itself is never stored: only its SHA-256 hash, as for API keys.
/// </summary>
public sealed class PreviewLink
{
    public Guid Id { get; set; }
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public byte[] Hash { get; set; } = [];

    /// <summary>When set, the link works only while the article is at this revision: an edit after it closes the link.</summary>
    public int? Revision { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>The name of the API key that made the link.</summary>
    public string? CreatedBy { get; set; }
}
