using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Demo;

namespace NewsApi.Data;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations when configured to, and in Development fills an empty database with the demo newsroom.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // Readers do not block the writer (and the other way round) in write-ahead-log mode.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        if (options.SeedDemoContent && app.Environment.IsDevelopment())
        {
            await DemoNewsroom.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<Articles.ArticleBodyRenderer>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Logger);
        }
    }
}
