using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsApi.Tests.Infrastructure;

public static class HttpAssertions
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and a trace id, and returns it.</summary>
    public static async Task<JsonNode> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]), "problem details carry a traceId");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack trace
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="field"/>, and returns that field's messages.</summary>
    public static async Task<string[]> ReadValidationErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        Assert.NotNull(errors);
        Assert.True(errors.ContainsKey(field), $"Expected an error for '{field}', got: {errors.ToJsonString()}");
        return errors[field]!.AsArray().Select(m => (string)m!).ToArray();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestJson.Options);

    /// <summary>Send no If-Match at all (to test the 428).</summary>
    public const string NoIfMatch = "";

    /// <summary>
    /// PUT with If-Match: the ETag given, or (when null) the current one, read with a GET first, as an editor
    /// script would.
    /// </summary>
    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: TestJson.Options) };
        await AddIfMatchAsync(client, request, url, ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task AddIfMatchAsync(HttpClient client, HttpRequestMessage request, string url, string? ifMatch)
    {
        ifMatch ??= (await client.GetAsync(url)).Headers.ETag?.ToString();
        if (!string.IsNullOrEmpty(ifMatch))
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json, string mediaType = "application/json") =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, mediaType));

    public static async Task<HttpResponseMessage> PatchAsync(
        this HttpClient client, string url, object patch, string mediaType = "application/merge-patch+json", string? ifMatch = null)
    {
        var content = new StringContent(patch as string ?? JsonSerializer.Serialize(patch, TestJson.Options), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = content };
        await AddIfMatchAsync(client, request, url, ifMatch);
        return await client.SendAsync(request);
    }
}

public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
