namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// The Redis server named by <see cref="ServerVariable"/>; its legs are skipped without it, unless CI says they must
/// run. Each fixture gets a key prefix of its own, so fixtures never share entries, budgets or leases.
/// </summary>
public static class TestRedis
{
    public const string ServerVariable = "NEWSAPI_TEST_REDIS";
    public const string RequiredVariable = "NEWSAPI_TEST_REDIS_REQUIRED";

    private static readonly string? Server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;
    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => Server is null && !Required
        ? $"Redis leg not enabled: set {ServerVariable} to a Redis server, e.g. {ServerVariable}=127.0.0.1:6379 (README, 'Output caching')."
        : null;

    public static string Configuration => Server ?? throw new InvalidOperationException($"{RequiredVariable} is set but {ServerVariable} is not.");

    /// <summary>Settings that put an application's shared state in the test Redis under a fresh prefix.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Redis"] = Server ?? (Required ? Configuration : null),
        ["OutputCache:RedisInstanceName"] = $"newsapi-test-{Guid.NewGuid():N}:",
    };
}

/// <summary>Anonymous callers on SQLite, with the output cache (and budgets, and leases) in the test Redis.</summary>
public sealed class PublicRedisApi : SqliteApi
{
    public const string ServerVariable = TestRedis.ServerVariable;
    public const string RequiredVariable = TestRedis.RequiredVariable;

    private readonly Dictionary<string, string?> _settings = TestRedis.Settings();

    protected override bool CallersAreEditors => false;

    public override string? SkipReason => TestRedis.SkipReason;

    protected override IDictionary<string, string?> Settings => _settings;
}

/// <summary>SQLite with everything shared in the test Redis: the first of several instances (<see cref="SecondInstance"/>).</summary>
public sealed class SharedRedisSqliteApi : SqliteApi
{
    /// <summary>How long a job lease lasts here: short, so a test sees a dead holder's lease expire.</summary>
    public const int LeaseSeconds = 2;

    private readonly Dictionary<string, string?> _settings = new(TestRedis.Settings())
    {
        ["Jobs:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string? SkipReason => TestRedis.SkipReason;

    protected override IDictionary<string, string?> Settings => _settings;
}

/// <summary>PostgreSQL with everything shared in the test Redis: the first of several instances.</summary>
public sealed class SharedRedisPostgresApi : PostgresApi
{
    private readonly Dictionary<string, string?> _settings = TestRedis.Settings();

    public override string? SkipReason => base.SkipReason ?? TestRedis.SkipReason;

    protected override IDictionary<string, string?> Settings => _settings;
}
