using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using NewsApi.Tests.Reliability;

namespace NewsApi.Tests.Data;

/// <summary>
/// SQLite's planner statistics follow the archive as it grows after start-up: refreshed on the clock, not only when
/// the process starts.
/// </summary>
public sealed class SqlitePlannerStatisticsTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public async Task StatisticsGatheredAtStartUpAreRefreshedOnTheClockAfterTheArchiveGrows()
    {
        var atStart = await ArticlesCountedByTheStatisticsAsync();
        for (var i = 0; i < 30; i++)
        {
            await Editor.CreateArticleAsync();
        }
        // Nothing refreshes them before the interval has passed.
        Assert.Equal(atStart, await ArticlesCountedByTheStatisticsAsync());

        Api.Clock.Advance(TimeSpan.FromMinutes(60));
        await LocalServices.WaitUntilAsync(async () => await ArticlesCountedByTheStatisticsAsync() >= 30,
            TimeSpan.FromSeconds(30), "the planner statistics to count the new articles");
    }

    /// <summary>The row count sqlite_stat1 holds for the articles table (0 when it holds none).</summary>
    private async Task<long> ArticlesCountedByTheStatisticsAsync()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var exists = await db.Database.SqlQueryRaw<long>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(Cancel);
        if (exists == 0)
        {
            return 0;
        }
        var stats = await db.Database.SqlQueryRaw<string>(
            "SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Articles'").ToListAsync(Cancel);
        return stats.Select(s => long.Parse(s.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
    }
}
