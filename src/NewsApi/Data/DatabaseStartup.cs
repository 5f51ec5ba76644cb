using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Demo;
using NewsApi.Http;

namespace NewsApi.Data;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations when configured to, and in Development fills an empty database with the demo newsroom.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        await WaitForDatabaseAsync(db, app.Logger);

        if (options.MigrateOnStartup)
        {
            // A migration may rewrite a big table: the per-request statement timeout does not apply to it. (SQLite's
            // timeout is only how long to wait for a lock, and would stick to the pooled connection.)
            if (!db.Database.IsSqlite())
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            }
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // Readers do not block the writer (and the other way round) in write-ahead-log mode.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        if (db.Database.IsSqlite())
        {
            await Sqlite.SqlitePlannerStatistics.RefreshAsync(db);
        }

        if (options.SeedDemoContent && app.Environment.IsDevelopment())
        {
            await DemoNewsroom.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<Articles.ArticleBodyRenderer>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Logger);
        }
    }

    /// <summary>
    /// Requests give up on the database within seconds (Database:ConnectTimeoutSeconds), but a process starting next to a
    /// database that is itself starting, or busy, should not die of it: start-up keeps trying for a minute.
    /// </summary>
    private static async Task WaitForDatabaseAsync(NewsDbContext db, ILogger logger)
    {
        if (db.Database.IsSqlite())
        {
            return;
        }
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.CloseConnectionAsync();
                return;
            }
            catch (Exception e) when (e.IsDatabaseUnavailable() && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("The database cannot be reached yet ({Error}); trying again", e.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (!e.IsDatabaseUnavailable())
            {
                return; // reachable, but something else (a database not yet created): the migrations deal with it
            }
        }
    }
}
