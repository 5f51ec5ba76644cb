using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>One request of the load and how it ended.</summary>
public sealed record Outcome(string Kind, TimeSpan StartedAt, TimeSpan Took, int Status, string? ContentType, string? RetryAfter, string? Error)
{
    public override string ToString() => $"{Kind} at {StartedAt.TotalSeconds:0.00} s: {Status} in {Took.TotalMilliseconds:0} ms {ContentType} {Error}";
}

/// <summary>
/// Writers create tags and keep the ids they were given; readers read them back and list them; every request's
/// answer and duration is kept, on one clock, for the test to judge.
/// </summary>
public sealed class OutageLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];

    private OutageLoad(HttpClient client, int writers, int readers)
    {
        for (var i = 0; i < writers; i++)
        {
            _workers.Add(Task.Run(() => WriteAsync(client)));
        }
        for (var i = 0; i < readers; i++)
        {
            _workers.Add(Task.Run(() => ReadAsync(client)));
        }
    }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public ConcurrentQueue<string> Acknowledged { get; } = new();

    public ConcurrentQueue<Outcome> Outcomes { get; } = new();

    public static OutageLoad Start(HttpClient client, int writers, int readers) => new(client, writers, readers);

    public IEnumerable<Outcome> Since(TimeSpan at) => Outcomes.Where(o => o.StartedAt >= at);

    private async Task WriteAsync(HttpClient client)
    {
        while (!_stop.IsCancellationRequested)
        {
            var outcome = await SendAsync("write", () => client.PostAsJsonAsync("/api/v1/tags", new { name = TestData.Unique("Outage") }));
            if (outcome.Status == (int)HttpStatusCode.Created && outcome.Body is not null)
            {
                Acknowledged.Enqueue((string)JsonNode.Parse(outcome.Body)!["id"]!);
            }
        }
    }

    private async Task ReadAsync(HttpClient client)
    {
        var turn = 0;
        while (!_stop.IsCancellationRequested)
        {
            var id = Acknowledged.Skip(turn++ % Math.Max(1, Acknowledged.Count)).FirstOrDefault();
            await SendAsync("read", () => client.GetAsync(id is null || turn % 2 == 0 ? "/api/v1/tags?pageSize=5" : $"/api/v1/tags/{id}"));
            await Task.Delay(5); // load, not a flood: the machine also runs the database
        }
    }

    private async Task<(int Status, string? Body)> SendAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        var started = Clock.Elapsed;
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Outcomes.Enqueue(new Outcome(kind, started, Clock.Elapsed - started, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString(), null));
            return ((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            Outcomes.Enqueue(new Outcome(kind, started, Clock.Elapsed - started, 0, null, null, e.GetType().Name + ": " + e.Message));
            if (_stop.IsCancellationRequested)
            {
                return (0, null);
            }
            await Task.Delay(20);
            return (0, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }
}
