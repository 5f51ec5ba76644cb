using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Http;

public sealed class EditingOptions
{
    public const string Section = "Editing";

    /// <summary>PUT and PATCH without If-Match are refused (428): a lost update is worse than one more header.</summary>
    public bool RequireIfMatch { get; set; } = true;

    /// <summary>How many revisions each article keeps; the oldest go first.</summary>
    [Range(1, 10_000)]
    public int RevisionsToKeep { get; set; } = 50;
}

/// <summary>
/// A refused precondition: 412 when If-Match names a version that is no longer current (the problem carries the
/// current ETag), 428 when a required If-Match is missing. Declares 412 for the OpenAPI document, and 428 where
/// the handler is marked <see cref="RequiresIfMatchAttribute"/>.
/// </summary>
public sealed class PreconditionProblem : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult, IEndpointMetadataProvider
{
    private PreconditionProblem(ProblemDetails problem, string? currentETag)
    {
        Value = problem;
        CurrentETag = currentETag;
    }

    public ProblemDetails Value { get; }

    public string? CurrentETag { get; }

    public int StatusCode => Value.Status!.Value;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    public static PreconditionProblem Failed(string currentETag)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "The resource has changed",
            Detail = "If-Match names a version that is no longer current: someone else changed it since you read it. "
                     + "Read it again (the current ETag is given), reapply your change and send it with that ETag.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        };
        problem.Extensions["currentETag"] = currentETag;
        return new PreconditionProblem(problem, currentETag);
    }

    public static PreconditionProblem Required() => new(new ProblemDetails
    {
        Status = StatusCodes.Status428PreconditionRequired,
        Title = "If-Match required",
        Detail = "Send the ETag of the version you changed in an If-Match header: GET the resource, take its ETag "
                 + "response header, and send it back as If-Match, so that a concurrent edit is never overwritten.",
        Type = "https://tools.ietf.org/html/rfc6585#section-3",
    }, null);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (CurrentETag is not null)
        {
            httpContext.Response.Headers.ETag = CurrentETag;
        }
        return TypedResults.Problem(Value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), ["application/problem+json"]));
        if (method.GetCustomAttribute<RequiresIfMatchAttribute>() is not null)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status428PreconditionRequired, typeof(ProblemDetails), ["application/problem+json"]));
        }
    }
}

/// <summary>Marks a handler that refuses (428) a write without If-Match, unless Editing:RequireIfMatch is off.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresIfMatchAttribute : Attribute
{
}

public static class Preconditions
{
    public const string IfMatchHeader = "If-Match";

    /// <summary>
    /// Checks If-Match (strong comparison, RFC 9110 §13.1.1) against the representation the caller would read now.
    /// Null means go ahead. <paramref name="required"/>: PUT and PATCH need the header unless configured off.
    /// </summary>
    public static PreconditionProblem? Check(HttpContext httpContext, string? ifMatch, object current, bool required)
    {
        var currentTag = CurrentETag(httpContext, current);
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            var enforced = required && httpContext.RequestServices.GetRequiredService<IOptions<EditingOptions>>().Value.RequireIfMatch;
            return enforced ? PreconditionProblem.Required() : null;
        }
        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags))
        {
            return PreconditionProblem.Failed(currentTag.ToString());
        }
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(currentTag, useStrongComparison: true))
            ? null
            : PreconditionProblem.Failed(currentTag.ToString());
    }

    public static EntityTagHeaderValue CurrentETag(HttpContext httpContext, object current) =>
        ETags.Of(current, JsonOptions(httpContext));

    private static JsonSerializerOptions JsonOptions(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
}
