using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using NewsApi.Tests.Access;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Observability;

/// <summary>Observed, anonymous callers, with the shared state (output cache, budgets) in the test Redis.</summary>
public sealed class ObservedRedisApi : SqliteApi
{
    private readonly Dictionary<string, string?> _settings = new(Observed.Settings());

    public ObservedRedisApi()
    {
        foreach (var (key, value) in TestRedis.Settings())
        {
            _settings[key] = value;
        }
    }

    public LogCapture Logs { get; } = new();
    public FormattedLogCapture JsonLogs { get; } = new();
    public SpanRecorder Spans { get; } = new();

    protected override bool CallersAreEditors => false;

    public override string? SkipReason => TestRedis.SkipReason;

    protected override IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Observed.Configure(builder, Logs, JsonLogs, Spans);
    }
}

/// <summary>The Redis commands a request makes (the output cache's, the budget's) are spans of the request's trace.</summary>
public sealed class RedisTracingTests(ObservedRedisApi api) : ApiTest(api), IClassFixture<ObservedRedisApi>
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [Fact]
    public async Task ARequestsRedisCommandsAreClientSpansUnderIt()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/slug/{article["slug"]}");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        await (await Client.SendAsync(request, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var server = Assert.Single(await api.Spans.TraceAsync(traceId, Cancel), s => s.Kind == ActivityKind.Server);
        // The instrumentation turns the commands it profiled into spans on its own flush interval, after the request.
        List<Activity> Redis() => [.. api.Spans.Ended.Where(s => s.TraceId == traceId && s.Source.Name == RedisSource)];
        await Reliability.LocalServices.WaitUntilAsync(() => Task.FromResult(Redis().Count > 0), TimeSpan.FromSeconds(30),
            "Redis spans in the request's trace");
        var redis = Redis();
        Assert.All(redis, s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.All(redis, s => Assert.Equal(server.SpanId, s.ParentSpanId));
        Assert.All(redis, s => Assert.Equal("redis", s.GetTagItem("db.system") ?? s.GetTagItem("db.system.name")));
    }
}
