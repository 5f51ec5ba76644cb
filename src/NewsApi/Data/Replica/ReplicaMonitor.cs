using Microsoft.Extensions.Options;
using Npgsql;
using NewsApi.Data.Postgres;
using NewsApi.Http;

namespace NewsApi.Data.Replica;

/// <summary>Measures the read replica's lag at start-up and then every <c>Database:ReplicaCheckSeconds</c>.</summary>
public sealed class ReplicaMonitor(ReadReplica replica, ReplicaHealth health, TimeProvider time, IOptions<DatabaseOptions> options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ReplicaCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckNowAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task CheckNowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            health.Measured(await PostgresReplicaLag.MeasureAsync(connection, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e.IsDatabaseUnavailable() || e is NpgsqlException))
        {
            replica.DropIdleConnections();
            health.Down(e);
        }
    }
}
