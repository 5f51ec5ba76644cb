using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace NewsApi.Http;

/// <summary>
/// On SIGTERM Kestrel wakes every connection with a cancelled read so that none waits for another request; a request
/// whose body was still arriving then saw that cancelled read as its own and failed (a 500 on the POST in flight,
/// where the drain should have let it finish). The request's body reader here reads on after a cancellation it did
/// not ask for, so the body arrives whole, within Kestrel's usual limits on size and rate.
/// </summary>
public static class ShutdownTolerantBody
{
    public static IApplicationBuilder UseShutdownTolerantBody(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var reader = new BodyReader(context.Request.BodyReader);
            context.Features.Set<IRequestBodyPipeFeature>(reader);
            context.Request.Body = reader.AsStream();
        }
        return next(context);
    });

    private sealed class BodyReader(PipeReader inner) : PipeReader, IRequestBodyPipeFeature
    {
        private int _cancelledByCaller;

        public PipeReader Reader => this;

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var result = await inner.ReadAsync(cancellationToken);
                if (!result.IsCanceled || Interlocked.Exchange(ref _cancelledByCaller, 0) == 1)
                {
                    return result;
                }
                inner.AdvanceTo(result.Buffer.Start); // nothing consumed or examined: the next read returns what is there
            }
        }

        public override bool TryRead(out ReadResult result) => inner.TryRead(out result);

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead()
        {
            Interlocked.Exchange(ref _cancelledByCaller, 1);
            inner.CancelPendingRead();
        }

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
