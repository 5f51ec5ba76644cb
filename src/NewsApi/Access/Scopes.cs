namespace NewsApi.Access;

/// <summary>What a key may do. <c>admin</c> implies the others; <c>content:write</c> implies <c>content:read</c>,
/// since nobody can edit what they cannot read.</summary>
public static class Scopes
{
    public const string ContentRead = "content:read";
    public const string ContentWrite = "content:write";
    public const string Admin = "admin";

    /// <summary>Upload, change and delete media; separate from content:write so a key can be given to a photo desk.</summary>
    public const string MediaWrite = "media:write";

    public static readonly string[] All = [ContentRead, ContentWrite, MediaWrite, Admin];

    public const string ClaimType = "scope";

    /// <summary>The scopes a key has, with what its scopes imply.</summary>
    public static IReadOnlySet<string> Effective(IEnumerable<string> granted)
    {
        var scopes = new HashSet<string>(granted, StringComparer.Ordinal);
        if (scopes.Contains(Admin))
        {
            scopes.Add(ContentWrite);
            scopes.Add(MediaWrite);
        }
        if (scopes.Contains(ContentWrite))
        {
            scopes.Add(ContentRead);
        }
        return scopes;
    }
}

/// <summary>The authorization policies, one per scope.</summary>
public static class Policies
{
    public const string ContentRead = "content:read";
    public const string ContentWrite = "content:write";
    public const string Admin = "admin";
    public const string MediaWrite = "media:write";

    /// <summary>content:write, and admin when the delete is permanent (<c>?permanent=true</c>).</summary>
    public const string Delete = "content:delete";
}
