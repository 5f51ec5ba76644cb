namespace NewsApi.Data.Entities;

/// <summary>An author on an article's byline; <see cref="Position"/> keeps the byline order.</summary>
public sealed class ArticleAuthor
{
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public Guid AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int Position { get; set; }
}
