namespace NewsApi.Access;

/// <summary>Who may see what: the one place that decides whether a caller reads only what is public.</summary>
public sealed class ContentAccess
{
    /// <summary>Keys with content:read (or a scope that implies it) read drafts, scheduled, archived and editor-only fields.</summary>
    public bool CanReadUnpublished(HttpContext httpContext) =>
        httpContext.User.HasClaim(Scopes.ClaimType, Scopes.ContentRead);
}
