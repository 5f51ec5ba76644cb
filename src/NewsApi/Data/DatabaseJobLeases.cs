using NewsApi.Data.Postgres;
using NewsApi.Hosting;

namespace NewsApi.Data;

public static class DatabaseJobLeases
{
    /// <summary>Job leases kept by the database itself, where it has advisory locks (PostgreSQL); null elsewhere.</summary>
    public static Func<IServiceProvider, IJobLeases>? For(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }
        var connectionString = configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName)!;
        return _ => new PostgresJobLeases(connectionString);
    }
}
