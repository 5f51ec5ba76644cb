using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsApi.Http;

namespace NewsApi.Data.Replica;

/// <summary>
/// Points each connection the DbContext opens at the replica or the primary, as the request's
/// <see cref="DatabaseRoute"/> says. A replica that cannot be reached when the connection opens is marked down and
/// the connection opens on the primary instead, so the read still succeeds.
/// </summary>
public sealed class ReplicaConnectionInterceptor(ReadReplica replica, ReplicaHealth health) : DbConnectionInterceptor
{
    // The connections (one per pooled DbContext) now pointed at the replica; every other one is on the primary.
    private readonly ConditionalWeakTable<DbConnection, object> _onReplica = [];

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        var route = DatabaseRoute.Current;
        if (route is not { UseReplica: true } || !health.Available)
        {
            PointAtPrimary(connection);
            return result;
        }
        if (!_onReplica.TryGetValue(connection, out _))
        {
            connection.ConnectionString = replica.ConnectionString;
            _onReplica.AddOrUpdate(connection, replica);
        }
        try
        {
            await connection.OpenAsync(cancellationToken);
            route.OpenedOnReplica = true;
            return InterceptionResult.Suppress();
        }
        catch (Exception e) when ((e is DbException || e.IsDatabaseUnavailable()) && !cancellationToken.IsCancellationRequested)
        {
            health.Down(e);
            replica.DropIdleConnections();
            route.UseReplica = false;
            PointAtPrimary(connection);
            return result;
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        // Synchronous opens are rare here (start-up, tools); they always use the primary.
        PointAtPrimary(connection);
        return result;
    }

    private void PointAtPrimary(DbConnection connection)
    {
        if (_onReplica.Remove(connection))
        {
            connection.ConnectionString = replica.PrimaryConnectionString;
        }
    }
}
