using System.Threading.Channels;

namespace NewsApi.Webhooks;

/// <summary>
/// Wakes the dispatcher when a transaction with deliveries commits; many notifications before it wakes count as one.
/// Polling remains only as the fallback for retries coming due and other instances' commits.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _channel.Writer.TryWrite(true);

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
