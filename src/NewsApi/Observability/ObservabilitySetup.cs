using Microsoft.Extensions.Logging.Console;
using NewsApi.Data;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NewsApi.Observability;

/// <summary>
/// Traces and metrics through OpenTelemetry, a Prometheus scrape endpoint and JSON logs, each behind its own setting.
/// With none of them on, no OpenTelemetry service is registered at all: the framework's activity sources and meters
/// then have no listener and cost next to nothing on the hot path.
/// </summary>
public static class ObservabilitySetup
{
    public const string ServiceName = "newsapi";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new();
        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section);

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                // The trace and span ids travel in a scope, so scopes must be written.
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[ObservabilityOptions.OtlpEndpointVariable]);
        if (!otlp && !options.Prometheus)
        {
            return builder;
        }
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME, when set, names the service; an explicit name here would override it.
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            {
                resource.AddService(ServiceName);
            }
        });
        if (otlp)
        {
            // Tracing without an exporter would only cost: it is on with OTLP alone.
            telemetry.WithTracing(tracing => tracing.AddNewsApiInstrumentation().AddOtlpExporter());
        }
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddNewsApiInstrumentation();
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
            if (options.Prometheus)
            {
                // No response cache: each scrape shows everything recorded before it, and scrapers come seconds apart.
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            }
        });
        return builder;
    }

    /// <summary><c>GET /metrics</c> when <c>Observability:Prometheus</c> is on; not part of the API's OpenAPI document.</summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value;
        if (options.Prometheus)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
            if (options.PrometheusHosts.Length > 0)
            {
                endpoint.RequireHost(options.PrometheusHosts);
            }
        }
        return app;
    }

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The spans NewsApi records: requests, database commands (the PostgreSQL driver's own source, EF Core's
    /// diagnostics on the other providers, so a PostgreSQL command is not recorded twice), outgoing HTTP (webhook
    /// deliveries) and the Redis commands of the shared state (output cache, budgets, leases).
    /// </summary>
    public static TracerProviderBuilder AddNewsApiInstrumentation(this TracerProviderBuilder tracing) => tracing
        .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
        .AddHttpClientInstrumentation()
        .AddSource(DatabaseTelemetry.DriverSource)
        .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => !DatabaseTelemetry.DriverTracesCommands(provider))
        .AddRedisInstrumentation()
        .ConfigureRedisInstrumentation((services, redis) =>
        {
            if (services.GetService<Hosting.SharedRedis>() is { } connection)
            {
                redis.AddConnection(connection.Multiplexer);
            }
        });

    /// <summary>
    /// The meters NewsApi exports. ASP.NET Core labels request metrics with the route template (<c>http.route</c>),
    /// never the raw path, and leaves it out for requests no endpoint matched, so every label has a bounded set of values.
    /// </summary>
    public static MeterProviderBuilder AddNewsApiInstrumentation(this MeterProviderBuilder metrics) => metrics
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation()
        .AddMeter(DatabaseTelemetry.DriverSource, "Microsoft.EntityFrameworkCore");

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
