using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data.Postgres;

/// <summary>
/// PostgreSQL runs writers side by side, so sequence numbers are taken in one order and committed in another: a
/// reader that saw change 11 might not yet see change 10. Each change row records its transaction id (xid8, as a
/// bigint), and the feed serves only rows of transactions older than the oldest one still running
/// (<c>pg_snapshot_xmin</c>): those are final, and anything that commits later has a larger transaction id, so it
/// sorts after every cursor already handed out.
/// </summary>
internal static class PostgresChangeOrder
{
    /// <summary>The default of <c>Changes.Transaction</c>: the writing transaction's id.</summary>
    public const string CurrentTransaction = "pg_current_xact_id()::text::bigint";

    /// <summary>The oldest transaction still running: every change below it is committed (or never will be).</summary>
    public static async Task<long> HorizonAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>("""SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Value" """)
            .SingleAsync(cancellationToken);
}
