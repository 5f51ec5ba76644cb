using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Data.Sqlite;

namespace NewsApi.Data.Providers;

public sealed class SqliteNewsDbContext(DbContextOptions<SqliteNewsDbContext> options) : NewsDbContext(options)
{
    /// <summary>For contexts made outside the application's services (tools, design time).</summary>
    private static readonly Lazy<SqliteStatementCache> Unhosted = new(() => new SqliteStatementCache(NullLogger<SqliteStatementCache>.Instance));

    private SqliteStatementCache? _statements;
    private string? _connectionString;

    /// <summary>The application's prepared reads; looked up once per context, which the pool then reuses.</summary>
    internal SqliteStatementCache Statements => _statements ??=
        options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<SqliteStatementCache>() ?? Unhosted.Value;

    internal string ConnectionString => _connectionString ??= Database.GetConnectionString()
        ?? throw new InvalidOperationException("The SQLite context has no connection string.");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
