namespace NewsApi.Http;

/// <summary>
/// What a successful write to one resource changes beyond its own entries, as the resource's feature knows it: the
/// totals it remembers and forgets, the lists it evicts from the output cache, and whether what the answer shows (and
/// showed before) is evicted too. Registered keyed by the resource's path (<c>articles</c>, <c>tags</c>); a write to
/// a resource with none registered uses the unkeyed one. <see cref="CacheEvictionFilter"/> calls it after every
/// successful write, whether or not the output cache is on.
/// </summary>
public interface IWriteEffects
{
    WriteEviction After(HttpContext httpContext);
}

/// <param name="Own">The tag of one resource of the kind, by id (its own entries and every answer embedding it).</param>
/// <param name="Lists">The list tags the write evicts.</param>
/// <param name="WhatItShows">Whether the resources the answer shows, and those it showed before, are evicted too.</param>
public sealed record WriteEviction(Func<Guid, string>? Own, IReadOnlyCollection<string> Lists, bool WhatItShows);

/// <summary>
/// What the clock alone makes stale (a scheduled article coming due): checked before an anonymous read is answered
/// from the output cache, and flushed from it when due.
/// </summary>
public interface ICacheFreshness
{
    ValueTask FlushWhenDueAsync(IServiceProvider services, CancellationToken cancellationToken);
}
