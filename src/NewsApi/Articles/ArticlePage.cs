namespace NewsApi.Articles;

/// <summary>
/// One page of articles. Offset pages (<c>?page=</c>) carry the totals; keyset pages (<c>?cursor=</c>) skip the
/// count, which would cost more than the page, and carry null there. Both carry the cursor of the next page.
/// </summary>
public sealed record ArticlePage : Http.ICacheTagged
{
    [System.Text.Json.Serialization.JsonConverter(typeof(SummaryListConverter))]
    public required IReadOnlyList<ArticleSummary> Items { get; init; }

    /// <summary>The page number, from 1; null on a cursor page.</summary>
    public required int? Page { get; init; }

    public required int PageSize { get; init; }

    /// <summary>How many articles the whole list has; null on a cursor page.</summary>
    public required int? TotalItems { get; init; }

    /// <summary>Null on a cursor page.</summary>
    public required int? TotalPages { get; init; }

    /// <summary>Pass as <c>?cursor=</c> (with the same filters and sort) for the next page; null on the last page or when ranking by relevance.</summary>
    public required string? NextCursor { get; init; }

    public IEnumerable<string> CacheTags() =>
        Items.SelectMany(i => i.CacheTags()).Prepend(Http.CacheTags.ListOf<ArticleSummary>());
}
