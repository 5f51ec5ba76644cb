using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Preview;

/// <summary>
/// Draft previews: an editor makes a link (a random token, stored hashed, that expires and can be revoked), and
/// whoever holds it reads the article as it now stands, published or not. The token is the whole credential, like
/// an API key's secret: a signature would add nothing that the stored hash does not, and revoking needs the row anyway.
/// </summary>
public static class PreviewEndpoints
{
    public const string TokenPrefix = "pv_";
    private const int TokenBytes = 32;

    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder app)
    {
        // The links are made on the article, but are no change to it: nothing cached is evicted, no total forgotten.
        var links = app.MapGroup($"{ApiGroups.Prefix}/articles/{{id}}/preview-links")
            .WithTags("Articles")
            .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
            .RejectUnknownQueryParameters()
            .WithValidation()
            .RequireAuthorization(Access.Policies.ContentWrite);
        links.MapPost("/", CreatePreviewLink).WithName("createPreviewLink")
            .WithSummary("Make a preview link for an article")
            .WithDescription("A link that shows the article as it now stands, published or not, to whoever holds it, without a key. "
                             + "It expires (default 1 hour, at most 7 days), can be revoked, and can be limited to the current "
                             + "revision (it closes when the article is edited again). The token is shown only here.");
        links.MapDelete("/{linkId}", DeletePreviewLink).WithName("deletePreviewLink")
            .WithSummary("Revoke a preview link")
            .WithDescription("The link answers 404 from the next request on.");

        // Never cached anywhere: not by the output cache, nor by a browser or proxy.
        var preview = app.MapGroup($"{ApiGroups.Prefix}/preview")
            .WithTags("Preview")
            .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
            .RejectUnknownQueryParameters()
            .WithMetadata(new NeverCachedAttribute(), new WithoutEntityTagAttribute("private, no-store: a draft is kept by no cache."));
        preview.MapGet("/{token}", GetPreview).WithName("getPreview")
            .WithSummary("Read an article through a preview link")
            .WithDescription("The article as it now stands (drafts included), with Cache-Control: private, no-store. An expired, "
                             + "revoked or unknown token is a 404, as is a link limited to a revision the article has moved past.");
        return app;
    }

    /// <param name="id">The article.</param>
    public static async Task<Results<Created<PreviewLinkResponse>, ValidationProblem, NotFound<ProblemDetails>>> CreatePreviewLink(
        Guid id, [FromBody] PreviewLinkRequest? request, HttpContext httpContext, NewsDbContext db, SiteUrls urls, TimeProvider time,
        CancellationToken cancellationToken)
    {
        request ??= new PreviewLinkRequest();
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.LastRevision }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound(Problems.NotFound("Article", $"No article has the id {id}."));
        }
        if (request.Revision is { } revision && revision != article.LastRevision)
        {
            return TypedResults.ValidationProblem(Problems.Error("revision",
                $"A preview link can be limited to the article's current revision only ({article.LastRevision})."));
        }
        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = time.GetUtcNow().UtcDateTime;
        var link = new PreviewLink
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ArticleId = id,
            Hash = Hash(token),
            Revision = request.Revision,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(request.ExpiresInMinutes ?? PreviewLinkRequestValidator.DefaultMinutes),
            CreatedBy = httpContext.User.Identity?.Name,
        };
        db.PreviewLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var apiUrl = $"{httpContext.Request.Scheme}://{httpContext.Request.Host}{ApiGroups.Prefix}/preview/{token}";
        httpContext.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Created($"{ApiGroups.Prefix}/preview/{token}", new PreviewLinkResponse
        {
            Id = link.Id,
            ArticleId = id,
            Token = token,
            Url = urls.Preview(token) ?? apiUrl,
            Revision = link.Revision,
            CreatedAt = link.CreatedAt,
            ExpiresAt = link.ExpiresAt,
        });
    }

    /// <param name="id">The article.</param>
    /// <param name="linkId">The preview link.</param>
    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeletePreviewLink(
        Guid id, Guid linkId, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.PreviewLinks.Where(l => l.Id == linkId && l.ArticleId == id && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
        return revoked > 0
            ? TypedResults.NoContent()
            : TypedResults.NotFound(Problems.NotFound("Preview link", $"The article {id} has no open preview link {linkId}."));
    }

    /// <param name="token">The token of a preview link.</param>
    public static async Task<Results<Ok<ArticleResponse>, NotFound<ProblemDetails>>> GetPreview(
        string token, HttpContext httpContext, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Whatever the answer, nobody keeps it: a draft must not outlive the link in a browser or a proxy.
        httpContext.Response.Headers.CacheControl = "private, no-store";
        httpContext.Response.Headers["X-Robots-Tag"] = "noindex";
        var now = time.GetUtcNow().UtcDateTime;
        var notFound = TypedResults.NotFound(Problems.NotFound("Preview", "This preview link is unknown, expired or revoked."));
        if (!LooksLikeAToken(token))
        {
            return notFound;
        }
        var hash = Hash(token);
        var link = await db.PreviewLinks.AsNoTracking()
            .Where(l => l.Hash == hash && l.RevokedAt == null && l.ExpiresAt > now)
            .Select(l => new { l.ArticleId, l.Revision, l.Hash, Current = l.Article.LastRevision })
            .SingleOrDefaultAsync(cancellationToken);
        if (link is null || !CryptographicOperations.FixedTimeEquals(link.Hash, hash) || (link.Revision is { } pinned && pinned != link.Current))
        {
            return notFound;
        }
        return await WholeArticles.ByIdAsync(db, link.ArticleId, new ReadContext(Editor: true, now), cancellationToken) is { } article
            ? TypedResults.Ok(article)
            : notFound;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool LooksLikeAToken(string token) =>
        token.Length is > 3 and <= 100 && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.AsSpan(TokenPrefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
