using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Changes;

/// <summary>Reads the change feed as a consumer would: page after page until it is caught up.</summary>
internal static class ChangeFeedClient
{
    public static async Task<JsonNode> PageAsync(this HttpClient client, string? since, string query = "")
    {
        var url = "/api/v1/changes?limit=1000" + (since is null ? "" : "&since=" + since) + query;
        return await (await client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Every item from <paramref name="since"/> until the feed has no more, and the cursor to poll with next.</summary>
    public static async Task<(List<JsonNode> Items, string Cursor)> ReadToEndAsync(this HttpClient client, string? since, string query = "")
    {
        var items = new List<JsonNode>();
        var cursor = since;
        while (true)
        {
            var page = await client.PageAsync(cursor, query);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string)page["nextCursor"]!;
            if (!(bool)page["hasMore"]!)
            {
                return (items, cursor);
            }
        }
    }

    /// <summary>
    /// Reads on from <paramref name="since"/> until <paramref name="done"/> holds for what was read. On PostgreSQL the
    /// feed holds changes back while any older transaction of the server runs (other test classes' included), so a
    /// change committed a moment ago may come a poll later; a consumer simply polls again.
    /// </summary>
    public static async Task<(List<JsonNode> Items, string Cursor)> ReadUntilAsync(this HttpClient client, string? since, string query,
        Func<List<JsonNode>, bool> done)
    {
        var items = new List<JsonNode>();
        var cursor = since;
        // Bounded by time, not by polls: another class's transaction (an import batch, an outage test) can hold the
        // feed back for seconds on a loaded machine, and 500 quick polls are over sooner than that.
        await NewsApi.Tests.Reliability.LocalServices.WaitUntilAsync(async () =>
        {
            var (more, next) = await client.ReadToEndAsync(cursor, query);
            items.AddRange(more);
            cursor = next;
            return done(items);
        }, TimeSpan.FromSeconds(60), $"the change feed to show what the test waits for after {since}");
        return (items, cursor!);
    }

    /// <summary>The cursor of "now": what a test reads after, to see only its own changes.</summary>
    public static async Task<string> HeadAsync(this HttpClient client) => (await client.ReadToEndAsync(null, "&types=tags")).Cursor;

    public static List<JsonNode> Of(this List<JsonNode> items, string id) => items.Where(i => (string)i["id"]! == id).ToList();
}
