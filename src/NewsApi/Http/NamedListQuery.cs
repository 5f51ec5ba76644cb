using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace NewsApi.Http;

/// <summary>The query string of the author, tag and source lists.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="Sort"><c>name</c> (default), <c>-name</c>, <c>articleCount</c>, <c>-articleCount</c>, <c>createdAt</c> or <c>-createdAt</c>.</param>
/// <param name="Q">Only those whose name contains this text (case-insensitive).</param>
public sealed record NamedListQuery(int Page = 1, int PageSize = PageRequest.DefaultPageSize, string? Sort = null, string? Q = null)
{
    public static readonly string[] SortNames = ["name", "-name", "articleCount", "-articleCount", "createdAt", "-createdAt"];

    public PageRequest Paging => new(Page, PageSize);

    /// <summary>Orders projected items by the sort field, then by id so the order is total.</summary>
    public IOrderedQueryable<T> Order<T>(IQueryable<T> items)
    {
        var sort = Sort ?? "name";
        var descending = sort.StartsWith('-');
        var property = char.ToUpperInvariant(sort.TrimStart('-')[0]) + sort.TrimStart('-')[1..];
        var ordered = descending ? items.OrderByDescending(Key<T, object>(property)) : items.OrderBy(Key<T, object>(property));
        return descending ? ordered.ThenByDescending(Key<T, Guid>("Id")) : ordered.ThenBy(Key<T, Guid>("Id"));
    }

    /// <summary>A case-insensitive "name contains" filter that every provider translates.</summary>
    public static Expression<Func<T, bool>> NameContains<T>(Expression<Func<T, string>> name, string q)
    {
        var lowered = q.Trim().ToLowerInvariant();
        var toLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression<Func<string>> value = () => lowered;
        var body = Expression.Call(Expression.Call(name.Body, toLower), contains, value.Body);
        return Expression.Lambda<Func<T, bool>>(body, name.Parameters);
    }

    private static Expression<Func<T, TKey>> Key<T, TKey>(string property)
    {
        var item = Expression.Parameter(typeof(T), "x");
        Expression member = Expression.Property(item, property);
        if (typeof(TKey) == typeof(object) && member.Type.IsValueType)
        {
            // EF unwraps the boxing conversion when it translates the key.
            member = Expression.Convert(member, typeof(object));
        }
        return Expression.Lambda<Func<T, TKey>>(member, item);
    }
}

public sealed class NamedListQueryValidator : AbstractValidator<NamedListQuery>
{
    public NamedListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
        RuleFor(q => q.Sort).OneOf(NamedListQuery.SortNames);
        RuleFor(q => q.Q).MaximumLength(100);
    }
}
