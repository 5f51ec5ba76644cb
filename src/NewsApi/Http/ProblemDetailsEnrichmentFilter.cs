using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary>
/// Problem details that handlers return as typed results are written straight to the response, past
/// <see cref="IProblemDetailsService"/>; this gives them the same <c>traceId</c> and <c>instance</c> as the rest.
/// </summary>
internal sealed class ProblemDetailsEnrichmentFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is IValueHttpResult { Value: ProblemDetails problem })
        {
            Enrich(problem, context.HttpContext);
        }
        return result;
    }

    public static void Enrich(ProblemDetails problem, HttpContext httpContext)
    {
        problem.Instance ??= $"{httpContext.Request.Method} {httpContext.Request.Path}";
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? httpContext.TraceIdentifier);
    }
}
