using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using NewsApi.Http;

namespace NewsApi.Data.Replica;

/// <summary>
/// The one rule that sends a request's reads to the replica or the primary, applied once per request after the
/// caller is known and the output cache has missed (a cached answer needs no database). The replica serves a GET or
/// HEAD that is not conditional, from a caller who has not written in the last <c>Database:ReadYourWritesSeconds</c>,
/// when nobody has written for as long as the replica may lag (<see cref="RecentWriters"/>), while the replica is
/// within <c>Database:MaxReplicaLagSeconds</c>. Everything else uses the primary: writes and every read inside them,
/// conditional requests (their validators must be compared with the current row, or an If-Match would judge a stale
/// version), a key's reads just after its own write, and the reads that refill the cache just after a write. A read the replica fails under (it went away mid-request) is marked down and run again on the primary
/// when nothing has been sent yet.
/// </summary>
public static class ReadRouting
{
    private static readonly string[] ConditionalHeaders =
    [
        HeaderNames.IfMatch, HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfUnmodifiedSince, HeaderNames.IfRange,
    ];

    public static WebApplication UseReadReplica(this WebApplication app)
    {
        if (app.Services.GetService<ReadReplica>() is null)
        {
            return app;
        }
        var health = app.Services.GetRequiredService<ReplicaHealth>();
        var writers = app.Services.GetRequiredService<RecentWriters>();
        var replica = app.Services.GetRequiredService<ReadReplica>();
        app.Use(async (context, next) =>
        {
            var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                // Before the answer leaves: the caller's next request must already find the write recorded.
                context.Response.OnStarting(async () =>
                {
                    await writers.SavedAsync();
                    if (key is not null)
                    {
                        await writers.WroteAsync(key);
                    }
                });
                await next(context);
                return;
            }
            // Readiness is about the primary: an instance that cannot write is not ready, whatever the replica says.
            if (!health.Available || context.Request.Path.StartsWithSegments("/health") || IsConditional(context.Request)
                || await writers.MustReadPrimaryAsync(key))
            {
                await next(context);
                return;
            }

            var route = new DatabaseRoute { UseReplica = true };
            DatabaseRoute.Current = route;
            try
            {
                await next(context);
            }
            catch (Exception e) when (route.OpenedOnReplica && e.IsDatabaseUnavailable()
                                      && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                health.Down(e);
                replica.DropIdleConnections();
                route.UseReplica = false;
                context.Response.Clear();
                await next(context);
            }
            finally
            {
                DatabaseRoute.Current = null;
            }
        });
        return app;
    }

    private static bool IsConditional(HttpRequest request)
    {
        foreach (var header in ConditionalHeaders)
        {
            if (request.Headers.ContainsKey(header))
            {
                return true;
            }
        }
        return false;
    }
}
