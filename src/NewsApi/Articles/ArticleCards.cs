using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Providers;

namespace NewsApi.Articles;

/// <summary>
/// Summaries written as JSON by the database itself, one statement for all the cards of a page: each article's own
/// columns, its source, and its bylines and tags aggregated in the editor's order. Reading 20 summaries as rows
/// meant about 1,900 column reads (one native call or more each), a materialiser per row, and the serializer
/// writing it all out again; this reads one value. SQLite and PostgreSQL have a statement; any other provider
/// (SQL Server) reads the rows (<see cref="ArticleProjections"/>), and tests hold both to the same JSON.
/// The article ids come from a query that already applied visibility, filters and order. On SQLite the statements
/// run prepared, through <see cref="SqliteStatementCache"/>.
/// </summary>
public static class ArticleCards
{
    public static bool Supported(NewsDbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    /// <summary>The summaries of the articles with these ids, in this order, as a UTF-8 JSON array.</summary>
    public static async Task<byte[]> SummariesAsync(NewsDbContext db, IReadOnlyList<Guid> ids, DateTime now,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return "[]"u8.ToArray();
        }
        if (db is SqliteNewsDbContext sqlite)
        {
            // Ids are stored as upper-case text, as EF writes them.
            var stored = JsonSerializer.Serialize(ids.Select(id => id.ToString("D").ToUpperInvariant()));
            // Read as bytes: SQLite hands out its UTF-8 text as it is, with no round trip through a .NET string.
            var json = await sqlite.Statements.ReadAsync(sqlite.ConnectionString, SqliteSummaries, static reader =>
            {
                reader.Read();
                return reader.GetFieldValue<byte[]>(0);
            }, cancellationToken, ("$ids", stored), ("$now", now));
            LowerCaseIds(json);
            return json;
        }
        var rows = await db.Database.SqlQueryRaw<string>(PostgresSummaries, ids.ToArray(), now).ToListAsync(cancellationToken);
        return Encoding.UTF8.GetBytes(rows[0]);
    }

