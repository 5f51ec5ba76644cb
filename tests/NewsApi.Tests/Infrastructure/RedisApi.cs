namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Anonymous callers on SQLite, with the output cache in the Redis server named by <see cref="ServerVariable"/>
/// (a key prefix of its own, so fixtures never share entries). Skipped without it, unless CI says it must run.
/// </summary>
public sealed class PublicRedisApi : SqliteApi
{
    public const string ServerVariable = "NEWSAPI_TEST_REDIS";
    public const string RequiredVariable = "NEWSAPI_TEST_REDIS_REQUIRED";

    private static readonly string? RedisServer = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;
    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string _prefix = $"newsapi-test-{Guid.NewGuid():N}:";

    protected override bool CallersAreEditors => false;

    public override string? SkipReason => RedisServer is null && !Required
        ? $"Redis leg not enabled: set {ServerVariable} to a Redis server, e.g. {ServerVariable}=127.0.0.1:6379 (README, 'Output caching')."
        : null;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OutputCache:Redis"] = RedisServer ?? throw new InvalidOperationException($"{RequiredVariable} is set but {ServerVariable} is not."),
        ["OutputCache:RedisInstanceName"] = _prefix,
    };
}
