using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace NewsApi.Tests.Observability;

/// <summary>
/// Keeps every span that ends, like the in-memory exporter, and lets a test wait for a request's server span: the
/// host ends it after the response has reached the client, so reading at once would race it.
/// </summary>
public sealed class SpanRecorder : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ConcurrentDictionary<ActivityTraceId, TaskCompletionSource> _servers = new();

    public IReadOnlyList<Activity> Ended => [.. _ended];

    public override void OnEnd(Activity data)
    {
        _ended.Enqueue(data);
        if (data.Kind == ActivityKind.Server)
        {
            Server(data.TraceId).TrySetResult();
        }
    }

    /// <summary>Every span of the trace, once its server span has ended.</summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(ActivityTraceId traceId, CancellationToken cancellationToken)
    {
        await Server(traceId).Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return [.. _ended.Where(a => a.TraceId == traceId)];
    }

    private TaskCompletionSource Server(ActivityTraceId traceId) =>
        _servers.GetOrAdd(traceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
