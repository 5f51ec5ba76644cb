using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary>RFC 9457 problem details for the answers handlers give themselves.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string resource, string detail) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"{resource} not found",
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    };

    public static ProblemDetails Conflict(string title, string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = title,
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
    };

    public static ProblemDetails SlugTaken(string resource, string slug) =>
        Conflict("Slug already taken", $"Another {resource} already has the slug '{slug}'.");

    public static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
