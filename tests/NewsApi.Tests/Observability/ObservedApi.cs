using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NewsApi.Observability;
using NewsApi.Tests.Access;
using NewsApi.Tests.Infrastructure;
using NewsApi.Tests.Webhooks;
using OpenTelemetry.Trace;

namespace NewsApi.Tests.Observability;

/// <summary>
/// Everything observable on: JSON logs, the Prometheus endpoint, and the application's own tracing set-up recording
/// into a <see cref="SpanRecorder"/>. Logs are kept at Trace, both raw (<see cref="LogCapture"/>) and as the JSON
/// console formatter writes them; the console provider itself is taken out.
/// </summary>
internal static class Observed
{
    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(LogEverything.Settings)
        {
            ["Observability:Prometheus"] = "true",
            ["Observability:JsonLogs"] = "true",
        };
        foreach (var (key, value) in WebhookSettings.For())
        {
            settings[key] = value;
        }
        return settings;
    }

    public static void Configure(IWebHostBuilder builder, LogCapture logs, FormattedLogCapture json, SpanRecorder spans)
    {
        LogEverything.Into(builder, logs);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ILoggerProvider>(typeof(ConsoleLoggerProvider));
            services.AddSingleton<ILoggerProvider>(sp =>
            {
                var name = sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
                json.Formatter = sp.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
                return json;
            });
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddNewsApiInstrumentation().AddProcessor(spans));
        });
    }

    private static void RemoveAll<T>(this IServiceCollection services, Type implementation) where T : class
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(T) && d.ImplementationType == implementation).ToList())
        {
            services.Remove(descriptor);
        }
    }
}

public sealed class ObservedSqliteApi : SqliteApi
{
    public LogCapture Logs { get; } = new();
    public FormattedLogCapture JsonLogs { get; } = new();
    public SpanRecorder Spans { get; } = new();
    public string ConnectionStringForTests => ConnectionString;

    protected override IDictionary<string, string?> Settings => Observed.Settings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Observed.Configure(builder, Logs, JsonLogs, Spans);
    }
}

/// <summary>With a password in the connection string (the test server trusts loopback, so any password connects).</summary>
public sealed class ObservedPostgresApi : PostgresApi
{
    public const string Password = "pw-Observed-9f3c1e7a5b";

    public LogCapture Logs { get; } = new();
    public FormattedLogCapture JsonLogs { get; } = new();
    public SpanRecorder Spans { get; } = new();
    public string ConnectionStringForTests => ConnectionString;

    protected override string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(base.ConnectionString) { Password = Password }.ConnectionString;

    protected override IDictionary<string, string?> Settings => Observed.Settings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Observed.Configure(builder, Logs, JsonLogs, Spans);
    }
}
