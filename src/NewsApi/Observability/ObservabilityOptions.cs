namespace NewsApi.Observability;

/// <summary>The <c>Observability</c> section. Everything is off by default; OTLP export follows the standard variable.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>The standard OpenTelemetry variable: traces and metrics are exported over OTLP only when it is set.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Maps <c>GET /metrics</c> in the Prometheus text format.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// Hosts (<c>host:port</c>, <c>*:port</c>) that alone may reach <c>/metrics</c>, e.g. <c>*:9464</c> with Kestrel also
    /// listening on 9464 that the proxy does not forward. Empty: any host, so keep the path off the public proxy.
    /// </summary>
    public string[] PrometheusHosts { get; set; } = [];

    /// <summary>One JSON object per log line, with the trace and span ids of the request that wrote it.</summary>
    public bool JsonLogs { get; set; }
}
