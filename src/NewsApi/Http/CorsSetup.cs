namespace NewsApi.Http;

public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins whose scripts may call the API, e.g. https://www.example.com. None by default; any in Development.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

public static class CorsSetup
{
    public static IServiceCollection AddApiCors(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var origins = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>()?.AllowedOrigins ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (environment.IsDevelopment())
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }
            policy.WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Content-Type", "Accept", "If-Match", "If-None-Match", "X-Api-Key", "Authorization")
                .WithExposedHeaders("ETag", "Link", "Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return services;
    }
}
