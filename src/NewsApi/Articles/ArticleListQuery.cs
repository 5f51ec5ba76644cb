using FluentValidation;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>The query string of <c>GET /api/v1/articles</c>.</summary>
/// <param name="Page">Offset paging: the page number, from 1. Not combined with <c>cursor</c>. Reaches the first 10,000
/// articles of a list (<c>page</c> × <c>pageSize</c> at most 10,000); walk further with <c>cursor</c>.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="Cursor">Keyset paging: the <c>nextCursor</c> of the previous page, unchanged, with the same filters, search
/// and sort; any other value is refused. Not combined with a <c>page</c> other than 1, nor with results ranked by
/// relevance (a <c>q</c> without <c>sort</c>).</param>
/// <param name="Sort"><c>publishedAt</c>, <c>-publishedAt</c> (default), <c>title</c>, <c>-title</c>, <c>updatedAt</c>, <c>-updatedAt</c>; with <c>q</c> the default is relevance.</param>
/// <param name="Tag">A tag slug; repeat it to require all of them.</param>
/// <param name="Author">An author slug.</param>
/// <param name="Source">A source slug.</param>
/// <param name="Featured">Only featured (true) or only not featured (false) articles.</param>
/// <param name="PublishedFrom">Published at or after this time (ISO 8601).</param>
/// <param name="PublishedTo">Published at or before this time (ISO 8601); not before <c>publishedFrom</c>.</param>
/// <param name="Status">Editors only (a key that may read drafts; without one, a 400): <c>draft</c>, <c>scheduled</c>,
/// <c>published</c> or <c>archived</c>.</param>
/// <param name="Q">Full-text search over title, subtitle, excerpt and body: words (all must match) and "quoted phrases";
/// at least one letter or digit.
/// Without a <c>sort</c>, results are ranked by relevance. With no other filter, ranking looks at the best 1,000 matches
/// only and <c>totalItems</c> counts the visible ones among them; with a filter every match is ranked. Give a
/// <c>sort</c> to walk every match.</param>
public sealed record ArticleListQuery(
    int Page = 1,
    int PageSize = PageRequest.DefaultPageSize,
    string? Cursor = null,
    string? Sort = null,
    string[]? Tag = null,
    string? Author = null,
    string? Source = null,
    bool? Featured = null,
    DateTimeOffset? PublishedFrom = null,
    DateTimeOffset? PublishedTo = null,
    string? Status = null,
    string? Q = null)
{
    public const int MaxQueryLength = 200;

    /// <summary>
    /// How deep offset paging reaches, as search engines bound their result window: an offset makes the database
    /// read and drop every row before the page, so a deep page costs as much as the whole archive up to it. A cursor
    /// reaches any depth at the cost of the first page.
    /// </summary>
    public const int MaxOffsetItems = 10_000;

    public PageRequest Paging => new(Page, PageSize);

    public bool HasSearch => !string.IsNullOrWhiteSpace(Q);

    /// <summary>Whether anything but the search narrows the list.</summary>
    public bool HasFilters => Tag is { Length: > 0 } || Author is not null || Source is not null || Featured is not null
                              || PublishedFrom is not null || PublishedTo is not null || Status is not null;

    /// <summary>
    /// Identifies the result set a cursor walks through, so a cursor cannot be replayed against another query.
    /// </summary>
    public string Fingerprint => string.Join('|',
        Sort ?? "", string.Join(',', (Tag ?? []).Select(t => t.ToLowerInvariant()).Order(StringComparer.Ordinal)),
        Author?.ToLowerInvariant() ?? "", Source?.ToLowerInvariant() ?? "", Featured?.ToString() ?? "",
        PublishedFrom?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        PublishedTo?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Status?.ToLowerInvariant() ?? "", Q?.Trim() ?? "");
}

public sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    private static string BeyondTheWindow(ArticleListQuery q) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Offset paging reaches the first {ArticleListQuery.MaxOffsetItems:N0} articles (page × pageSize); page {q.Page} of {q.PageSize} "
        + $"would reach {(long)q.Page * q.PageSize:N0}. Walk further with 'cursor': each page's nextCursor leads to the next.");

    public static readonly string[] Statuses = ["draft", "scheduled", "published", "archived"];

    public ArticleListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
        RuleFor(q => q.Page).LessThanOrEqualTo(ArticleListQuery.MaxOffsetItems).WithMessage(BeyondTheWindow);
        RuleFor(q => q.Page)
            .Must((query, page) => (long)page * query.PageSize <= ArticleListQuery.MaxOffsetItems).WithMessage(BeyondTheWindow)
            .When(q => q.Page is >= 1 and <= ArticleListQuery.MaxOffsetItems && q.PageSize is >= 1 and <= PageRequest.MaxPageSize);
        RuleFor(q => q.Sort).OneOf(ArticleSort.Names);
        RuleFor(q => q.Status).OneOf(Statuses);
        RuleFor(q => q.Cursor)
            .Must(cursor => ArticleCursor.TryDecode(cursor!, out _))
            .When(q => q.Cursor is not null)
            .WithMessage("'cursor' is not a cursor this API gave out. Use the nextCursor of the previous page unchanged.");
        RuleFor(q => q.Cursor)
            .Must((query, cursor) => ArticleCursor.TryDecode(cursor!, out var decoded)
                                     && decoded.Fingerprint == ArticleCursor.FingerprintOf(query))
            .When(q => q.Cursor is not null && ArticleCursor.TryDecode(q.Cursor, out _))
            .WithMessage("'cursor' belongs to a different query: keep the filters, search and sort of the page that gave it.");
        RuleFor(q => q.Cursor)
            .Null().When(q => q.Page != 1)
            .WithMessage("'cursor' and 'page' cannot be combined: a cursor already says where the page starts.");
        RuleFor(q => q.Cursor)
            .Null().When(q => q.HasSearch && q.Sort is null)
            .WithMessage("Results ranked by relevance are paged with 'page'; give a 'sort' to walk search results with a cursor.");
        RuleForEach(q => q.Tag).NotEmpty().ValidSlug(FieldLimits.Tag.Slug).WithMessage("'tag' must be a tag slug.");
        RuleFor(q => q.Author).ValidSlug(FieldLimits.Author.Slug).WithMessage("'author' must be an author slug.");
        RuleFor(q => q.Source).ValidSlug(FieldLimits.Source.Slug).WithMessage("'source' must be a source slug.");
        RuleFor(q => q.PublishedTo)
            .GreaterThanOrEqualTo(q => q.PublishedFrom)
            .When(q => q.PublishedFrom is not null && q.PublishedTo is not null)
            .WithMessage("'publishedTo' must not be before 'publishedFrom'.");
        // A term is any run holding a letter or digit (SearchTerms), so this is the same test as "has a term".
        RuleFor(q => q.Q)
            .Matches(@"[\p{L}\p{Nd}]").WithMessage("'q' must contain at least one word to search for.")
            .MaximumLength(ArticleListQuery.MaxQueryLength);
    }
}
