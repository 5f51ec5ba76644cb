using System.Net;
using System.Text.Json.Nodes;

namespace NewsApi.Tests.Infrastructure;

/// <summary>Builds the data a test needs through the API itself, with names unique to the test.</summary>
public static class TestData
{
    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<JsonNode> CreateAuthorAsync(this HttpClient client, string? name = null, object? extra = null) =>
        await (await client.PostJsonAsync("/api/v1/authors", Merge(new { name = name ?? Unique("Author") }, extra)))
            .ReadJsonAsync(HttpStatusCode.Created);

    public static async Task<JsonNode> CreateTagAsync(this HttpClient client, string? name = null) =>
        await (await client.PostJsonAsync("/api/v1/tags", new { name = name ?? Unique("Tag") }))
            .ReadJsonAsync(HttpStatusCode.Created);

    public static async Task<JsonNode> CreateSourceAsync(this HttpClient client, string? name = null) =>
        await (await client.PostJsonAsync("/api/v1/sources", new { name = name ?? Unique("Source"), homepageUrl = "https://wire.example.com" }))
            .ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>Creates an article with a fresh author unless <c>authorIds</c> is given in <paramref name="fields"/>.</summary>
    public static async Task<JsonNode> CreateArticleAsync(this HttpClient client, object? fields = null)
    {
        var body = Merge(new { title = Unique("Article"), body = "Some *Markdown*." }, fields);
        if (!body.ContainsKey("authorIds"))
        {
            var author = await client.CreateAuthorAsync();
            body["authorIds"] = new JsonArray(JsonValue.Create((string)author["id"]!));
        }
        return await (await client.PostJsonAsync("/api/v1/articles", body)).ReadJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Creates an article with what publishing needs (excerpt, body) and publishes it, at <paramref name="publishAt"/> if given.</summary>
    public static async Task<JsonNode> CreatePublishedArticleAsync(this HttpClient client, object? fields = null, DateTimeOffset? publishAt = null)
    {
        var article = await client.CreateArticleAsync(Merge(new { excerpt = "An excerpt for the card." }, fields));
        return await client.PublishAsync(article.Id(), publishAt);
    }

    public static async Task<JsonNode> PublishAsync(this HttpClient client, string articleId, DateTimeOffset? publishAt = null)
    {
        var response = publishAt is null
            ? await client.PostAsync($"/api/v1/articles/{articleId}/publish", null)
            : await client.PostJsonAsync($"/api/v1/articles/{articleId}/publish", new { publishAt });
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    public static string Id(this JsonNode node) => (string)node["id"]!;

    public static JsonObject Merge(object baseFields, object? extra)
    {
        var result = System.Text.Json.JsonSerializer.SerializeToNode(baseFields, TestJson.Options)!.AsObject();
        if (extra is not null)
        {
            var more = extra as JsonObject ?? System.Text.Json.JsonSerializer.SerializeToNode(extra, TestJson.Options)!.AsObject();
            foreach (var (key, value) in more)
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }
}
