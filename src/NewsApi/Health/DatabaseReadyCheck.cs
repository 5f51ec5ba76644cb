using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsApi.Data;

namespace NewsApi.Health;

/// <summary>
/// Ready when the database takes a statement. On SQLite that is a write lock taken and given back at once: in
/// write-ahead-log mode reads go on while another process holds the file's lock, but no write can, and a CMS that
/// cannot save is not ready. Elsewhere a round trip is enough.
/// </summary>
internal sealed class DatabaseReadyCheck(NewsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var sql = db.Database.IsSqlite() ? "BEGIN IMMEDIATE; ROLLBACK;" : "SELECT 1";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection connection)
            {
                Npgsql.NpgsqlConnection.ClearPool(connection); // see DatabaseErrors.DropIdleConnections
            }
            return new HealthCheckResult(context.Registration.FailureStatus, "The database is not reachable.", e);
        }
    }
}
