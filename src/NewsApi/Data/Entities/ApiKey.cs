namespace NewsApi.Data.Entities;

/// <summary>
/// An API key. The secret itself is never stored: only its SHA-256 hash (right for long random keys, which need
/// no slow hash) and a short prefix so people can tell their keys apart.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, e.g. <c>nk_3fQx</c>, to recognise a key in lists.</summary>
    public string Prefix { get; set; } = "";

    public byte[] Hash { get; set; } = [];

    /// <summary>Space-separated scopes: <c>content:read</c>, <c>content:write</c>, <c>admin</c>.</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
