using Microsoft.Extensions.Options;

namespace NewsApi.Media;

/// <summary>
/// Decoding and encoding an image keeps a core busy and holds the file and its pixels in memory. More of them at
/// once than <c>Media:MaxConcurrentImageWork</c> (the core count by default) only adds memory and makes each one
/// slower, so uploads and rendition generation wait here for a slot, before they read the file.
/// </summary>
public sealed class ImageWork(IOptions<MediaOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentImageWork);
    private int _running;
    private int _peak;

    /// <summary>The most image jobs this instance has run at once (the tests read it).</summary>
    public int Peak => Volatile.Read(ref _peak);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var running = Interlocked.Increment(ref _running);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }
        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(ImageWork work) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref work._running);
                work._slots.Release();
            }
        }
    }
}
