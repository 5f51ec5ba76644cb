using System.ComponentModel.DataAnnotations;
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
}

public static class Drain
{
    public static IServiceCollection AddDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(hosting.Value.DrainSeconds));
        return services;
    }
}
