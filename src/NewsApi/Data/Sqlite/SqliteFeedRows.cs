using System.Text.Json;
using NewsApi.Data.Providers;
using NewsApi.Feeds;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// A feed's rows in one prepared statement (<see cref="SqliteStatementCache"/>): each article's columns, source,
/// bylines and tags written as one small JSON object by SQLite, as the list cards are, and its HTML body beside it,
/// read as the UTF-8 SQLite holds: never a .NET string, half the bytes to allocate.
/// Through EF the same rows took two statements, and the bylines and tags alone (about 200 short rows of six
/// columns, each column several native calls) were a fifth of a feed's CPU at 1,000,000 articles.
/// </summary>
public sealed class SqliteFeedRows : IFeedRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<FeedEntry>> ReadAsync(NewsDbContext db, List<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var sqlite = (SqliteNewsDbContext)db;
        var stored = SqliteArticleCards.StoredIds(ids);
        return await sqlite.Statements.ReadAsync(sqlite.ConnectionString, Sql, static reader =>
        {
            var entries = new List<FeedEntry>();
            while (reader.Read())
            {
                var row = JsonSerializer.Deserialize<Row>(reader.GetFieldValue<byte[]>(0), Json)!;
                entries.Add(new FeedEntry(row.Id, row.Slug, row.Title, row.Excerpt, reader.GetFieldValue<byte[]>(1), row.PublishedAt, row.UpdatedAt,
                    row.ImageUrl, row.ImageAlt, row.ImageCaption, row.ImageCredit, row.Source, row.SourceUrl)
                {
                    Authors = row.Authors,
                    Tags = row.Tags,
                });
            }
            return entries;
        }, cancellationToken, ("$ids", stored), ("$now", now));
    }

    private sealed record Row(Guid Id, string Slug, string Title, string? Excerpt, DateTime PublishedAt, DateTime UpdatedAt,
        string? ImageUrl, string? ImageAlt, string? ImageCaption, string? ImageCredit, FeedLink? Source, string? SourceUrl,
        List<FeedLink> Authors, List<FeedLink> Tags);

    /// <summary>
    /// The public articles among <c>$ids</c> (a JSON array), in its order. Times are stored as
    /// 'yyyy-MM-dd HH:mm:ss.FFFFFFF' in UTC: a T and a Z make them ISO 8601.
    /// </summary>
    private static readonly string Sql = $$"""
        SELECT '{"id":"' || a."Id"
                || '","slug":' || json_quote(a."Slug")
                || ',"title":' || json_quote(a."Title")
                || ',"excerpt":' || json_quote(a."Excerpt")
                || ',"publishedAt":"' || replace(a."PublishedAt", ' ', 'T')
                || 'Z","updatedAt":"' || replace(a."UpdatedAt", ' ', 'T')
                || 'Z","imageUrl":' || json_quote(a."FeaturedImageUrl")
                || ',"imageAlt":' || json_quote(coalesce(a."FeaturedImageAlt", m."Alt"))
                || ',"imageCaption":' || json_quote(coalesce(a."FeaturedImageCaption", m."Caption"))
                || ',"imageCredit":' || json_quote(coalesce(a."FeaturedImageCredit", m."Credit"))
                || ',"source":' || CASE WHEN s."Id" IS NULL THEN 'null'
                    ELSE '{"id":"' || s."Id" || '","slug":' || json_quote(s."Slug") || ',"name":' || json_quote(s."Name") || '}' END
                || ',"sourceUrl":' || json_quote(a."SourceUrl")
                || ',"authors":[' || {{SqliteArticleCards.LinkedObjects("ArticleAuthors", "Authors", "AuthorId")}}
                || '],"tags":[' || {{SqliteArticleCards.LinkedObjects("ArticleTags", "Tags", "TagId")}}
                || ']}' AS "Row",
            a."BodyHtml"
        FROM json_each($ids) AS k
        CROSS JOIN "Articles" AS a ON a."Id" = k."value"
        LEFT JOIN "MediaAssets" AS m ON m."Id" = a."FeaturedImageMediaId"
        LEFT JOIN "Sources" AS s ON s."Id" = a."SourceId"
        WHERE {{ArticleVisibilitySql.IsPublic("a", "$now")}}
        ORDER BY k."key"
        """;
}
