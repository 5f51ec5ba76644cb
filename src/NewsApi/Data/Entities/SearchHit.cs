namespace NewsApi.Data.Entities;

/// <summary>
/// One full-text match, as the database's own search engine returns it (FTS5 on SQLite, tsvector on PostgreSQL);
/// a higher rank is a better match. Not a table: read only through <c>FromSql</c>.
/// </summary>
public sealed class SearchHit
{
    public Guid ArticleId { get; set; }
    public double Rank { get; set; }
}
