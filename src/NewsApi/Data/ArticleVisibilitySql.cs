namespace NewsApi.Data;

/// <summary>
/// The rule of <see cref="Articles.ArticleVisibility"/> in SQL, for the statements written by hand under
/// <c>Data/Sqlite</c> and <c>Data/Postgres</c> (both spell it alike). The model's query filter does not reach raw
/// SQL, so the trash is part of the rule here. Each takes the article's alias and the SQL of the reader's time (a
/// parameter).
/// </summary>
public static class ArticleVisibilitySql
{
    /// <summary>Whether the article <paramref name="article"/> (an alias) is public.</summary>
    public static string IsPublic(string article, string now) =>
        $"""{article}."DeletedAt" IS NULL AND {article}."Status" = 'Published' AND {article}."PublishedAt" <= {now}""";

    /// <summary>Statuses as the API names them; a published article whose time has not come is scheduled.</summary>
    public static string Status(string article, string now) => $"""
        CASE
            WHEN {article}."Status" = 'Published' AND {article}."PublishedAt" > {now} THEN 'scheduled'
            WHEN {article}."Status" = 'Published' THEN 'published'
            WHEN {article}."Status" = 'Draft' THEN 'draft'
            WHEN {article}."Status" = 'Archived' THEN 'archived'
            ELSE 'scheduled'
        END
        """;
}