    /// <summary>
    /// The public front page (no filter, no search, newest first, by offset) on SQLite: the page's cards from one
    /// prepared statement, where the general path runs a query through EF for the keys and then the cards. Each row
    /// is one card, and the page's keys are read from the cards themselves: a column costs Microsoft.Data.Sqlite
    /// several native calls, and two more columns per row were a tenth of the page.
    /// </summary>
    public static ValueTask<ArticleSummaries> SqliteFrontPageAsync(SqliteNewsDbContext db, DateTime now, int skip, int take,
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

    /// <summary>Statuses as the API names them; a published article whose time has not come is scheduled.</summary>
    private static string Status(string now) => $"""
        CASE
            WHEN a."Status" = 'Published' AND a."PublishedAt" > {now} THEN 'scheduled'
            WHEN a."Status" = 'Published' THEN 'published'
            WHEN a."Status" = 'Draft' THEN 'draft'
            WHEN a."Status" = 'Archived' THEN 'archived'
            ELSE 'scheduled'
        END
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
            || ',"status":"' || {{Status("$now")}}
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
            || ',"authors":[' || coalesce((
                SELECT group_concat("j", ',')
                FROM (
                    SELECT '{"id":"' || au."Id" || '","slug":' || json_quote(au."Slug") || ',"name":' || json_quote(au."Name")
                        || ',"avatarUrl":' || json_quote(au."AvatarUrl") || '}' AS "j"
                    FROM "ArticleAuthors" AS x
                    CROSS JOIN "Authors" AS au ON au."Id" = x."AuthorId"
                    WHERE x."ArticleId" = a."Id"
                    ORDER BY x."Position")), '')
            || '],"source":' || coalesce((
                SELECT '{"id":"' || s."Id" || '","slug":' || json_quote(s."Slug") || ',"name":' || json_quote(s."Name")
                    || ',"homepageUrl":' || json_quote(s."HomepageUrl") || '}'
                FROM "Sources" AS s
                WHERE s."Id" = a."SourceId"), 'null')
            || ',"tags":[' || coalesce((
                SELECT group_concat("j", ',')
                FROM (
                    SELECT '{"id":"' || t."Id" || '","slug":' || json_quote(t."Slug") || ',"name":' || json_quote(t."Name") || '}' AS "j"
                    FROM "ArticleTags" AS x
                    CROSS JOIN "Tags" AS t ON t."Id" = x."TagId"
                    WHERE x."ArticleId" = a."Id"
                    ORDER BY x."Position")), '')
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
    /// <see cref="ArticleVisibility.PublicTemplate"/> (with the soft-delete filter) and <see cref="ArticleQueries.Order"/>
    /// newest first, which the index on (Status, PublishedAt, Id) serves; a test holds the page to the general path's.
    /// </summary>
    private static readonly string SqliteFrontPageSql = $"""
        SELECT {SqliteCard} AS "c"
        FROM "Articles" AS a
        WHERE a."DeletedAt" IS NULL AND a."Status" = 'Published' AND a."PublishedAt" <= $now
        ORDER BY a."PublishedAt" DESC, a."Id" DESC
        LIMIT $take OFFSET $skip
        """;

    /// <summary>timestamptz as ISO 8601 in UTC with a Z, fractions without trailing zeros, as the serializer writes it.</summary>
    private static string PostgresTime(string column) => $"""(to_json({column} AT TIME ZONE 'UTC') #>> '{"{{}}"}') || 'Z'""";

    /// <summary>
    /// Each byline's author and each tag is looked up by its key in a subquery of its own: written as a join, the
    /// planner hashed all 300 authors once per article (0.9 of the statement's 1.6 ms for a front page).
    /// </summary>
    private static readonly string PostgresSummaries = $"""
        SELECT json_agg(json_build_object(
            'id', a."Id",
            'slug', a."Slug",
            'title', a."Title",
            'subtitle', a."Subtitle",
            'excerpt', a."Excerpt",
            'status', {Status("{1}")},
            'featured', a."Featured",
            'featuredImage', CASE WHEN a."FeaturedImageUrl" IS NULL THEN NULL
                WHEN a."FeaturedImageMediaId" IS NULL THEN json_build_object(
                'url', a."FeaturedImageUrl", 'alt', a."FeaturedImageAlt",
                'caption', a."FeaturedImageCaption", 'credit', a."FeaturedImageCredit",
                'mediaId', NULL, 'width', NULL, 'height', NULL)
                ELSE (
                SELECT json_build_object(
                    'url', a."FeaturedImageUrl", 'alt', COALESCE(a."FeaturedImageAlt", m."Alt"),
                    'caption', COALESCE(a."FeaturedImageCaption", m."Caption"), 'credit', COALESCE(a."FeaturedImageCredit", m."Credit"),
                    'mediaId', m."Id", 'width', m."Width", 'height', m."Height")
                FROM "MediaAssets" AS m
                WHERE m."Id" = a."FeaturedImageMediaId") END,
            'authors', COALESCE((
                SELECT json_agg((
                    SELECT json_build_object('id', au."Id", 'slug', au."Slug", 'name', au."Name", 'avatarUrl', au."AvatarUrl")
                    FROM "Authors" AS au
                    WHERE au."Id" = x."AuthorId") ORDER BY x."Position")
                FROM "ArticleAuthors" AS x
                WHERE x."ArticleId" = a."Id"), '[]'::json),
            'source', (
                SELECT json_build_object('id', s."Id", 'slug', s."Slug", 'name', s."Name", 'homepageUrl', s."HomepageUrl")
                FROM "Sources" AS s
                WHERE s."Id" = a."SourceId"),
            'tags', COALESCE((
                SELECT json_agg((
                    SELECT json_build_object('id', t."Id", 'slug', t."Slug", 'name', t."Name")
                    FROM "Tags" AS t
                    WHERE t."Id" = x."TagId") ORDER BY x."Position")
                FROM "ArticleTags" AS x
                WHERE x."ArticleId" = a."Id"), '[]'::json),
            'readingTimeMinutes', a."ReadingTimeMinutes",
            'publishedAt', {PostgresTime("a.\"PublishedAt\"")},
            'createdAt', {PostgresTime("a.\"CreatedAt\"")},
            'updatedAt', {PostgresTime("a.\"UpdatedAt\"")}) ORDER BY k."Position")::text AS "Value"
        FROM unnest({"{0}"}) WITH ORDINALITY AS k("Id", "Position")
        JOIN "Articles" AS a ON a."Id" = k."Id"
        """;
}
