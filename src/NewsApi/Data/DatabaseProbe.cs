using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data;

public static class DatabaseProbe
{
    /// <summary>
    /// Whether the database takes a statement (throws when not). On SQLite that is a write lock taken and given back
    /// at once: in write-ahead-log mode reads go on while another process holds the file's lock, but no write can,
    /// and a CMS that cannot save is not ready. Elsewhere a round trip is enough.
    /// </summary>
    public static Task ProbeAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "BEGIN IMMEDIATE; ROLLBACK;" : "SELECT 1", cancellationToken);
}
