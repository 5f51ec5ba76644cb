
namespace NewsApi.Http;

/// <summary>RFC 8288 <c>Link</c> headers for paged lists, keeping every other query parameter as it was.</summary>
public static class LinkHeader
{
    public static void AddOffsetLinks(HttpResponse response, int page, int totalPages)
    {
        var last = Math.Max(1, totalPages);
        var links = new List<string> { Link(response.HttpContext.Request, "first", ("page", "1"), ("cursor", null)) };
        if (page > 1)
        {
            links.Add(Link(response.HttpContext.Request, "prev", ("page", Math.Min(page - 1, last).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", null)));
        }
        if (page < last)
        {
            links.Add(Link(response.HttpContext.Request, "next", ("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", null)));
        }
        links.Add(Link(response.HttpContext.Request, "last", ("page", last.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", null)));
        response.Headers.Append("Link", string.Join(", ", links));
    }

    public static void AddCursorLink(HttpResponse response, string? nextCursor)
    {
        if (nextCursor is not null)
        {
            response.Headers.Append("Link", Link(response.HttpContext.Request, "next", ("cursor", nextCursor), ("page", null)));
        }
    }

    private static string Link(HttpRequest request, string rel, params (string Name, string? Value)[] changes)
    {
        var query = request.Query
            .Where(q => !changes.Any(c => string.Equals(c.Name, q.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Concat(changes.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string?>(c.Name, c.Value)));
        var url = request.PathBase + request.Path + QueryString.Create(query);
        return $"<{url}>; rel=\"{rel}\"";
    }
}
