using Microsoft.Data.Sqlite;
using NewsApi.Data;

namespace NewsApi.Tests.Infrastructure;

/// <summary>A fresh SQLite file per test class, deleted afterwards.</summary>
public class SqliteApi : NewsApiFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"newsapi-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={_path}";

    protected override Task DropDatabaseAsync()
    {
        // This database's pools only: ClearAllPools would also close the idle connections of the classes running
        // meanwhile, and the last connection of a database to close checkpoints it under an exclusive lock, during
        // which their readers wait for the busy timeout and may be answered 503.
        foreach (var connectionString in new[] { ConnectionString, DatabaseServiceCollectionExtensions.WithSqliteDefaults(ConnectionString, new DatabaseOptions()) })
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
        return Task.CompletedTask;
    }
}
