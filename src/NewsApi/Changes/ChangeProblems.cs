using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Changes;

/// <summary>
/// The change feed's own refusals, declared for the OpenAPI document: 410 when the cursor is older than what is kept,
/// 503 with Retry-After when an instance holds as many streams as it may.
/// </summary>
public sealed class ChangeProblem : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult, IEndpointMetadataProvider
{
    private ChangeProblem(ProblemDetails problem, int? retryAfterSeconds)
    {
        Value = problem;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public ProblemDetails Value { get; }

    public int? RetryAfterSeconds { get; }

    int? IStatusCodeHttpResult.StatusCode => Value.Status;

    object? IValueHttpResult.Value => Value;

    public static ChangeProblem Expired(int retentionDays) => new(new ProblemDetails
    {
        Status = StatusCodes.Status410Gone,
        Title = "Cursor expired",
        Detail = $"Changes are kept {retentionDays} days and some after this cursor are gone. Start again without "
                 + "'since' (or Last-Event-ID): the feed begins with a snapshot of everything, then every later change.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.11",
    }, null);

    public static ChangeProblem TooManyStreams(int retryAfterSeconds) => new(new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Too many open streams",
        Detail = "This instance holds as many change streams as it may. Try again after Retry-After seconds, or poll GET /api/v1/changes.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    }, retryAfterSeconds);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(Value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status410Gone, typeof(ProblemDetails), ["application/problem+json"]));
        if (method.Name.Contains("Stream", StringComparison.Ordinal))
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), ["application/problem+json"]));
        }
    }
}
