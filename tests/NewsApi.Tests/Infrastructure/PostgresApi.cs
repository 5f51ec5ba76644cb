using Npgsql;
using NewsApi.Data;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// A fresh database per test class on the PostgreSQL server named by <see cref="ServerVariable"/>, dropped
/// afterwards. Without that variable the PostgreSQL leg is skipped, unless <see cref="RequiredVariable"/> says it
/// must run (CI), in which case it fails.
/// </summary>
public class PostgresApi : NewsApiFactory
{
    public const string ServerVariable = "NEWSAPI_TEST_POSTGRES";
    public const string RequiredVariable = "NEWSAPI_TEST_POSTGRES_REQUIRED";

    private static readonly string? ServerSetting =
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;
    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string _database = $"newsapi_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string? SkipReason => ServerSetting is null && !Required
        ? $"PostgreSQL leg not enabled: set {ServerVariable} to a server connection string, e.g. "
          + $"{ServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" (README, 'PostgreSQL tests')."
        : null;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString)
    {
        Database = _database,
    }.ConnectionString;

    private static string ServerConnectionString => ServerSetting
        ?? throw new InvalidOperationException($"{RequiredVariable} is set but {ServerVariable} is not: the PostgreSQL leg cannot run.");

    protected override async Task DropDatabaseAsync()
    {
        if (ServerSetting is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ServerSetting) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
