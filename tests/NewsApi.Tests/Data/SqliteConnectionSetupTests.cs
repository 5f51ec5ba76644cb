using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Data.Providers;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Data;

/// <summary>
/// EF's pooled SQLite connections grow with the requests in flight, so each keeps a small page cache; and each waits
/// for another writer's lock with SQLite's own busy handler.
/// </summary>
public sealed class SqliteConnectionSetupTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public async Task EfConnectionsKeepTheirOwnPageCacheAndSqliteOwnBusyHandler()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = Assert.IsType<SqliteNewsDbContext>(scope.ServiceProvider.GetRequiredService<NewsDbContext>());

        // Twice: the second opening takes the same native connection back from the pool.
        for (var opening = 0; opening < 2; opening++)
        {
            await db.Database.OpenConnectionAsync(Cancel);
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = "PRAGMA cache_size";
                Assert.Equal(-4096L, await command.ExecuteScalarAsync(Cancel));
                // SQLite's own busy handler waits as long as the connection's timeout, in milliseconds.
                command.CommandText = "PRAGMA busy_timeout";
                var timeout = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).DefaultTimeout;
                Assert.True(timeout > 0);
                Assert.Equal(timeout * 1000L, await command.ExecuteScalarAsync(Cancel));
            }
            await db.Database.CloseConnectionAsync();
        }

        var cards = await db.Statements.ReadAsync(db.ConnectionString, "PRAGMA cache_size", static r =>
        {
            r.Read();
            return r.GetInt64(0);
        }, Cancel);
        Assert.Equal(-2000L, cards);
    }

    [Fact]
    public async Task AnImportBatchWidensItsConnectionsCacheAndNarrowsItBeforeThePoolTakesItBack()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        await using (await BulkWriteCache.WidenAsync(db, Cancel))
        {
            Assert.Equal(-65536L, await CacheSizeAsync(db));
        }

        // The same native connection again, from the pool.
        Assert.Equal(-4096L, await CacheSizeAsync(db));
    }

    private static async Task<long?> CacheSizeAsync(NewsDbContext db)
    {
        await db.Database.OpenConnectionAsync(Cancel);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA cache_size";
            return (long?)await command.ExecuteScalarAsync(Cancel);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
