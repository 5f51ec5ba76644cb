using Microsoft.EntityFrameworkCore;
using NewsApi.Data;

namespace NewsApi.Http;

/// <summary>Database failures as the API sorts them; what each driver's errors mean is <see cref="DatabaseFailures"/>.</summary>
public static class DatabaseErrors
{
    /// <summary>True when the database refused a write because it would break a unique index.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => DatabaseFailures.IsUniqueViolation(exception.InnerException);

    /// <summary>True when the database refused a write because a row it references is gone or still referenced.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception) => DatabaseFailures.IsForeignKeyViolation(exception.InnerException);

    /// <summary>
    /// True when the database could not be reached or did not answer in time: refused or broken connections, a
    /// server shutting down, no free connection within the connect timeout, a statement timed out, a SQLite file
    /// locked by another process or not openable. These are outages, not bugs: the caller may retry.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (DatabaseFailures.IsUnavailable(e))
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc cref="DatabaseFailures.DropIdleConnections"/>
    public static void DropIdleConnections(HttpContext httpContext)
    {
        if (httpContext.RequestServices.GetService<NewsDbContext>() is { } db)
        {
            DatabaseFailures.DropIdleConnections(db);
        }
    }
}
