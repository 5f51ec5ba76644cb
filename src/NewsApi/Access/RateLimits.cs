using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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
/// client IP), so an over-limit client is answered without a database lookup.
/// </summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter(
                    (read ? "read:" : "write:") + Caller(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = read ? options.ReadsPerMinute : options.WritesPerMinute,
                        Window = Window,
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = (context, cancellationToken) =>
                WriteTooManyAsync(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : Window);
        });
        return services;
    }

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
public sealed class FailedAuthenticationLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedAuthenticationsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>True while the client may still try keys; takes nothing from its budget.</summary>
    public bool MayTry(HttpContext context, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(ClientOf(context), 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void RecordFailure(HttpContext context)
    {
        using var _ = _limiter.AttemptAcquire(ClientOf(context));
    }

    public void Dispose() => _limiter.Dispose();
}
