namespace NewsApi.Data.Replica;

/// <summary>
/// Where the current request's reads go, decided once per request by <see cref="ReadRouting"/> and read by
/// <see cref="ReplicaConnectionInterceptor"/> whenever a connection opens. Work outside a routed request (background
/// jobs, start-up, authentication) has no route and uses the primary.
/// </summary>
public sealed class DatabaseRoute
{
    private static readonly AsyncLocal<DatabaseRoute?> CurrentRoute = new();

    public static DatabaseRoute? Current
    {
        get => CurrentRoute.Value;
        set => CurrentRoute.Value = value;
    }

    /// <summary>Whether this request's reads may go to the replica.</summary>
    public bool UseReplica { get; set; }

    /// <summary>Whether a connection of this request was opened on the replica.</summary>
    public bool OpenedOnReplica { get; set; }
}
