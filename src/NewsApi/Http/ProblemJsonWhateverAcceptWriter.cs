using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace NewsApi.Http;

/// <summary>
/// The last of the problem writers: the framework's own refuses a caller whose Accept leaves out JSON (an NDJSON
/// export, an image, an event stream), and a 401 or 429 written through it then became a 500 with no body. An error
/// is answered as application/problem+json whatever the request accepted (RFC 9110 §12.1 lets a server do so), with
/// the same customisation as every other problem.
/// </summary>
internal sealed class ProblemJsonWhateverAcceptWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions,
            "application/problem+json", context.HttpContext.RequestAborted));
    }
}
