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
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalItems, int TotalPages);

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
        return new PagedResponse<T>(items, page.Page, page.PageSize, total, totalPages);
    }
}
