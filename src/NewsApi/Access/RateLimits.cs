using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsApi.Hosting;

namespace NewsApi.Access;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>GET and HEAD requests a minute, per API key (or per client IP without one).</summary>
    [Range(1, int.MaxValue)]
    public int ReadsPerMinute { get; set; } = 1200;

    /// <summary>Other requests a minute, per API key (or per client IP without one).</summary>
    [Range(1, int.MaxValue)]
    public int WritesPerMinute { get; set; } = 300;

    /// <summary>Requests with a bad key a minute, per client IP: guessing keys stops here.</summary>
    [Range(1, int.MaxValue)]
    public int FailedAuthenticationsPerMinute { get; set; } = 20;
}

/// <summary>
/// Budgets per caller, checked before authentication: the partition is a hash of the key as presented (or the
/// client IP), so an over-limit client is answered without a database lookup. Counted in Redis when it is
/// configured, so every instance spends from one budget (<see cref="RedisRequestBudgets"/>); in memory otherwise.
/// </summary>
public static class RateLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MemoryRequestBudgets>();
        if (services.AddSharedRedis(configuration))
        {
            services.AddSingleton<IRequestBudgets, RedisRequestBudgets>();
        }
        else
        {
            services.AddSingleton<IRequestBudgets>(sp => sp.GetRequiredService<MemoryRequestBudgets>());
        }
        services.AddSingleton<FailedAuthenticationLimiter>();
        return services;
    }

    /// <summary>Spends one request of the caller's read or write budget; over it, the answer is 429 with Retry-After.</summary>
    public static IApplicationBuilder UseApiRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        var answer = await context.RequestServices.GetRequiredService<IRequestBudgets>().TakeAsync(
            (read ? "read:" : "write:") + Caller(context), read ? options.ReadsPerMinute : options.WritesPerMinute, spend: true, context.RequestAborted);
        if (!answer.Allowed)
        {
            await WriteTooManyAsync(context, answer.RetryAfter);
            return;
        }
        await next(context);
    });

    /// <summary>Who a request counts against: the key it presents (hashed, never stored), else its IP.</summary>
    public static string Caller(HttpContext context) =>
        ApiKeyAuthenticationHandler.PresentedKey(context.Request) is { } key
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 12)
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static async ValueTask WriteTooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client is over its request budget. Retry after {seconds} second(s).",
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
            },
        });
    }
}

/// <summary>Counts requests with bad keys per client IP; over budget, even the key check is skipped.</summary>
public sealed class FailedAuthenticationLimiter(IRequestBudgets budgets, IOptions<RateLimitOptions> options)
{
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whether the client may still try keys (and if not, when it may again); takes nothing from its budget.</summary>
    public ValueTask<BudgetAnswer> MayTryAsync(HttpContext context) =>
        budgets.TakeAsync("failed:" + ClientOf(context), options.Value.FailedAuthenticationsPerMinute, spend: false, context.RequestAborted);

    public async ValueTask RecordFailureAsync(HttpContext context) =>
        await budgets.TakeAsync("failed:" + ClientOf(context), options.Value.FailedAuthenticationsPerMinute, spend: true, context.RequestAborted);
}
