using NewsApi.Data.Postgres;
using NewsApi.Data.Providers;

namespace NewsApi.Data;

public static class DeliveryClaimLocks
{
    /// <summary>
    /// Leases the due deliveries with row locks where the database can skip rows another instance holds
    /// (PostgreSQL: <see cref="PostgresDeliveryClaims"/>); false where it cannot, and the caller claims them itself.
    /// </summary>
    public static async Task<bool> TryClaimAsync(NewsDbContext db, DateTime now, DateTime leaseUntil, Guid token, int batch,
        CancellationToken cancellationToken)
    {
        if (db is not PostgresNewsDbContext)
        {
            return false;
        }
        await PostgresDeliveryClaims.ClaimAsync(db, now, leaseUntil, token, batch, cancellationToken);
        return true;
    }
}
