namespace NewsApi.Data.Entities;

/// <summary>An "Also see" link from one article to another, in the order the editor gave.</summary>
public sealed class RelatedArticle
{
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public Guid RelatedId { get; set; }
    public Article Related { get; set; } = null!;
    public int Position { get; set; }
}
