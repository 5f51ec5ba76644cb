namespace NewsApi.Access;

/// <summary>A key as listed: never its secret.</summary>
public sealed record KeyResponse
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The first characters of the secret, to tell keys apart.</summary>
    public required string Prefix { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime? LastUsedAt { get; init; }
    public required DateTime? ExpiresAt { get; init; }
    public required DateTime? RevokedAt { get; init; }
}

/// <summary>A new key, with its secret: shown this once and never again.</summary>
public sealed record CreatedKeyResponse
{
    public required KeyResponse Key { get; init; }

    /// <summary>Send it as X-Api-Key or Authorization: Bearer. Store it now: only its hash is kept.</summary>
    public required string Secret { get; init; }
}
