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
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
        return Task.CompletedTask;
    }
}
