using StackExchange.Redis;

namespace NewsApi.Hosting;

/// <summary>
/// The one Redis connection of this instance, for everything instances share there: the output cache, request
/// budgets and job leases. Set by <c>ConnectionStrings:Redis</c> (the older <c>OutputCache:Redis</c> is still read
/// when it is empty); without either, this instance keeps all of that in memory and is meant to run alone.
/// </summary>
public static class SharedRedisSetup
{
    public const string ConnectionStringName = "Redis";
    public const string LegacySetting = "OutputCache:Redis";

    /// <summary>The configured Redis connection string, or null when this instance runs alone.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value
        : configuration[LegacySetting] is { } legacy && !string.IsNullOrWhiteSpace(legacy) ? legacy
        : null;

    /// <summary>Registers <see cref="SharedRedis"/> when Redis is configured; answers whether it is.</summary>
    public static bool AddSharedRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(SharedRedis)))
        {
            return true;
        }
        if (ConnectionString(configuration) is not { } connection)
        {
            return false;
        }
        services.AddSingleton(new SharedRedis(connection, configuration["OutputCache:RedisInstanceName"] is { Length: > 0 } prefix ? prefix : "newsapi:"));
        return true;
    }
}

/// <summary>
/// One multiplexer that never gives up: it connects in the background (a Redis down at start-up is an outage like
/// any other), fails commands at once while disconnected instead of queueing them for seconds, and tries again
/// every second. Every user of it treats a failure as "Redis is down" and has its own fallback.
/// </summary>
public sealed class SharedRedis(string configuration, string prefix) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 1000;
        }
        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)
            && !configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = options.AsyncTimeout = 1000;
        }
        return ConnectionMultiplexer.Connect(options);
    });

    /// <summary>Prefix of this deployment's keys (<c>OutputCache:RedisInstanceName</c>), so deployments can share a server.</summary>
    public string Prefix { get; } = prefix;

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    public static bool IsFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
