namespace NewsApi.Data.Entities;

/// <summary>A slug a published article used to have; it keeps resolving (301) to the article's current slug.</summary>
public sealed class ArticleSlugRedirect
{
    public string Slug { get; set; } = "";
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
