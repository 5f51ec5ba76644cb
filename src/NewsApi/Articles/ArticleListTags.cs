using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Which cached public article lists an article write can make stale. A list is tagged with every article it shows,
/// so a write always evicts the article's own tag and with it every list that shows it. What remains are the lists
/// it is missing from but could move into: every list when it joins or leaves lists (see
/// <see cref="ArticleChange.Membership"/>); otherwise only lists ordered or matched by what changed: those sorted by
/// updatedAt (which every save moves), by title, and searches. A write to an article the public sees neither before
/// nor after moves nothing in a public list.
/// </summary>
public static class ArticleListTags
{
    /// <summary>Every list of articles: feeds, sitemaps and related articles included.</summary>
    public static readonly string All = CacheTags.ListOf<ArticleSummary>();

    public static readonly string Searches = All + ":search";
    public static readonly string ByTitle = All + ":title";
    public static readonly string ByUpdatedAt = All + ":updatedAt";

    /// <summary>The tags of a list of <c>GET /articles</c>, besides those of its items.</summary>
    /// <param name="sort">The sort asked for; none when ranked by relevance or by the default.</param>
    public static IEnumerable<string> Of(ArticleListQuery query, ArticleSort? sort)
    {
        yield return All;
        if (query.HasSearch)
        {
            yield return Searches;
        }
        if (sort?.Field == ArticleSortField.Title)
        {
            yield return ByTitle;
        }
        if (sort?.Field == ArticleSortField.UpdatedAt)
        {
            yield return ByUpdatedAt;
        }
    }

    /// <summary>The list tags a write evicts, besides the article's own (and when it moves counts, its authors', tags' and source's).</summary>
    public static IEnumerable<string> EvictedBy(ArticleChange change)
    {
        if (!change.HasFlag(ArticleChange.Public))
        {
            yield break;
        }
        if (MovesCounts(change))
        {
            yield return All;
            yield return CacheTags.ListOf<Authors.AuthorResponse>();
            yield return CacheTags.ListOf<Tags.TagResponse>();
            yield return CacheTags.ListOf<Sources.SourceResponse>();
            yield break;
        }
        yield return ByUpdatedAt;
        if (change.HasFlag(ArticleChange.Text))
        {
            yield return Searches;
        }
        if (change.HasFlag(ArticleChange.Title))
        {
            yield return ByTitle;
        }
    }

    /// <summary>
    /// Whether the write moves the article counts of its authors, tags and source (their pages, and lists of them
    /// sorted by count): it joined or left public lists.
    /// </summary>
    public static bool MovesCounts(ArticleChange change) =>
        change.HasFlag(ArticleChange.Public) && change.HasFlag(ArticleChange.Membership);
}
