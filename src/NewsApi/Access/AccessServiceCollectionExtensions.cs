using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace NewsApi.Access;

public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddContentAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.BootstrapAdminKey is null or "" || ApiKeySecrets.LooksLikeAKey(o.BootstrapAdminKey) && o.BootstrapAdminKey.Length >= 35,
                "Auth:BootstrapAdminKey must look like a key: nk_ and at least 32 URL-safe characters.")
            .ValidateOnStart();
        services.AddSingleton<ContentAccess>();
        // AddAuthentication would also add Data Protection, whose hosted service builds a key ring at start-up (and
        // loads the XML stack) for cookies and tokens this API never issues: about 10 MiB at start-up for nothing.
        services.AddAuthenticationCore(o => o.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName);
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, DeleteRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ContentRead, p => p.RequireClaim(Scopes.ClaimType, Scopes.ContentRead))
            .AddPolicy(Policies.ContentWrite, p => p.RequireClaim(Scopes.ClaimType, Scopes.ContentWrite))
            .AddPolicy(Policies.Admin, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin))
            .AddPolicy(Policies.MediaWrite, p => p.RequireClaim(Scopes.ClaimType, Scopes.MediaWrite))
            .AddPolicy(Policies.Delete, p => p.AddRequirements(new DeleteRequirement()));
        services.AddApiRateLimits(configuration);
        return services;
    }

    /// <summary>
    /// Rate limits, then the key check, then authorization. A request that presents a bad key is answered 401
    /// whatever it asks for, and counts against its IP's budget of failed attempts.
    /// </summary>
    public static WebApplication UseContentAccess(this WebApplication app)
    {
        app.UseApiRateLimits();
        app.Use(async (context, next) =>
        {
            if (ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null
                && await context.RequestServices.GetRequiredService<FailedAuthenticationLimiter>().MayTryAsync(context) is { Allowed: false } refused)
            {
                await RateLimits.WriteTooManyAsync(context, refused.RetryAfter);
                return;
            }
            await next(context);
        });
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            if (result.Failure is not null)
            {
                await context.RequestServices.GetRequiredService<FailedAuthenticationLimiter>().RecordFailureAsync(context);
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}
