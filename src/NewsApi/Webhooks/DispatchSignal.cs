using System.Threading.Channels;

namespace NewsApi.Webhooks;

/// <summary>
/// Wakes the dispatcher (and the change feed's streams) when a transaction with changes commits; many notifications before it wakes count as one.
/// Polling remains only as the fallback for retries coming due and other instances' commits.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        _channel.Writer.TryWrite(true);
        Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Completes at the next notification: what every change-feed stream waits on (the channel above has one reader,
    /// the dispatcher; this one has any number).
    /// </summary>
    public Task NextCommit => Volatile.Read(ref _committed).Task;

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, wait.Token);
        var read = _channel.Reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(delay, read);
        await wait.CancelAsync();
        _channel.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
