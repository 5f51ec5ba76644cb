using System.ComponentModel.DataAnnotations;

namespace NewsApi.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Fill an empty database with the demo newsroom at start-up. Only ever honoured in Development.</summary>
    public bool SeedDemoContent { get; set; } = true;

    /// <summary>
    /// Read article lists through LINQ alone (<see cref="Articles.LinqArticleReadPath"/>), as on SQL Server, instead
    /// of the database's own statements: for tests, so that SQL Server's path runs on the databases CI has.
    /// </summary>
    public bool LinqReadPath { get; set; }

    /// <summary>
    /// How long a request waits to open a connection (PostgreSQL, SQL Server: or for a free one in the pool) before it
    /// is answered 503. Applied unless the connection string sets its own.
    /// </summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 2;

    /// <summary>How long one statement may run before it is cancelled and answered 503 (migrations are not bound by it).</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 10;

    /// <summary>SQLite: how often the planner's statistics are refreshed where missing or stale (they are at start-up too).</summary>
    [Range(1, 10_080)]
    public int PlannerStatisticsMinutes { get; set; } = 60;

    /// <summary>SQLite: how long a write waits for another connection's (or process's) lock before it is answered 503.</summary>
    [Range(0, 60)]
    public int BusyTimeoutSeconds { get; set; } = 1;

    /// <summary>
    /// With <c>ConnectionStrings:NewsReplica</c>: while the replica is further behind the primary than this, reads go
    /// to the primary.
    /// </summary>
    [Range(0, 86_400)]
    public double MaxReplicaLagSeconds { get; set; } = 5;

    /// <summary>
    /// With a replica: how long after a key's last write that key's reads still go to the primary, so a client reads
    /// back what it just wrote.
    /// </summary>
    [Range(0, 86_400)]
    public int ReadYourWritesSeconds { get; set; } = 10;

    /// <summary>With a replica: how often its lag is measured (in the background, never per request).</summary>
    [Range(1, 3_600)]
    public int ReplicaCheckSeconds { get; set; } = 1;
}
