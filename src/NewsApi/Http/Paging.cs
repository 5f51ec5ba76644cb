using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace NewsApi.Http;

/// <summary>Offset paging query: <c>?page=</c> from 1 and <c>?pageSize=</c> from 1 to 100.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;
}

public sealed class PageRequestValidator : AbstractValidator<PageRequest>
{
    public PageRequestValidator()
    {
        RuleFor(p => p.Page).GreaterThanOrEqualTo(1);
        RuleFor(p => p.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

/// <summary>One page of a list.</summary>
public sealed record PagedResponse<T> : ICacheTagged
{
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The page number, from 1.</summary>
    public required int Page { get; init; }

    public required int PageSize { get; init; }

    /// <summary>How many items the whole list has.</summary>
    public required int TotalItems { get; init; }

    public required int TotalPages { get; init; }

    /// <summary>The list's own tag (its kind, from the items' type) and the tags of everything on the page.</summary>
    public IEnumerable<string> CacheTags() =>
        Items.OfType<ICacheTagged>().SelectMany(i => i.CacheTags()).Prepend(Http.CacheTags.ListOf<T>());
}

public static class PagingExtensions
{
    /// <summary>Counts the whole list and reads one page of it: two SQL commands, whatever the page size.</summary>
    public static async Task<PagedResponse<T>> ToPageAsync<T>(
        this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        // Page numbers past the end simply give an empty page; the skip is bounded so it cannot overflow.
        var items = page.Skip >= total
            ? []
            : await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var totalPages = (int)Math.Ceiling(total / (double)page.PageSize);
        return new PagedResponse<T>
        {
            Items = items,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalItems = total,
            TotalPages = totalPages,
        };
    }
}
