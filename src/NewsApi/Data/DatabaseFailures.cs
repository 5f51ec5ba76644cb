using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NewsApi.Data;

/// <summary>What each database's driver means by its errors, in the terms the API answers in (see <c>Http/DatabaseErrors</c>).</summary>
public static class DatabaseFailures
{
    /// <summary>A write refused because it would break a unique index.</summary>
    public static bool IsUniqueViolation(Exception? driverError) => driverError switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // UNIQUE, PRIMARY KEY
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>A write refused because a row it references is gone or still referenced.</summary>
    public static bool IsForeignKeyViolation(Exception? driverError) => driverError switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 787,
        SqlException sqlServer => sqlServer.Number == 547,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>This one error (not its inner ones) says the database could not be reached or did not answer in time.</summary>
    public static bool IsUnavailable(Exception driverError) => driverError switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 14, // BUSY, LOCKED, CANTOPEN
        SqlException sqlServer => sqlServer.IsTransient || sqlServer.Number is -2 or 53 or 233 or 4060 or 10053 or 10054 or 10060,
        _ => false,
    };

    /// <summary>
    /// Drops the idle connections of the context's PostgreSQL pool: after the server went away each would fail one
    /// more request before Npgsql noticed it was broken, and the API would take longer to recover.
    /// </summary>
    public static void DropIdleConnections(NewsDbContext db)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
