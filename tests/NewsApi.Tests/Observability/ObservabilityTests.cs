using System.Buffers.Text;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Tests.Webhooks;

namespace NewsApi.Tests.Observability;

public sealed class ObservabilityOnSqlite(ObservedSqliteApi api)
    : ObservabilityTests(api, api.Logs, api.JsonLogs, api.Spans, () => [("the connection string", api.ConnectionStringForTests)]),
      IClassFixture<ObservedSqliteApi>
{
    protected override string DatabaseSpanSource => "OpenTelemetry.Instrumentation.EntityFrameworkCore";
}

public sealed class ObservabilityOnPostgres(ObservedPostgresApi api)
    : ObservabilityTests(api, api.Logs, api.JsonLogs, api.Spans,
        () => [("the connection string", api.ConnectionStringForTests), ("the database password", ObservedPostgresApi.Password)]),
      IClassFixture<ObservedPostgresApi>
{
    protected override string DatabaseSpanSource => "Npgsql";
}

/// <summary>
/// Traces, metrics and logs through the real pipeline: spans for requests and their database commands and for
/// webhook deliveries, request metrics labelled by route template only, JSON logs carrying the trace, and no secret
/// anywhere in any of them.
/// </summary>
public abstract partial class ObservabilityTests(
    NewsApiFactory api, LogCapture logs, FormattedLogCapture jsonLogs, SpanRecorder spans, Func<(string What, string Value)[]> databaseSecrets)
    : WebhookTest(api)
{
    protected abstract string DatabaseSpanSource { get; }

    [Fact]
    public async Task AReadIsTracedWithItsDatabaseCommandsAsChildren()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var traceId = ActivityTraceId.CreateRandom();

        await (await Editor.SendAsync(Traced(HttpMethod.Get, $"/api/v1/articles/slug/{article["slug"]}", traceId), Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var trace = await spans.TraceAsync(traceId, Cancel);
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal("/api/v1/articles/slug/{slug}", server.GetTagItem("http.route"));
        Assert.Equal("GET /api/v1/articles/slug/{slug}", server.DisplayName);
        var database = trace.Where(s => s.Source.Name == DatabaseSpanSource).ToList();
        Assert.NotEmpty(database);
        Assert.All(database, s => Assert.True(DescendsFrom(s, server, trace), $"{s.DisplayName} is not under the request's span"));
        Assert.All(database, s => Assert.Equal(ActivityKind.Client, s.Kind));
        // One span per command, not one from EF Core and another from the driver.
        Assert.DoesNotContain(trace, s => s.Source.Name != DatabaseSpanSource && s.Kind == ActivityKind.Client
            && (s.GetTagItem("db.system") ?? s.GetTagItem("db.system.name")) is not null);
    }

    [Fact]
    public async Task AWebhookDeliveryIsTracedAsAnOutgoingRequest()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await Editor.CreateTagAsync();

        await DispatchAsync();

        var delivery = Assert.Single(spans.Ended, s => s.Source.Name == "System.Net.Http" && Equals(s.GetTagItem("url.full"), receiver.Url));
        Assert.Equal(ActivityKind.Client, delivery.Kind);
        Assert.Equal("POST", delivery.GetTagItem("http.request.method"));
        Assert.Equal(204, delivery.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task RequestMetricsAreLabelledByRouteTemplateNeverByPath()
    {
        var first = await Editor.CreatePublishedArticleAsync();
        var second = await Editor.CreatePublishedArticleAsync();
        var unknown = $"/no-such-page-{Guid.NewGuid():N}";
        using var recorded = new RequestDurations(Api.Services.GetRequiredService<IMeterFactory>());

        await (await Client.GetAsync($"/api/v1/articles/slug/{first["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Client.GetAsync($"/api/v1/articles/slug/{second["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Client.GetAsync(unknown, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        var measured = await recorded.WaitForAsync(3, Cancel);

        // In the order the requests ended, which is not always the order their responses arrived in.
        Assert.Equal([null, "/api/v1/articles/slug/{slug}", "/api/v1/articles/slug/{slug}"],
            measured.Select(tags => tags.GetValueOrDefault("http.route") as string).Order());
        var scrape = await Client.GetAsync("/metrics", Cancel);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync(Cancel);
        // The measurements' own tags are checked above. The scrape mixes every host of this test process (meters are
        // heard by name) and may print another host's same-named streams, so only what must never be in it is checked.
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        foreach (var raw in new[] { (string)first["slug"]!, (string)second["slug"]!, unknown })
        {
            Assert.DoesNotContain(raw, text, StringComparison.Ordinal);
        }
        // Every route label is one of the application's templates: a bounded set, whatever paths are asked for. Meters
        // are heard by name across the process, so the webhook receivers of tests running meanwhile add their one template.
        var templates = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).Append("/{**path}").ToHashSet();
        var routes = text.Split('\n').SelectMany(l => RouteLabel().Matches(l)).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, templates));
    }

    [Fact]
    public async Task JsonLogLinesCarryTheTraceOfTheirRequest()
    {
        var traceId = ActivityTraceId.CreateRandom();

        await (await Editor.SendAsync(Traced(HttpMethod.Get, "/api/v1/tags", traceId), Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var lines = jsonLogs.Lines.Where(l => l.Contains(traceId.ToHexString(), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _));
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
            var scope = entry.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
            Assert.Equal(traceId.ToHexString(), scope.GetProperty("TraceId").GetString());
            Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString());
        }
        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoKeyNorWebhookSecretNorDatabasePasswordReachesLogsSpansOrMetrics()
    {
        var key = await Editor.CreateKeyAsync(["content:write"]);
        var writer = Api.CreateClient().WithKey(key.Secret);
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, webhookSecret) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await writer.CreateTagAsync();
        var bearer = Traced(HttpMethod.Get, "/api/v1/tags", ActivityTraceId.CreateRandom());
        bearer.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key.Secret}");
        await (await Api.CreateAnonymousClient().SendAsync(bearer, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        await DispatchAsync();
        var rotated = await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/rotate-secret", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        await Editor.CreateTagAsync();
        await DispatchAsync();
        await Editor.RevokeKeyAsync(key.Id);
        await (await writer.GetAsync("/api/v1/tags", Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var metrics = await (await Client.GetAsync("/metrics", Cancel)).Content.ReadAsStringAsync(Cancel);
        Assert.Equal(2, receiver.Received.Count);

        var forbidden = new List<(string What, string Value)>(databaseSecrets());
        foreach (var (what, secret) in new[]
        {
            ("the key", key.Secret), ("the admin key", NewsApiFactory.AdminKey),
            ("the webhook secret", webhookSecret), ("the rotated webhook secret", (string)rotated["secret"]!),
        })
        {
            forbidden.Add((what, secret));
            forbidden.Add((what + " after its prefix", secret[(secret.IndexOf('_', StringComparison.Ordinal) + 1)..]));
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
            forbidden.Add(($"the hex SHA-256 of {what}", Convert.ToHexString(hash)));
            forbidden.Add(($"the base64url SHA-256 of {what}", Base64Url.EncodeToString(hash)));
        }
        var telemetry = new Dictionary<string, IEnumerable<string>>
        {
            ["log"] = logs.Lines,
            ["JSON log"] = jsonLogs.Lines,
            ["span"] = spans.Ended.Select(Describe),
            ["metrics"] = metrics.Split('\n'),
        };
        Assert.Contains(telemetry["span"], s => s.Contains("System.Net.Http", StringComparison.Ordinal)); // the deliveries were traced …
        Assert.Contains(telemetry["log"], l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)); // … the SQL logged
        var leaks = telemetry.SelectMany(t => forbidden.SelectMany(f => t.Value
                .Where(line => line.Contains(f.Value, StringComparison.OrdinalIgnoreCase))
                .Select(line => $"{f.What} in a {t.Key}: {line[..Math.Min(line.Length, 300)]}")))
            .ToList();
        Assert.True(leaks.Count == 0, $"Secrets in telemetry:\n{string.Join('\n', leaks)}");
    }

    private static HttpRequestMessage Traced(HttpMethod method, string path, ActivityTraceId traceId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; bySpan.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(Activity span) =>
        $"{span.Source.Name} {span.DisplayName} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
        + string.Join(' ', span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")));

    [GeneratedRegex("http_route=\"([^\"]*)\"")]
    private static partial Regex RouteLabel();

    /// <summary>
    /// The tags of each <c>http.server.request.duration</c> measurement of a GET to this application (its own meter factory,
    /// not another test class's). Made after the host has started, so it hears each measurement after OpenTelemetry.
    /// </summary>
    private sealed class RequestDurations : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Dictionary<string, object?>> _measured = [];
        private readonly SemaphoreSlim _recorded = new(0);

        public RequestDurations(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "http.server.request.duration" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }
                // Reads only: a write made just before may end its measurement after the listener starts.
                if (copy.GetValueOrDefault("http.request.method") as string != "GET")
                {
                    return;
                }
                lock (_measured)
                {
                    _measured.Add(copy);
                }
                _recorded.Release();
            });
            _listener.Start();
        }

        public async Task<IReadOnlyList<Dictionary<string, object?>>> WaitForAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _recorded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken), $"only {i} of {count} requests were measured");
            }
            lock (_measured)
            {
                return [.. _measured];
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _recorded.Dispose();
        }
    }
}
