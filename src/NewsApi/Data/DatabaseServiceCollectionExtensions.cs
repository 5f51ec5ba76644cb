using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsApi.Articles;
using NewsApi.Data.Postgres;
using NewsApi.Data.Providers;
using NewsApi.Data.Replica;
using NewsApi.Data.Sqlite;

namespace NewsApi.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "News";
    private const string DefaultSqliteConnection = "Data Source=newsapi.db";

    public static IServiceCollection AddNewsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AuditInterceptor>();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.Provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} must be set when Database:Provider is {options.Provider}.");
            }
            connectionString = DefaultSqliteConnection;
        }
        var replicaConnectionString = configuration.GetConnectionString(ReadReplica.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(replicaConnectionString) && options.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ReadReplica.ConnectionStringName} is set, but read replicas are supported on PostgreSQL only "
                + $"(Database:Provider is {options.Provider}). Remove the setting.");
        }

        // A list of ids (a page's articles) goes to the database as one array parameter, not one parameter per id:
        // the SQL then stays the same for every page, so EF caches it instead of generating it on every read.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteEngine.Configure();
                services.AddSingleton<SqliteStatementCache>();
                services.AddHostedService<SqlitePlannerStatisticsService>();
                connectionString = WithSqliteDefaults(connectionString, options);
                Register<SqliteNewsDbContext>(services, o => o.UseSqlite(connectionString, s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqliteUnicodeFunctions())
                    .UseLeanSqliteConnection());
                break;
            case DatabaseProvider.SqlServer:
                // Retries are few and short: a request retried for half a minute is an outage that looks like a hang.
                connectionString = WithSqlServerDefaults(connectionString, options);
                Register<SqlServerNewsDbContext>(services, o => o.UseSqlServer(connectionString, s => s
                    .EnableRetryOnFailure(2, TimeSpan.FromSeconds(1), null)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
                break;
            case DatabaseProvider.Postgres:
                connectionString = WithPostgresDefaults(connectionString, options);
                if (!string.IsNullOrWhiteSpace(replicaConnectionString))
                {
                    AddReadReplica(services, connectionString, WithPostgresDefaults(replicaConnectionString, options, ReadReplica.ConnectionStringName));
                }
                Register<PostgresNewsDbContext>(services, o => o.UseNpgsql(connectionString, s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
        services.AddSingleton<IArticleReadPath>(options.LinqReadPath ? new LinqArticleReadPath() : options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteArticleReadPath(),
            DatabaseProvider.Postgres => new PostgresArticleReadPath(),
            _ => new LinqArticleReadPath(),
        });
        services.AddSingleton<IBulkSearchIndex>(options.Provider == DatabaseProvider.Sqlite ? new SqliteSearchBacklog() : new RowByRowSearchIndex());
        services.AddSingleton<Feeds.IFeedRows>(!options.LinqReadPath && options.Provider == DatabaseProvider.Sqlite
            ? new SqliteFeedRows()
            : new Feeds.EfFeedRows());
        return services;
    }

    /// <summary>
    /// Defaults for what the connection string leaves out. Npgsql prepares the statements it sees repeatedly: the
    /// server then plans each read once per connection instead of on every request (planning the embedded-lists
    /// statement took longer than running it). At most two connections per core of this host: with 32 clients on
    /// two cores shared with the database, 100 backends time-slicing each other stretched the front page's p99 to
    /// 170–350 ms, four kept it at 42 ms for the same throughput. A database on its own server may deserve more: set
    /// Maximum Pool Size.
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString, DatabaseOptions? options = null, string name = ConnectionStringName)
    {
        options ??= new DatabaseOptions();
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the keyword but not where it came from (a misspelt "Max Pool Size", for one).
            throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not a valid PostgreSQL connection string: {e.Message}", e);
        }
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("PoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = Math.Max(4, 2 * Environment.ProcessorCount);
        }
        // Npgsql waits 15 s to connect (and for a pooled connection) and 30 s for a statement by default: with the
        // database gone, requests would hang that long instead of being answered 503.
        if (!Sets(connectionString, "Timeout"))
        {
            builder.Timeout = options.ConnectTimeoutSeconds;
        }
        if (!Sets(connectionString, "Command Timeout", "CommandTimeout"))
        {
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        }
        return builder.ConnectionString;
    }

    /// <summary>Microsoft.Data.Sqlite waits 30 s for a lock held by another connection or process by default.</summary>
    internal static string WithSqliteDefaults(string connectionString, DatabaseOptions options) =>
        Sets(connectionString, "Default Timeout", "DefaultTimeout", "Command Timeout", "CommandTimeout")
            ? connectionString
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = options.BusyTimeoutSeconds }.ConnectionString;

    private static string WithSqlServerDefaults(string connectionString, DatabaseOptions options)
    {
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        if (!Sets(connectionString, "Connect Timeout", "Connection Timeout", "Timeout", "ConnectTimeout"))
        {
            builder.ConnectTimeout = options.ConnectTimeoutSeconds;
        }
        if (!Sets(connectionString, "Command Timeout", "CommandTimeout"))
        {
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        }
        return builder.ConnectionString;
    }

    /// <summary>Reads that need not see the latest write go to the replica (<see cref="ReadRouting"/>).</summary>
    private static void AddReadReplica(IServiceCollection services, string primary, string replica)
    {
        services.AddSingleton(new ReadReplica(primary, replica));
        services.AddSingleton<ReplicaHealth>();
        services.AddSingleton<RecentWriters>();
        services.AddSingleton<ReplicaConnectionInterceptor>();
        services.AddSingleton<SaveMarker>();
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
    }

    private static bool Sets(string connectionString, params string[] keywords)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(parsed.ContainsKey);
    }

    private static void Register<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : NewsDbContext
    {
        // Pooled: a request takes a context that is already set up instead of building one and its services.
        services.AddDbContextPool<NewsDbContext, TContext>((sp, o) =>
        {
            configure(o);
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
            if (sp.GetService<ReplicaConnectionInterceptor>() is { } replica)
            {
                o.AddInterceptors(replica, sp.GetRequiredService<SaveMarker>());
            }
            // After the audit stamps: the outbox writes each change's events in the same save.
            if (sp.GetService<Webhooks.ChangeCapture>() is { } changes)
            {
                o.AddInterceptors(changes);
            }
            // A failed save is either an expected conflict (two editors racing on one article: a 409) or reaches
            // ApiExceptionHandler, which logs what was unexpected as an error; EF's own error lines would report
            // every editorial race as a failure.
            // SQLite's table rebuilds in the migrations turn foreign keys off outside the transaction, as SQLite
            // requires (EF's own rebuilds do the same); warning about it on every new database tells an operator
            // nothing to act on.
            o.ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Information),
                (RelationalEventId.CommandError, LogLevel.Information),
                (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));
        });
    }
}
