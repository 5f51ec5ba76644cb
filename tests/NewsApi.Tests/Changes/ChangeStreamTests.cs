using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Changes;

public sealed class ChangeStreamOnSqlite(SqliteApi api) : ChangeStreamTests(api), IClassFixture<SqliteApi>;

public sealed class ChangeStreamOnPostgres(PostgresApi api) : ChangeStreamTests(api), IClassFixture<PostgresApi>;

/// <summary>The change feed as Server-Sent Events: live items, resuming with Last-Event-ID, heartbeats.</summary>
public abstract class ChangeStreamTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ACommittedChangeArrivesAsAnEventWhoseIdResumesTheStream()
    {
        var head = await Editor.HeadAsync();
        using var first = await OpenAsync($"/api/v1/changes/stream?types=tags&since={head}");
        Assert.Equal("text/event-stream", first.Response.Content.Headers.ContentType?.MediaType);

        var tag = await Editor.CreateTagAsync();
        var (id, item) = await first.NextEventAsync(Api.Clock);
        Assert.Equal(tag.Id(), (string)item["id"]!);
        Assert.Equal("upsert", (string)item["op"]!);
        Assert.Equal(id, (string)item["cursor"]!);

        var second = await Editor.CreateTagAsync();
        using var resumed = await OpenAsync("/api/v1/changes/stream?types=tags", lastEventId: id);
        var (_, next) = await resumed.NextEventAsync(Api.Clock);
        Assert.Equal(second.Id(), (string)next["id"]!);
    }

    [Fact]
    public async Task AnIdleStreamSendsHeartbeats()
    {
        var head = await Editor.HeadAsync();
        using var stream = await OpenAsync($"/api/v1/changes/stream?types=tags&since={head}");

        var line = stream.Reader.ReadLineAsync(Cancel).AsTask();
        // The stream waits on the injected clock: move it on until the heartbeat comes.
        while (!line.IsCompleted)
        {
            Api.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(line, Task.Delay(20, Cancel));
        }

        Assert.Equal(": heartbeat", await line);
    }

    [Fact]
    public async Task ABadLastEventIdIsRefusedByName()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes/stream");
        request.Headers.Add("Last-Event-ID", "nonsense");

        await (await Editor.SendAsync(request, Cancel)).ReadValidationErrorAsync("Last-Event-ID");
    }

    private async Task<EventStream> OpenAsync(string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await Editor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(Cancel)));
    }
}

internal sealed record EventStream(HttpResponseMessage Response, StreamReader Reader) : IDisposable
{
    /// <summary>
    /// The next event's id and data, skipping comments. The stream wakes on this instance's commits, and polls on the
    /// injected clock for what it could not serve yet (on PostgreSQL, while an older transaction of the server runs):
    /// the clock is moved on while the test waits.
    /// </summary>
    public async Task<(string Id, JsonNode Data)> NextEventAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        string? id = null;
        while (await LineAsync(clock) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (id!, JsonNode.Parse(line[6..])!);
            }
        }
        throw new EndOfStreamException("The stream ended.");
    }

    private async Task<string?> LineAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var line = Reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();
        while (!line.IsCompleted)
        {
            await Task.WhenAny(line, Task.Delay(20, TestContext.Current.CancellationToken));
            if (!line.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        return await line;
    }

    public void Dispose()
    {
        Reader.Dispose();
        Response.Dispose();
    }
}

public sealed class ChangeStreamCapOnSqlite(ChangeStreamCapApi api) : ApiTest(api), IClassFixture<ChangeStreamCapApi>
{
    [Fact]
    public async Task AStreamBeyondTheCapIsRefusedWithRetryAfter()
    {
        using var open = await Editor.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes/stream?types=tags"),
            HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        var refused = await Editor.GetAsync("/api/v1/changes/stream?types=tags", Cancel);

        await refused.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}

public sealed class ChangeStreamCapApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Changes:MaxStreams"] = "1" };
}
