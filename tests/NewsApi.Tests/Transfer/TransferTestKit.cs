using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Transfer;

namespace NewsApi.Tests.Transfer;

/// <summary>Exports, imports and waits for import jobs the way a client would.</summary>
public static class TransferTestKit
{
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Transfer", "Samples", name);

    public static async Task<string> ExportAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/export{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(TransferJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    public static IReadOnlyList<JsonNode> Lines(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

    /// <summary>Posts a file to the import and waits for its job to finish; returns the job as reported.</summary>
    public static async Task<JsonNode> ImportAsync(this NewsApiFactory api, HttpClient client, string content, string mediaType, string mode = "create")
    {
        var body = new StringContent(content, Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var response = await client.PostAsync($"/api/v1/import?mode={mode}", body);
        var accepted = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/api/v1/imports/{accepted.Id()}", location);
        await api.Services.GetRequiredService<ImportWorker>().WhenFinishedAsync(Guid.Parse(accepted.Id()), TestContext.Current.CancellationToken);
        return await (await client.GetAsync(location)).ReadJsonAsync(HttpStatusCode.OK);
    }

    public static long Count(this JsonNode job, string name) => (long)job[name]!;
}
