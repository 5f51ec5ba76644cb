using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Access;

public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("keys", "Keys").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateKey).WithName("createKey")
            .WithSummary("Create an API key")
            .WithDescription("Answers with the secret, once. Admin only.");
        group.MapGet("/", ListKeys).WithName("listKeys").WithSummary("List API keys, without their secrets");
        group.MapDelete("/{id}", RevokeKey).WithName("revokeKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Effective from the next request.");
        return app;
    }

    public static async Task<Created<CreatedKeyResponse>> CreateKey(
        CreateKeyRequest request, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecrets.NewSecret();
        var now = time.GetUtcNow();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name.Trim(),
            Prefix = ApiKeySecrets.ShownPrefix(secret),
            Hash = ApiKeySecrets.Hash(secret),
            Scopes = string.Join(' ', request.Scopes.Distinct()),
            CreatedAt = now.UtcDateTime,
            ExpiresAt = request.ExpiresAt?.UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/keys/{key.Id}", new CreatedKeyResponse { Key = ToResponse(key), Secret = secret });
    }

    public static async Task<Ok<PagedResponse<KeyResponse>>> ListKeys(
        [AsParameters] PageRequest paging, NewsDbContext db, CancellationToken cancellationToken)
    {
        var page = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<KeyResponse>
        {
            Items = page.Items.Select(ToResponse).ToList(),
            Page = page.Page,
            PageSize = page.PageSize,
            TotalItems = page.TotalItems,
            TotalPages = page.TotalPages,
        });
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeKey(
        Guid id, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, k => k.RevokedAt ?? now), cancellationToken);
        return found == 0
            ? TypedResults.NotFound(Problems.NotFound("Key", $"No API key has the id {id}."))
            : TypedResults.NoContent();
    }

    private static KeyResponse ToResponse(ApiKey key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Prefix = key.Prefix,
        Scopes = key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        CreatedAt = key.CreatedAt,
        LastUsedAt = key.LastUsedAt,
        ExpiresAt = key.ExpiresAt,
        RevokedAt = key.RevokedAt,
    };
}
