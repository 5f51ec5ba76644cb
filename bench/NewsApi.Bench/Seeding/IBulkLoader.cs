namespace NewsApi.Bench.Seeding;

/// <summary>Writes a generated newsroom into a migrated, empty database, as fast as the database allows.</summary>
internal interface IBulkLoader : IAsyncDisposable
{
    /// <summary>
    /// Called once before any row. With <paramref name="defer"/>, drops what makes row-at-a-time inserts slow
    /// (secondary indexes, search triggers, foreign keys) after noting their exact definitions.
    /// </summary>
    Task PrepareAsync(bool defer);

    Task WriteNamedAsync(IReadOnlyList<NamedRow> authors, IReadOnlyList<NamedRow> tags, IReadOnlyList<NamedRow> sources);

    Task WriteBatchAsync(ArticleBatch batch);

    /// <summary>
    /// Restores what <see cref="PrepareAsync"/> dropped, from the definitions it noted, and fills what the dropped
    /// triggers would have filled, so the end state is the one the migrations and row-at-a-time inserts give.
    /// Reports each step's name and duration.
    /// </summary>
    Task FinishAsync(Action<string, TimeSpan> step);
}
