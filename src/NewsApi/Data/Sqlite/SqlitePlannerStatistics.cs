using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// SQLite's planner statistics, gathered where they are missing or stale: at start-up and then every
/// <see cref="DatabaseOptions.PlannerStatisticsMinutes"/>. Without them the planner can pick a visibility index over a
/// primary-key lookup and scan every published article to embed one article's related links; gathered only at
/// start-up, an archive that grew from empty since then keeps the statistics of an empty file. <c>optimize</c>
/// analyses a table only when it has none or has grown tenfold since, and <c>analysis_limit</c> keeps each analysis
/// to a sample, so a run on a big file takes milliseconds. (PostgreSQL's autovacuum keeps its own statistics.)
/// </summary>
public static class SqlitePlannerStatistics
{
    public static Task RefreshAsync(NewsDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
}

/// <summary>Refreshes the statistics on a timer from <see cref="TimeProvider"/>.</summary>
public sealed class SqlitePlannerStatisticsService(IServiceScopeFactory scopes, TimeProvider time, IOptions<DatabaseOptions> options,
    ILogger<SqlitePlannerStatisticsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PlannerStatisticsMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await SqlitePlannerStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing SQLite's planner statistics failed; trying again at the next tick");
            }
        }
    }
}
