using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary>
/// Handlers return problems as typed results (<c>NotFound&lt;ProblemDetails&gt;</c>) so the OpenAPI document lists
/// them; those would be written as plain JSON. This sends them as <c>application/problem+json</c> with the same
/// <c>traceId</c> and <c>instance</c> as every other problem.
/// </summary>
internal sealed class ProblemDetailsEnrichmentFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        if (result is PreconditionProblem precondition)
        {
            // Writes itself as a problem, with the ETag header a 412 must carry.
            Enrich(precondition.Value, context.HttpContext);
            return precondition;
        }
        if (result is IValueHttpResult { Value: ProblemDetails problem } and IStatusCodeHttpResult { StatusCode: { } status })
        {
            problem.Status ??= status;
            Enrich(problem, context.HttpContext);
            return problem is HttpValidationProblemDetails validation
                ? TypedResults.ValidationProblem(validation.Errors, validation.Detail, validation.Instance, validation.Title,
                    validation.Type, validation.Extensions)
                : TypedResults.Problem(problem);
        }
        return result;
    }

    public static void Enrich(ProblemDetails problem, HttpContext httpContext)
    {
        problem.Instance ??= $"{httpContext.Request.Method} {httpContext.Request.Path}";
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? httpContext.TraceIdentifier);
    }
}
