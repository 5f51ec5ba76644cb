namespace NewsApi.Tests.Infrastructure;

/// <summary>The API as an anonymous front end sees it: published content only.</summary>
public sealed class PublicSqliteApi : SqliteApi
{
    protected override bool CallersAreEditors => false;
}

/// <summary>The API as an anonymous front end sees it: published content only.</summary>
public sealed class PublicPostgresApi : PostgresApi
{
    protected override bool CallersAreEditors => false;
}
