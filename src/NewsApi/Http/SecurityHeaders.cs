namespace NewsApi.Http;

/// <summary>
/// Headers every answer carries. The API's JSON never needs to load anything, so its policy forbids everything;
/// Swagger UI gets a policy that lets its own scripts, styles and images run and nothing from elsewhere.
/// </summary>
public static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerUiPolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
