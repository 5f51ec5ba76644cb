namespace NewsApi.Data.Entities;

/// <summary>A stored version of an article's editable fields, numbered from 1 per article.</summary>
public sealed class ArticleRevision
{
    public Guid Id { get; set; }
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Who made the change: the API key's name, when the caller used one.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>The editable fields as JSON, in the shape of the article write model.</summary>
    public string Snapshot { get; set; } = "";
}
