using Npgsql;

namespace NewsApi.Data.Postgres;

/// <summary>How far a PostgreSQL streaming replica is behind its primary, measured on the replica.</summary>
public static class PostgresReplicaLag
{
    /// <summary>
    /// Zero when everything received has been replayed; otherwise the age of the last replayed transaction. That age
    /// overstates the lag for the moment after an idle primary writes again (the last replayed transaction is old),
    /// which only sends reads to the primary for that moment. A server that is not in recovery (a promoted replica)
    /// has no lag.
    /// </summary>
    private const string Sql = """
        SELECT CASE
            WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
        END::float8
        """;

    public static async Task<TimeSpan> MeasureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        var seconds = (double)(await command.ExecuteScalarAsync(cancellationToken))!;
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }
}
