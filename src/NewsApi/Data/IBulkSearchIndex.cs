namespace NewsApi.Data;

/// <summary>
/// How a bulk write (an import's batch of new articles) keeps the search index: told the articles before they are
/// inserted, and caught up after, in the same transaction. Where the index follows each row at no extra cost
/// (PostgreSQL's generated column, SQL Server), both are nothing.
/// </summary>
public interface IBulkSearchIndex
{
    /// <summary>Before the inserts: these articles are indexed by <see cref="CatchUpAsync"/>, not one by one.</summary>
    Task DeferAsync(NewsDbContext db, IReadOnlyCollection<Guid> articleIds, CancellationToken cancellationToken);

    /// <summary>After the inserts, before the commit: indexes what was deferred.</summary>
    Task CatchUpAsync(NewsDbContext db, CancellationToken cancellationToken);
}

/// <summary>The index follows each row by itself.</summary>
public sealed class RowByRowSearchIndex : IBulkSearchIndex
{
    public Task DeferAsync(NewsDbContext db, IReadOnlyCollection<Guid> articleIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CatchUpAsync(NewsDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
