using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using Npgsql;

namespace NewsApi.Bench;

/// <summary>A database named on the command line: its provider, connection string, and the API's own DbContext over it.</summary>
internal sealed record BenchDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static BenchDatabase From(Arguments args)
    {
        var name = args.Required("provider");
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) || provider == DatabaseProvider.SqlServer)
        {
            throw new UsageException($"--provider must be Sqlite or Postgres, not '{name}'.");
        }
        return new BenchDatabase(provider, args.Required("connection"));
    }

    /// <summary>The services the API itself registers for its database (AddNewsDatabase), over this connection string.</summary>
    public ServiceProvider Services() => ServicesCollection().BuildServiceProvider();

    public ServiceCollection ServicesCollection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}"] = ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddNewsDatabase(configuration);
        return services;
    }

    public async Task MigrateAsync()
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.MigrateAsync();
    }

    /// <summary>The number of articles, or null when the database or its Articles table does not exist.</summary>
    public async Task<long?> ArticleCountAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                return null;
            }
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            return await CountAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Articles'") == 0
                ? null
                : await CountAsync(connection, "SELECT count(*) FROM \"Articles\"");
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!await PostgresDatabaseExistsAsync(builder.Database!))
        {
            return null;
        }
        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        return await CountAsync(pg, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Articles'") == 0
            ? null
            : await CountAsync(pg, "SELECT count(*) FROM \"Articles\"");
    }

    /// <summary>True when the database has no tables at all (or does not exist yet).</summary>
    public async Task<bool> IsEmptyAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                return true;
            }
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            return await CountAsync(connection, "SELECT count(*) FROM sqlite_master") == 0;
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!await PostgresDatabaseExistsAsync(builder.Database!))
        {
            return true;
        }
        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        return await CountAsync(pg, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()") == 0;
    }

    public async Task<bool> PostgresDatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Runs a statement on the server's maintenance database (CREATE/DROP/ALTER DATABASE).</summary>
    public async Task PostgresAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> SizeOnDiskAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
        }
        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        return await CountAsync(pg, "SELECT pg_database_size(current_database())");
    }

    public BenchDatabase WithDatabase(string sqlitePathOrPostgresName) => Provider == DatabaseProvider.Sqlite
        ? this with { ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { DataSource = sqlitePathOrPostgresName }.ToString() }
        : this with { ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = sqlitePathOrPostgresName }.ToString() };

    private string Maintenance() => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ToString();

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
