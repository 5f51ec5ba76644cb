using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Sqlite;

namespace NewsApi.Data;

/// <summary>
/// A wider page cache for a long run of writes on one connection (an import batch). SQLite's connections keep a
/// 4 MiB cache (<see cref="SqliteConnectionSetup"/>), through which every article's full-text index update re-read
/// the index pages it had just written. The cache is narrowed again before the connection goes back to the pool.
/// Other databases size their caches server-side: nothing to do.
/// </summary>
public static class BulkWriteCache
{
    private const int BatchKiB = 64 * 1024;

    public static async Task<IAsyncDisposable> WidenAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return Nothing.Instance;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{BatchKiB};", cancellationToken);
        return new Narrowing(db);
    }

    private sealed class Narrowing(NewsDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{SqliteConnectionSetup.KiB};");
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
