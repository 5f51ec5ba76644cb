using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NewsApi.Tests.Observability;

/// <summary>OTLP export when the standard variable names an endpoint (nothing listens there: nothing is sent during the test).</summary>
public sealed class OtlpApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
    };
}

/// <summary>The scrape endpoint served to one host only, as behind a port the proxy does not forward.</summary>
public sealed class InternalMetricsApi : SqliteApi
{
    public const string MetricsHost = "metrics.internal";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Observability:Prometheus"] = "true",
        ["Observability:PrometheusHosts:0"] = MetricsHost,
    };
}

/// <summary>By default nothing of OpenTelemetry is registered; each setting turns on only its own part.</summary>
public sealed class TelemetrySettingsTests(SqliteApi plain, OtlpApi otlp, InternalMetricsApi metrics)
    : IClassFixture<SqliteApi>, IClassFixture<OtlpApi>, IClassFixture<InternalMetricsApi>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutSettingsNoTelemetryIsRegisteredAndNoMetricsAreServed()
    {
        Assert.Null(plain.Services.GetService<TracerProvider>());
        Assert.Null(plain.Services.GetService<MeterProvider>());
        await (await plain.CreateClient().GetAsync("/metrics", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheOtlpVariableTurnsOnTracesAndMetricsButNotTheScrapeEndpoint()
    {
        Assert.NotNull(otlp.Services.GetService<TracerProvider>());
        Assert.NotNull(otlp.Services.GetService<MeterProvider>());
        await (await otlp.CreateClient().GetAsync("/metrics", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheScrapeEndpointAnswersOnlyItsHost()
    {
        Assert.Null(metrics.Services.GetService<TracerProvider>()); // metrics alone do not start tracing
        var client = metrics.CreateAnonymousClient();
        await (await client.GetAsync("/metrics", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);

        var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Host = InternalMetricsApi.MetricsHost;
        var response = await client.SendAsync(scrape, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScrapeEndpointIsNotPartOfTheApiDocument()
    {
        var document = await (await metrics.CreateClient().GetAsync("/swagger/v1/swagger.json", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key.Contains("metrics", StringComparison.OrdinalIgnoreCase));
    }
}
