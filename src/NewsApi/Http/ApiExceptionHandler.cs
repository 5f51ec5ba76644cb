using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace NewsApi.Http;

/// <summary>
/// The one place exceptions become answers: every one is an RFC 9457 problem, client mistakes say what was wrong,
/// and anything unexpected is a 500 with a trace id and nothing internal.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; there is nobody to answer
        }

        if (exception.IsDatabaseUnavailable())
        {
            return await DatabaseUnavailableAsync(httpContext, exception);
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            JsonException json => FromJson(json),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Concurrent change",
                "The resource was changed by another request while this one ran. Read it again and retry."),
            DbUpdateException db when db.IsUniqueViolation() => Problem(StatusCodes.Status409Conflict, "Conflict",
                "The change conflicts with an existing resource (a slug or link already in use)."),
            DbUpdateException db when db.IsForeignKeyViolation() => Problem(StatusCodes.Status409Conflict, "Conflict",
                "The change refers to a resource that no longer exists, or removes one that is still referenced."),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Internal server error",
                "An unexpected error occurred. Quote the traceId when reporting it.");
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Detail}", problem.Status, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The database is down or locked: 503 with a hint when to retry, never a 500 and never a hang.</summary>
    private async ValueTask<bool> DatabaseUnavailableAsync(HttpContext httpContext, Exception exception)
    {
        // One line without the stack: during an outage every request ends here, and the cause is the same.
        logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", httpContext.Request.Method, httpContext.Request.Path,
            exception.GetBaseException().Message);
        DatabaseErrors.DropIdleConnections(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "The database cannot be reached at the moment. Retry after the number of seconds in Retry-After."),
            Exception = exception,
        });
    }

    private const string RetryAfterSeconds = "2";

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        switch (exception.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return Problem(exception.StatusCode, "Unsupported media type", exception.Message);
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(exception.StatusCode, "Request body too large", exception.Message);
            case StatusCodes.Status408RequestTimeout:
                return Problem(exception.StatusCode, "Request body too slow", exception.Message);
        }

        var bind = FailedBind().Match(exception.Message);
        if (bind.Success)
        {
            var (type, value) = (bind.Groups["type"].Value, bind.Groups["value"].Value);
            var name = JsonNamingPolicy.CamelCase.ConvertName(bind.Groups["name"].Value);
            return Validation(name, $"'{name}' must be a valid {FriendlyType(type)}; '{value}' is not.");
        }

        var missing = MissingParameter().Match(exception.Message);
        if (missing.Success)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(missing.Groups["name"].Value);
            return Validation(name, $"The {name} parameter is required.");
        }

        // Every 400 is a validation problem with errors, as the document says; "$" names the body as a whole.
        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return Validation("$", "The request body is missing or is not valid JSON.");
        }
        return exception.StatusCode == StatusCodes.Status400BadRequest
            ? Validation("$", exception.Message)
            : Problem(exception.StatusCode, "Bad request", exception.Message);
    }

    private static ProblemDetails FromJson(JsonException exception)
    {
        var path = JsonPath.ToFieldPath(exception.Path);
        var message = exception.Message;

        var unmapped = UnmappedMember().Match(message);
        if (unmapped.Success)
        {
            var member = unmapped.Groups["member"].Value;
            var field = path.Length == 0 ? member
                : path == member || path.EndsWith("." + member, StringComparison.Ordinal) ? path
                : $"{path}.{member}";
            return Validation(field, $"'{member}' is not a field of this resource, or it cannot be written.");
        }

        if (message.StartsWith(NulFreeStringConverter.Message, StringComparison.Ordinal))
        {
            return Validation(Field(path), NulFreeStringConverter.Message);
        }

        var converted = ConversionFailure().Match(message);
        if (converted.Success)
        {
            return Validation(Field(path), $"The value is not a valid {FriendlyType(converted.Groups["type"].Value)}.");
        }

        var nullValue = NullNotAllowed().Match(message);
        if (nullValue.Success)
        {
            var member = nullValue.Groups["member"].Value;
            return Validation(path.Length == 0 ? member : path, "The value must not be null.");
        }

        return Validation(Field(path), "The request body is not valid JSON: " + StripInternals(message));
    }

    private static string Field(string path) => path.Length == 0 ? "$" : path;

    /// <summary>JSON reader messages end with position details and name no .NET types; keep only the first sentence.</summary>
    private static string StripInternals(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string FriendlyType(string clrType)
    {
        if (clrType.Contains("`1[", StringComparison.Ordinal) && !clrType.StartsWith("System.Nullable", StringComparison.Ordinal)
            || clrType.EndsWith("[]", StringComparison.Ordinal))
        {
            return "array";
        }
        var inner = Regex.Match(clrType, @"^System\.Nullable`1\[\[?(?<t>[\w.]+)");
        var name = (inner.Success ? inner.Groups["t"].Value : clrType).Split('.', '+')[^1];
        return name switch
        {
            "Guid" => "uuid",
            "DateTime" or "DateTimeOffset" => "date-time (ISO 8601)",
            "DateOnly" => "date (yyyy-mm-dd)",
            "Int32" or "Int64" or "Int16" or "Byte" or "int" or "long" => "integer",
            "Boolean" or "bool" => "boolean (true or false)",
            "String" or "string" => "string",
            "Double" or "Decimal" or "Single" => "number",
            "ArticleStatus" => "status (draft, scheduled, published or archived)",
            _ => "value of the expected type",
        };
    }

    private static ProblemDetails Validation(string field, string message) => new HttpValidationProblemDetails(
        Problems.Error(field, message))
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more validation errors occurred.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedBind();

    [GeneratedRegex("""Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("The JSON property '(?<member>[^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"could not be converted to (?<type>[^\s.]+(?:\.[^\s.]+)*)\.")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("property or field '(?<member>[^']+)' .*doesn't allow (?:setting|getting) null values")]
    private static partial Regex NullNotAllowed();
}
