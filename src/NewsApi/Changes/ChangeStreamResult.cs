using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Webhooks;

namespace NewsApi.Changes;

/// <summary>
/// The change feed as Server-Sent Events: each item an event whose id is its cursor (so a reconnecting client's
/// Last-Event-ID resumes it), a comment line as heartbeat. Between pages it holds no database connection: it waits
/// for this instance's next commit (<see cref="DispatchSignal"/>) or the poll interval (other instances' commits).
/// </summary>
public sealed class ChangeStreamResult(ChangeCursor? since, HashSet<string> types, bool summary)
    : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";
    private const int PageSize = 100;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<ChangeOptions>>().Value;
        var streams = services.GetRequiredService<ChangeStreams>();
        var signal = services.GetRequiredService<DispatchSignal>();
        var time = services.GetRequiredService<TimeProvider>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            httpContext.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var cancellationToken = stopping.Token;

        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var read = ReadContext.For(httpContext);
        var cursor = since;
        try
        {
            await response.Body.FlushAsync(cancellationToken);
            var lastWrite = time.GetUtcNow();
            while (!cancellationToken.IsCancellationRequested)
            {
                // Taken before the read, so a commit during it wakes the next wait.
                var committed = signal.NextCommit;
                ChangePage page;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
                    page = await ChangeFeed.ReadAsync(db, scope.ServiceProvider.GetRequiredService<IArticleReadPath>(), new ChangeFeed.Request(cursor, types, PageSize, summary,
                        read with { Now = time.GetUtcNow().UtcDateTime }), cancellationToken);
                }
                cursor = ChangeCursor.TryDecode(page.NextCursor, out var next) ? next : cursor;
                if (page.Items.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var item in page.Items)
                    {
                        text.Append("id: ").Append(item.Cursor).Append("\nevent: change\ndata: ")
                            .Append(JsonSerializer.Serialize(item, json)).Append("\n\n");
                    }
                    await response.WriteAsync(text.ToString(), cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    lastWrite = time.GetUtcNow();
                }
                if (page.HasMore)
                {
                    continue;
                }
                var heartbeatDue = lastWrite + options.HeartbeatInterval - time.GetUtcNow();
                var wait = heartbeatDue < options.PollInterval ? heartbeatDue : options.PollInterval;
                if (wait > TimeSpan.Zero)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    await Task.WhenAny(committed, Task.Delay(wait, time, idle.Token));
                    await idle.CancelAsync();
                }
                if (time.GetUtcNow() - lastWrite >= options.HeartbeatInterval)
                {
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    lastWrite = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the server is stopping: the stream simply ends.
        }
        finally
        {
            streams.Leave();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
}
