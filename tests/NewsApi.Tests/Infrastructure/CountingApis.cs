using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The application on SQLite, counting (and keeping the text of) the SQL statements it runs.</summary>
public class CountingSqliteApi : SqliteApi
{
    public SqlCommandCounter Commands { get; } = new();

    /// <summary>Settings of a derived fixture, added to the log levels the counter needs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];

    protected sealed override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(SqlCommandCounter.LogLevels.Concat(MoreSettings));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Commands));
    }
}

/// <summary>The application on PostgreSQL, counting (and keeping the text of) the SQL statements it runs.</summary>
public class CountingPostgresApi : PostgresApi
{
    public SqlCommandCounter Commands { get; } = new();

    /// <summary>Settings of a derived fixture, added to the log levels the counter needs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];

    protected sealed override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(SqlCommandCounter.LogLevels.Concat(MoreSettings));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Commands));
    }
}
