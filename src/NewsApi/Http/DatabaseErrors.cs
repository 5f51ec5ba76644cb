using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NewsApi.Http;

public static class DatabaseErrors
{
    /// <summary>True when the database refused a write because it would break a unique index.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // UNIQUE, PRIMARY KEY
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when the database refused a write because a row it references is gone or still referenced.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 787,
        SqlException sqlServer => sqlServer.Number == 547,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>
    /// True when the database could not be reached or did not answer in time: refused or broken connections, a
    /// server shutting down, no free connection within the connect timeout, a statement timed out, a SQLite file
    /// locked by another process or not openable. These are outages, not bugs: the caller may retry.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e switch
                {
                    NpgsqlException npgsql => npgsql.IsTransient,
                    SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 14, // BUSY, LOCKED, CANTOPEN
                    SqlException sqlServer => sqlServer.IsTransient || sqlServer.Number is -2 or 53 or 233 or 4060 or 10053 or 10054 or 10060,
                    _ => false,
                })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Drops the idle connections of the request's PostgreSQL pool: after the server went away each would fail one
    /// more request before Npgsql noticed it was broken, and the API would take longer to recover.
    /// </summary>
    public static void DropIdleConnections(HttpContext httpContext)
    {
        if (httpContext.RequestServices.GetService<NewsApi.Data.NewsDbContext>()?.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
