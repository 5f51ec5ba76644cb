
namespace NewsApi.Http;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Problem details for everything, including the bare answers routing gives on its own (404 for an unknown
    /// path, 405 for a wrong method, 415 for a wrong Content-Type), which get a detail that says what to do.
    /// </summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services) => services
        .AddExceptionHandler<ApiExceptionHandler>()
        .AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Instance ??= $"{http.Request.Method} {http.Request.Path}";
            problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier);
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"Nothing is found at {http.Request.Path}. The OpenAPI document at /swagger/v1/swagger.json lists every path.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
                StatusCodes.Status415UnsupportedMediaType => HttpMethods.IsPatch(http.Request.Method)
                    ? $"PATCH takes a JSON Merge Patch document with Content-Type {MergePatch.ContentType}, not '{http.Request.ContentType ?? "(none)"}'."
                    : $"This operation takes a JSON body with Content-Type application/json, not '{http.Request.ContentType ?? "(none)"}'.",
                _ => null,
            };
            // A form that cannot be read (a broken multipart body) is refused by the framework's form binding with a
            // bare 400; like every 400 of the API it names what was wrong under errors, "$" being the body.
            if (problem is not HttpValidationProblemDetails && problem.Status == StatusCodes.Status400BadRequest && problem.Detail is null
                && !problem.Extensions.ContainsKey("errors"))
            {
                var message = http.Request.HasFormContentType
                    ? "The request body is not a valid multipart/form-data form: every part needs its headers and the form must end with its closing boundary."
                    : "The request could not be read.";
                problem.Detail = message;
                problem.Extensions["errors"] = new Dictionary<string, string[]> { ["$"] = [message] };
            }
        })
        // After AddProblemDetails, so the framework's writer is asked first and this one only when it declines.
        .AddSingleton<IProblemDetailsWriter, ProblemJsonWhateverAcceptWriter>();
}
