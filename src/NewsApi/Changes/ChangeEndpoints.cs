using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Changes;

/// <summary>The change feed: what changed since a cursor, as pages or as a live event stream.</summary>
public static class ChangeEndpoints
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("changes", "Changes")
            .WithMetadata(new NeverCachedAttribute(), new WithoutEntityTagAttribute("private, no-store: a change feed page is read once."));
        group.MapGet("/", ListChanges).WithName("listChanges")
            .WithSummary("What changed since a cursor")
            .WithDescription("Without since: a snapshot of every resource the caller may see, then every later change. "
                             + "Each item is an upsert (the resource as GET by id answers it now) or a delete (a tombstone, "
                             + "data null). Anonymous callers see public content only: an article unpublished, archived, "
                             + "trashed or deleted is a delete to them, and a scheduled one an upsert at its publication. "
                             + "Pass nextCursor as since to continue; an empty page keeps its cursor for the next poll.");
        group.MapGet("/stream", GetChangeStream).WithName("getChangeStream")
            .WithSummary("The change feed as Server-Sent Events")
            .WithDescription("The same items as GET /api/v1/changes, one event each (event: change, id: its cursor, data: "
                             + "the item as JSON), live, with a comment line as heartbeat. Reconnect with Last-Event-ID "
                             + "(or since) to resume. The number of open streams per instance is capped: 503 with "
                             + "Retry-After beyond it.");
        return app;
    }

    public static async Task<Results<Ok<ChangePage>, ValidationProblem, ChangeProblem>> ListChanges(
        [AsParameters] ChangeFeedQuery query, HttpContext httpContext, NewsDbContext db, IArticleReadPath reads, IOptions<ChangeOptions> options,
        CancellationToken cancellationToken)
    {
        var since = query.Since is null ? null : Decode(query.Since);
        var read = ReadContext.For(httpContext);
        if (Expired(since, read, options.Value))
        {
            return ChangeProblem.Expired(options.Value.RetentionDays);
        }
        var page = await ChangeFeed.ReadAsync(db, reads, new ChangeFeed.Request(since, ChangeTypes.Parse(query.Types)!, query.Limit, query.Summary, read),
            cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <param name="query">Where to start, which types, which shape.</param>
    public static Results<ChangeStreamResult, ValidationProblem, ChangeProblem> GetChangeStream(
        [AsParameters] ChangeStreamQuery query, HttpContext httpContext, ChangeStreams streams, IOptions<ChangeOptions> options)
    {
        // Sent by EventSource itself on reconnection, not by the caller: read here rather than bound as a parameter.
        string? lastEventId = httpContext.Request.Headers["Last-Event-ID"];
        ChangeCursor? since = null;
        if (!string.IsNullOrEmpty(lastEventId))
        {
            if (!ChangeCursor.TryDecode(lastEventId, out var resumed))
            {
                return TypedResults.ValidationProblem(Problems.Error("Last-Event-ID",
                    "'Last-Event-ID' is not an event id this stream sent; start again without it."));
            }
            since = resumed;
        }
        else if (query.Since is not null)
        {
            since = Decode(query.Since);
        }
        if (Expired(since, ReadContext.For(httpContext), options.Value))
        {
            return ChangeProblem.Expired(options.Value.RetentionDays);
        }
        if (!streams.TryEnter(options.Value.MaxStreams))
        {
            var retryAfter = (int)Math.Ceiling(options.Value.PollInterval.TotalSeconds);
            // Set here: the shared problem filter rewrites the result it returns.
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ChangeProblem.TooManyStreams(retryAfter);
        }
        return new ChangeStreamResult(since, ChangeTypes.Parse(query.Types)!, query.Summary);
    }

    // The validator has already refused a cursor that does not decode.
    private static ChangeCursor Decode(string since) =>
        ChangeCursor.TryDecode(since, out var cursor) ? cursor : throw new InvalidOperationException("An undecodable cursor passed validation.");

    /// <summary>Whether changes after the cursor may have been purged.</summary>
    private static bool Expired(ChangeCursor? since, ReadContext read, ChangeOptions options) =>
        since is not null && since.AtUtc < read.Now - TimeSpan.FromDays(options.RetentionDays);
}
