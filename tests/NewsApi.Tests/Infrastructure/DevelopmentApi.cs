namespace NewsApi.Tests.Infrastructure;

/// <summary>The application as <c>dotnet run</c> starts it: the Development environment, on a fresh SQLite file.</summary>
public sealed class DevelopmentApi : SqliteApi
{
    protected override string EnvironmentName => "Development";
}

/// <summary>The application in Production, on a fresh SQLite file.</summary>
public sealed class ProductionApi : SqliteApi
{
    protected override string EnvironmentName => "Production";
}
