using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data.Postgres;

/// <summary>
/// PostgreSQL claims due deliveries with <c>FOR UPDATE SKIP LOCKED</c>: instances claiming at the same moment take
/// disjoint rows without waiting for each other, and the lease they write keeps the rows theirs after the commit.
/// </summary>
internal static class PostgresDeliveryClaims
{
    public static Task<int> ClaimAsync(NewsDbContext db, DateTime now, DateTime leaseUntil, Guid token, int batch, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "WebhookDeliveries" AS d SET "LeaseToken" = {token}, "LeaseUntil" = {leaseUntil}
            WHERE d."Id" IN (
                SELECT c."Id" FROM "WebhookDeliveries" AS c
                JOIN "WebhookSubscriptions" AS s ON s."Id" = c."SubscriptionId"
                WHERE c."Status" = 'Pending' AND c."NextAttemptAt" <= {now}
                  AND (c."LeaseUntil" IS NULL OR c."LeaseUntil" < {now}) AND s."Enabled"
                  AND NOT EXISTS (
                      SELECT 1 FROM "WebhookDeliveries" AS e
                      WHERE e."SubscriptionId" = c."SubscriptionId" AND e."ResourceKey" = c."ResourceKey"
                        AND e."Status" = 'Pending' AND e."Id" < c."Id")
                ORDER BY c."Id"
                LIMIT {batch}
                FOR UPDATE OF c SKIP LOCKED)
            """, cancellationToken);
}
