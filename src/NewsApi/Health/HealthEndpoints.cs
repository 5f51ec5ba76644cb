using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace NewsApi.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddNewsHealthChecks(this IServiceCollection services)
    {
        // Bounded, so a probe answers within its own timeout even when the database does not.
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(3));
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
