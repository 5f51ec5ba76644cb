using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>A trashed article, as the trash lists it.</summary>
public sealed record TrashedArticle
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }

    /// <summary>The status it returns with when restored.</summary>
    public required Data.Entities.ArticleStatus Status { get; init; }

    public required DateTime DeletedAt { get; init; }

    /// <summary>When the purge removes it for good unless it is restored first.</summary>
    public required DateTime PurgeAfter { get; init; }
}

/// <summary>The trash: deleted articles wait here, hidden everywhere with their slugs reserved, until restored or purged.</summary>
public static class ArticleTrashEndpoints
{
    public static IEndpointRouteBuilder MapTrash(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("trash", "Trash");
        group.MapGet("/articles", ListTrashedArticles).WithName("listTrashedArticles")
            .WithSummary("List the articles in the trash")
            .WithDescription("Most recently deleted first. Needs content:read.")
            .RequireAuthorization(Access.Policies.ContentRead);
        return app;
    }

    public static async Task<Ok<PagedResponse<TrashedArticle>>> ListTrashedArticles(
        [AsParameters] PageRequest paging, NewsDbContext db, IOptions<TrashOptions> trash, CancellationToken cancellationToken)
    {
        var retention = TimeSpan.FromDays(trash.Value.RetentionDays);
        var page = await db.Articles.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DeletedAt != null)
            .OrderByDescending(a => a.DeletedAt).ThenByDescending(a => a.Id)
            .Select(a => new TrashedArticle
            {
                Id = a.Id,
                Slug = a.Slug,
                Title = a.Title,
                Status = a.Status,
                DeletedAt = a.DeletedAt!.Value,
                PurgeAfter = a.DeletedAt!.Value,
            })
            .ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page with { Items = page.Items.Select(i => i with { PurgeAfter = i.DeletedAt + retention }).ToList() });
    }
}
