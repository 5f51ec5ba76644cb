using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsApi.Tests.Webhooks;

/// <summary>A request the receiver got: headers as sent, the raw body, and the body parsed.</summary>
public sealed record ReceivedWebhook(string Path, IHeaderDictionary Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public string Type => (string)Json["type"]!;
    public string Id => Headers["webhook-id"].ToString();
    public JsonNode Data => Json["data"]!;
}

/// <summary>
/// A real HTTP receiver on a free loopback port (Kestrel), answering what the test tells it to: the deliveries
/// travel over real sockets through the dispatcher's own HttpClient.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>What to answer; 204 unless the test says otherwise.</summary>
    public Func<ReceivedWebhook, IResult> Answer { get; set; } = _ => Results.NoContent();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => $"{BaseUrl}/hooks";
    public string BaseUrl { get; private set; } = "";
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            var webhook = new ReceivedWebhook(context.Request.Path, headers, body);
            var answer = receiver.Answer(webhook);
            receiver._received.Enqueue(webhook);
            receiver._arrived.Release();
            return answer;
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived, or fails after a deadline.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            var left = until - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"Expected {count} webhook requests, got {_received.Count}.");
            await _arrived.WaitAsync(left);
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
