using NewsApi.Data.Postgres;
using NewsApi.Data.Providers;

namespace NewsApi.Data;

/// <summary>How far the change log is final, on databases whose writers commit out of order.</summary>
public static class ChangeOrder
{
    /// <summary>
    /// The oldest transaction still running where writers run side by side (PostgreSQL: see
    /// <see cref="PostgresChangeOrder"/>); null where writers are serialised (SQLite), so every logged change is final.
    /// </summary>
    public static async Task<long?> HorizonAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db is PostgresNewsDbContext ? await PostgresChangeOrder.HorizonAsync(db, cancellationToken) : null;
}
