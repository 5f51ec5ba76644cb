namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Article lists read through LINQ alone (<c>Database:LinqReadPath</c>), as SQL Server reads them: no server runs
/// here, so SQL Server's path runs on the databases that do. Read test classes add a one-line subclass per leg.
/// </summary>
internal static class LinqReadPath
{
    public static IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:LinqReadPath"] = "true" };
}

/// <inheritdoc cref="LinqReadPath"/>
public class LinqSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => LinqReadPath.Settings;
}

/// <inheritdoc cref="LinqReadPath"/>
public class LinqPostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => LinqReadPath.Settings;
}

/// <summary>The API as an anonymous front end sees it, with lists read through LINQ alone.</summary>
public sealed class PublicLinqSqliteApi : LinqSqliteApi
{
    protected override bool CallersAreEditors => false;
}

/// <summary>The API as an anonymous front end sees it, with lists read through LINQ alone.</summary>
public sealed class PublicLinqPostgresApi : LinqPostgresApi
{
    protected override bool CallersAreEditors => false;
}
