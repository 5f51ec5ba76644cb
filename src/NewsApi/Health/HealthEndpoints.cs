using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NewsApi.Data;

namespace NewsApi.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddNewsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<NewsDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and its database does too.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
