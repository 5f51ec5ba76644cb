using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsApi.Data;

namespace NewsApi.Health;

/// <summary>Ready when the database takes a statement (<see cref="DatabaseProbe"/>).</summary>
internal sealed class DatabaseReadyCheck(NewsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await DatabaseProbe.ProbeAsync(db, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DatabaseFailures.DropIdleConnections(db);
            return new HealthCheckResult(context.Registration.FailureStatus, "The database is not reachable.", e);
        }
    }
}
