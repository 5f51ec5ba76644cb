namespace NewsApi.Data.Entities;

/// <summary>
/// A POST sent with an Idempotency-Key, and once it has finished, the answer it got: a repeat is answered from here.
/// Kept in the database so that every instance honours a key whichever one saw it first.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The API key that sent it: keys are scoped to their sender.</summary>
    public Guid ApiKeyId { get; set; }

    /// <summary>The Idempotency-Key header's value.</summary>
    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, path, query and body: a repeat must match it.</summary>
    public string Fingerprint { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public DateTime? CompletedAt { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The headers a replay repeats (Location, ETag, Content-Type...), as a JSON object.</summary>
    public string? ResponseHeaders { get; set; }

    public byte[]? ResponseBody { get; set; }
}
