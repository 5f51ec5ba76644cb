using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Access;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// An admin key accepted from configuration (<c>Auth__BootstrapAdminKey</c>), so a fresh deployment can create
    /// real keys. Must look like any other key (<c>nk_</c> and at least 32 URL-safe characters).
    /// </summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>
/// Reads <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. No key: anonymous. A key that is malformed, unknown,
/// expired or revoked: a failure, answered 401 even on public reads (a client with a broken key should learn it).
/// The answer never says which of those it was, so it reveals nothing about which keys exist.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NewsDbContext db, TimeProvider time, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string Invalid = "The API key is malformed, unknown, expired or revoked.";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header))
        {
            return header.ToString().Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return null;
        }
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (!ApiKeySecrets.LooksLikeAKey(presented))
        {
            return AuthenticateResult.Fail(Invalid);
        }

        var hash = ApiKeySecrets.Hash(presented);
        if (auth.Value.BootstrapAdminKey is { Length: > 0 } bootstrap && ApiKeySecrets.SameHash(hash, ApiKeySecrets.Hash(bootstrap)))
        {
            return Success(Guid.Empty, "bootstrap", [Scopes.Admin]);
        }

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash)
            .Select(k => new { k.Id, k.Name, k.Hash, k.Scopes, k.ExpiresAt, k.RevokedAt, k.LastUsedAt })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var now = time.GetUtcNow().UtcDateTime;
        if (key is null || !ApiKeySecrets.SameHash(key.Hash, hash) || key.RevokedAt is not null || key.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail(Invalid);
        }
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            await RecordUseAsync(key.Id, now);
        }
        return Success(key.Id, key.Name, key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// At most one write a minute per key, not one per request. It is bookkeeping: when the database is busy with
    /// another writer (a SQLite lock held longer than the busy timeout), the request is served and the time is
    /// recorded on a later one, rather than a read failing with 503 for a column nobody asked about.
    /// </summary>
    private async Task RecordUseAsync(Guid id, DateTime now)
    {
        try
        {
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
        catch (Exception e) when (e.IsDatabaseUnavailable() && !Context.RequestAborted.IsCancellationRequested)
        {
            Logger.LogInformation("The last use of key {KeyId} was not recorded: {Error}", id, e.GetBaseException().Message);
        }
    }

    private AuthenticateResult Success(Guid id, string name, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Name, name) };
        claims.AddRange(Scopes.Effective(scopes).Select(s => new Claim(Scopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer realm=\"NewsApi\"";
        var presented = PresentedKey(Request) is not null;
        return WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = presented
                ? Invalid + " Send a valid key in X-Api-Key or as Authorization: Bearer, or none for public reads."
                : "This operation needs an API key: send it in X-Api-Key or as Authorization: Bearer.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = "The API key is valid but lacks the scope this operation needs (content:read, content:write or admin).",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        });
    }

    private Task WriteProblemAsync(ProblemDetails problem) =>
        Context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }).AsTask();
}
