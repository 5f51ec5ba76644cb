using System.Globalization;
using System.Text.Json;
using NewsApi.Articles;
using NewsApi.Data.Providers;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// Summaries written as JSON by SQLite itself (see <see cref="CardArticleReadPath"/>): each article's own columns, its
/// source, and its bylines and tags aggregated in the editor's order. The statements run prepared, through
/// <see cref="SqliteStatementCache"/>.
/// </summary>
public static class SqliteArticleCards
{
    /// <summary>The cards of the articles with these ids, in this order, as a UTF-8 JSON array.</summary>
    public static async Task<byte[]> SummariesAsync(SqliteNewsDbContext db, IReadOnlyList<Guid> ids, DateTime now,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return "[]"u8.ToArray();
        }
        var stored = StoredIds(ids);
        // Read as bytes: SQLite hands out its UTF-8 text as it is, with no round trip through a .NET string.
        var json = await db.Statements.ReadAsync(db.ConnectionString, SqliteSummaries, static reader =>
        {
            reader.Read();
            return reader.GetFieldValue<byte[]>(0);
        }, cancellationToken, ("$ids", stored), ("$now", now));
        LowerCaseIds(json);
        return json;
    }

    /// <summary>
    /// The public front page (no filter, no search, newest first, by offset) on SQLite: the page's cards from one
    /// prepared statement, where the general path runs a query through EF for the keys and then the cards. Each row
    /// is one card, and the page's keys are read from the cards themselves: a column costs Microsoft.Data.Sqlite
    /// several native calls, and two more columns per row were a tenth of the page.
    /// </summary>
    public static ValueTask<ArticleSummaries> FrontPageAsync(SqliteNewsDbContext db, DateTime now, int skip, int take,
        CancellationToken cancellationToken) =>
        db.Statements.ReadAsync(db.ConnectionString, SqliteFrontPageSql, static reader =>
        {
            var keys = new List<ArticleKey>();
            var cards = new List<byte[]>();
            var length = 2; // [ and ]
            while (reader.Read())
            {
                var card = reader.GetFieldValue<byte[]>(0);
                keys.Add(KeyOfPublicCard(card));
                cards.Add(card);
                length += card.Length + (cards.Count > 1 ? 1 : 0);
            }
            // The array written once, at its final size.
            var json = new byte[length];
            json[0] = (byte)'[';
            var at = 1;
            foreach (var card in cards)
            {
                if (at > 1)
                {
                    json[at++] = (byte)',';
                }
                card.CopyTo(json, at);
                at += card.Length;
            }
            json[at] = (byte)']';
            LowerCaseIds(json);
            return ArticleSummaries.FromJson(keys, keys.Count, json);
        }, cancellationToken, ("$now", now), ("$take", take), ("$skip", skip));

    private static ReadOnlySpan<byte> PublishedAtMember => ",\"publishedAt\":\""u8;

    /// <summary>
    /// A public card's id and publication time, for the page's cursor. The card opens with its id, and its last
    /// members are the three times, written by the statement, so the last <c>,"publishedAt":"</c> is the member
    /// (in text the editors wrote, a quote would be escaped).
    /// </summary>
    internal static ArticleKey KeyOfPublicCard(ReadOnlySpan<byte> card)
    {
        const int GuidLength = 36;
        var id = Guid.Parse(card.Slice(IdMember.Length + 1, GuidLength));
        var at = card.LastIndexOf(PublishedAtMember) + PublishedAtMember.Length;
        var end = card[at..].IndexOf((byte)'"');
        Span<char> time = stackalloc char[end];
        for (var i = 0; i < end; i++)
        {
            time[i] = (char)card[at + i];
        }
        return new ArticleKey(id, DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), null);
    }

    private static ReadOnlySpan<byte> IdMember => "\"id\":\""u8;

    /// <summary>
    /// SQLite keeps ids as upper-case text and the API writes them in lower case. lower() in SQL is the .NET
    /// function registered for Unicode (a call out per id), and six nested replace() calls cost a sixth of the
    /// request, so the ids are lowered here: every <c>"id":"</c> in the text is a member name (inside a string
    /// value the quotes would be escaped), followed by the 36 characters of a GUID.
    /// </summary>
    internal static void LowerCaseIds(Span<byte> json)
    {
        const int GuidLength = 36;
        int at;
        while ((at = json.IndexOf(IdMember)) >= 0)
        {
            var id = json.Slice(at + IdMember.Length, GuidLength);
            for (var i = 0; i < id.Length; i++)
            {
                if (id[i] is >= (byte)'A' and <= (byte)'F')
                {
                    id[i] = (byte)(id[i] + ('a' - 'A'));
                }
            }
            json = json[(at + IdMember.Length + GuidLength)..];
        }
    }

    /// <summary>The ids as a JSON array for <c>json_each</c>, as SQLite stores them: upper-case text, as EF writes them.</summary>
    internal static string StoredIds(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(id => id.ToString("D").ToUpperInvariant()));

    /// <summary>
    /// The article <c>a</c>'s authors or tags as JSON objects (id, slug, name, then <paramref name="more"/> members, the
    /// linked row being <c>l</c>), comma-separated in the editor's order; an empty string when it has none.
    /// </summary>
    internal static string LinkedObjects(string links, string linked, string key, string more = "") => $$"""
        coalesce((
            SELECT group_concat("j", ',')
            FROM (
                SELECT '{"id":"' || l."Id" || '","slug":' || json_quote(l."Slug") || ',"name":' || json_quote(l."Name"){{more}} || '}' AS "j"
                FROM "{{links}}" AS x
                CROSS JOIN "{{linked}}" AS l ON l."Id" = x."{{key}}"
                WHERE x."ArticleId" = a."Id"
                ORDER BY x."Position")), '')
        """;

    /// <summary>
    /// One card, built by concatenation, strings quoted by json_quote: a third cheaper than json_object, whose results
    /// are parsed again wherever a subquery hands them on. Times are stored as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' in UTC, so
    /// a T and a Z make them the serializer's ISO 8601. The article is <c>a</c>; <c>$now</c> tells scheduled from published.
    /// </summary>
    private static readonly string SqliteCard = $$"""
        '{"id":"' || a."Id"
            || '","slug":' || json_quote(a."Slug")
            || ',"title":' || json_quote(a."Title")
            || ',"subtitle":' || json_quote(a."Subtitle")
            || ',"excerpt":' || json_quote(a."Excerpt")
            || ',"status":"' || {{ArticleVisibilitySql.Status("a", "$now")}}
            || '","featured":' || CASE WHEN a."Featured" THEN 'true' ELSE 'false' END
            || ',"featuredImage":' || CASE WHEN a."FeaturedImageUrl" IS NULL THEN 'null'
                WHEN a."FeaturedImageMediaId" IS NULL THEN
                '{"url":' || json_quote(a."FeaturedImageUrl") || ',"alt":' || json_quote(a."FeaturedImageAlt")
                || ',"caption":' || json_quote(a."FeaturedImageCaption") || ',"credit":' || json_quote(a."FeaturedImageCredit")
                || ',"mediaId":null,"width":null,"height":null}'
                ELSE (
                SELECT '{"url":' || json_quote(a."FeaturedImageUrl") || ',"alt":' || json_quote(coalesce(a."FeaturedImageAlt", m."Alt"))
                    || ',"caption":' || json_quote(coalesce(a."FeaturedImageCaption", m."Caption"))
                    || ',"credit":' || json_quote(coalesce(a."FeaturedImageCredit", m."Credit"))
                    || ',"mediaId":"' || lower(m."Id") || '","width":' || m."Width" || ',"height":' || m."Height" || '}'
                FROM "MediaAssets" AS m
                WHERE m."Id" = a."FeaturedImageMediaId") END
            || ',"authors":[' || {{LinkedObjects("ArticleAuthors", "Authors", "AuthorId", """ || ',"avatarUrl":' || json_quote(l."AvatarUrl")""")}}
            || '],"source":' || coalesce((
                SELECT '{"id":"' || s."Id" || '","slug":' || json_quote(s."Slug") || ',"name":' || json_quote(s."Name")
                    || ',"homepageUrl":' || json_quote(s."HomepageUrl") || '}'
                FROM "Sources" AS s
                WHERE s."Id" = a."SourceId"), 'null')
            || ',"tags":[' || {{LinkedObjects("ArticleTags", "Tags", "TagId")}}
            || '],"readingTimeMinutes":' || a."ReadingTimeMinutes"
            || ',"publishedAt":' || coalesce('"' || replace(a."PublishedAt", ' ', 'T') || 'Z"', 'null')
            || ',"createdAt":"' || replace(a."CreatedAt", ' ', 'T')
            || 'Z","updatedAt":"' || replace(a."UpdatedAt", ' ', 'T') || 'Z"}'
        """;

    /// <summary>The cards of the articles whose ids <c>$ids</c> lists as a JSON array, in its order, as one JSON array.</summary>
    private static readonly string SqliteSummaries = $"""
        SELECT '[' || coalesce(group_concat("c", ','), '') || ']' AS "Value"
        FROM (
            SELECT {SqliteCard} AS "c"
            FROM json_each($ids) AS k
            CROSS JOIN "Articles" AS a ON a."Id" = k."value"
            ORDER BY k."key")
        """;

    /// <summary>
    /// The public front page in one statement: each row an article's key and card. Visibility and order are
    /// <see cref="ArticleVisibilitySql.IsPublic"/> and <see cref="ArticleQueries.Order"/> newest first, which the index
    /// on (Status, PublishedAt, Id) serves; a test holds the page to the general path's.
    /// </summary>
    private static readonly string SqliteFrontPageSql = $"""
        SELECT {SqliteCard} AS "c"
        FROM "Articles" AS a
        WHERE {ArticleVisibilitySql.IsPublic("a", "$now")}
        ORDER BY a."PublishedAt" DESC, a."Id" DESC
        LIMIT $take OFFSET $skip
        """;
}
