using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Hosting;

/// <summary>
/// With Redis, a client's budget is one for every instance: it cannot multiply it by the number of instances. While
/// Redis cannot be reached, each instance counts in memory again. Budgets count in real time, so each test starts
/// applications of its own.
/// </summary>
public sealed class SharedBudgetTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWriteBudgetIsOneForEveryInstance()
    {
        await using var a = new BudgetApi(TestRedis.Settings(), writes: 3);
        Assert.SkipWhen(a.SkipReason is not null, a.SkipReason ?? "");
        await using var b = new SecondInstance(a);

        await CreateTagAsync(a, HttpStatusCode.Created);
        await CreateTagAsync(b, HttpStatusCode.Created);
        await CreateTagAsync(a, HttpStatusCode.Created);

        await AssertTooManyAsync(await a.CreateEditorClient().PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") }));
        await AssertTooManyAsync(await b.CreateEditorClient().PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") }));
    }

    [Fact]
    public async Task BadKeysCountAgainstTheAddressOnEveryInstance()
    {
        await using var a = new BudgetApi(TestRedis.Settings(), failedAuthentications: 2);
        Assert.SkipWhen(a.SkipReason is not null, a.SkipReason ?? "");
        await using var b = new SecondInstance(a);

        await (await a.CreateClient().WithKey(KeyTestData.UnknownSecret()).GetAsync("/api/v1/tags", Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await b.CreateClient().WithKey(KeyTestData.UnknownSecret()).GetAsync("/api/v1/tags", Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        await AssertTooManyAsync(await a.CreateEditorClient().GetAsync("/api/v1/tags", Cancel));
        await AssertTooManyAsync(await b.CreateEditorClient().GetAsync("/api/v1/tags", Cancel));
    }

    [Fact]
    public async Task WhileRedisCannotBeReachedEachInstanceCountsItsOwnBudget()
    {
        // Nothing listens on port 1: Redis is down from the start.
        var logs = new LogCapture();
        await using var a = new BudgetApi(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" }, writes: 2, logs: logs);

        await CreateTagAsync(a, HttpStatusCode.Created);
        await CreateTagAsync(a, HttpStatusCode.Created);
        await AssertTooManyAsync(await a.CreateEditorClient().PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") }));

        Assert.Single(logs.LinesAtOrAbove(LogLevel.Warning), l => l.Contains("each instance counts its own budgets", StringComparison.Ordinal));
    }

    private static async Task CreateTagAsync(NewsApiFactory api, HttpStatusCode expected) =>
        await (await api.CreateEditorClient().PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") })).ReadJsonAsync(expected);

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.NonValidated["Retry-After"].ToString();
        Assert.True(int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 60,
            $"Retry-After is whole seconds within the minute's window: '{retryAfter}'");
    }

    private sealed class BudgetApi(Dictionary<string, string?> shared, int writes = 1_000_000, int failedAuthentications = 1_000_000, LogCapture? logs = null)
        : SqliteApi
    {
        private readonly Dictionary<string, string?> _settings = new(shared)
        {
            ["RateLimits:WritesPerMinute"] = writes.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:FailedAuthenticationsPerMinute"] = failedAuthentications.ToString(CultureInfo.InvariantCulture),
        };

        public override string? SkipReason => _settings.ContainsKey("OutputCache:RedisInstanceName") ? TestRedis.SkipReason : null;

        protected override bool CallersAreEditors => false;

        protected override IDictionary<string, string?> Settings => _settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (logs is not null)
            {
                builder.ConfigureLogging(l => l.AddProvider(logs));
            }
        }
    }
}
