using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NewsApi.Hosting;

public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// On SIGTERM the server stops taking connections and gives the requests in flight this long to finish before it
    /// cuts them off. Keep it under the orchestrator's own grace period (Kubernetes: 30 s).
    /// </summary>
    [Range(1, 600)]
    public int DrainSeconds { get; set; } = 20;

    /// <summary>
    /// On SIGTERM, before the drain: how long the instance answers <c>/health/ready</c> with 503 while it still serves
    /// everything else, so the load balancer takes it out of rotation before it stops taking connections.
    /// </summary>
    [Range(0, 120)]
    public int UnreadySeconds { get; set; } = 5;
}

/// <summary>
/// Graceful shutdown in three steps. On SIGTERM (ApplicationStopping) <c>/health/ready</c> turns 503 at once, and the
/// instance goes on serving for <see cref="HostingOptions.UnreadySeconds"/>; then Kestrel stops taking connections and
/// the requests in flight get <see cref="HostingOptions.DrainSeconds"/> to finish; then the process exits. The host's
/// shutdown timeout is the sum of both.
/// </summary>
public static class Drain
{
    public static IServiceCollection AddDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(hosting.Value.UnreadySeconds + hosting.Value.DrainSeconds));
        services.AddSingleton<ShutdownReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownReadiness>());
        services.AddHealthChecks().AddCheck<ShutdownReadiness>("shutdown", tags: ["ready"]);
        return services;
    }
}

/// <summary>Fails readiness from the moment the instance begins to stop, and holds the stop back while it serves on.</summary>
public sealed class ShutdownReadiness(IHostApplicationLifetime lifetime, TimeProvider time, IOptions<HostingOptions> options, ILogger<ShutdownReadiness> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _stopping;

    public bool Stopping => _stopping;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? new HealthCheckResult(context.Registration.FailureStatus, "This instance is shutting down.") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _stopping = true);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var unready = TimeSpan.FromSeconds(options.Value.UnreadySeconds);
        if (unready > TimeSpan.Zero)
        {
            logger.LogInformation("Shutting down: not ready for {Seconds} s while requests are still served, then draining", options.Value.UnreadySeconds);
            try
            {
                await Task.Delay(unready, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout: go on stopping.
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
