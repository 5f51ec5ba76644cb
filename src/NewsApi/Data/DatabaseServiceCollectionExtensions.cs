using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Providers;

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

        // A list of ids (a page's articles) goes to the database as one array parameter, not one parameter per id:
        // the SQL then stays the same for every page, so EF caches it instead of generating it on every read.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteEngine.Configure();
                Register<SqliteNewsDbContext>(services, o => o.UseSqlite(connectionString, s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqliteUnicodeFunctions()));
                break;
            case DatabaseProvider.SqlServer:
                Register<SqlServerNewsDbContext>(services, o => o.UseSqlServer(connectionString, s => s.EnableRetryOnFailure().UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
                break;
            case DatabaseProvider.Postgres:
                Register<PostgresNewsDbContext>(services, o => o.UseNpgsql(connectionString, s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
        return services;
    }

    private static void Register<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : NewsDbContext
    {
        // Pooled: a request takes a context that is already set up instead of building one and its services.
        services.AddDbContextPool<NewsDbContext, TContext>((sp, o) =>
        {
            configure(o);
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });
    }
}
