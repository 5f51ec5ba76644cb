
namespace NewsApi.Http;

/// <summary>RFC 8288 <c>Link</c> headers for paged lists, keeping every other query parameter as it was.</summary>
public static class LinkHeader
{
    /// <param name="response">The response to add the header to.</param>
    /// <param name="page">The page answered.</param>
    /// <param name="totalPages">How many pages the list has.</param>
    /// <param name="maxPage">The deepest page offset paging serves: beyond it, <c>next</c> continues by cursor and
    /// there is no <c>last</c>.</param>
    /// <param name="nextCursor">Where the next page starts, for a <c>next</c> link past <paramref name="maxPage"/>.</param>
    public static void AddOffsetLinks(HttpResponse response, int page, int totalPages, int maxPage = int.MaxValue, string? nextCursor = null)
    {
        var request = response.HttpContext.Request;
        var last = Math.Max(1, totalPages);
        var links = new List<string> { Link(request, "first", ("page", "1"), ("cursor", null)) };
        if (page > 1)
        {
            links.Add(Link(request, "prev", ("page", Number(Math.Min(page - 1, Math.Min(last, maxPage)))), ("cursor", null)));
        }
        if (page < last && page < maxPage)
        {
            links.Add(Link(request, "next", ("page", Number(page + 1)), ("cursor", null)));
        }
        else if (page < last && nextCursor is not null)
        {
            links.Add(Link(request, "next", ("cursor", nextCursor), ("page", null)));
        }
        if (last <= maxPage)
        {
            links.Add(Link(request, "last", ("page", Number(last)), ("cursor", null)));
        }
        response.Headers.Append("Link", string.Join(", ", links));
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
