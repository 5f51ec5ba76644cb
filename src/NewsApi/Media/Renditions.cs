using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Media;

/// <summary>
/// Renditions are made on their first request and stored; later requests read the stored bytes. Concurrent first
/// requests for one rendition share one generation (one task per key), so a burst of visitors costs one resize.
/// Recently served renditions are also kept in memory (64 MiB, a minute each), so a popular one costs neither a
/// database query nor a read from the store; this instance forgets them when their asset changes or goes, and other
/// instances within the minute.
/// </summary>
public sealed class Renditions(IMediaStore store, ImageWork work, IOptions<MediaOptions> options) : IDisposable
{
    public sealed record Served(EntityTagHeaderValue ETag, byte[] Bytes, string ContentType);

    private readonly MemoryCache _served = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]?>>> _inFlight = new(StringComparer.Ordinal);
    private int _generated;

    /// <summary>How many renditions this instance has generated (the tests read it).</summary>
    public int Generated => Volatile.Read(ref _generated);

    public MediaPreset? Preset(string name) => options.Value.Presets.GetValueOrDefault(name);

    /// <summary>The rendition's bytes, made now if they were never made; null when the original is gone.</summary>
    public async Task<byte[]?> GetAsync(Guid id, string presetName, MediaPreset preset, RenditionFormat format,
        double focalX, double focalY, CancellationToken cancellationToken)
    {
        var key = MediaKeys.Rendition(id, presetName, format);
        if (await store.GetAsync(key, cancellationToken) is { } stored)
        {
            return stored;
        }
        var generation = _inFlight.GetOrAdd(key, k => new Lazy<Task<byte[]?>>(() => GenerateAsync(id, k, preset, format, focalX, focalY)));
        try
        {
            return await generation.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (generation.Value.IsCompleted)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]?>>>(key, generation));
            }
        }
    }

    public Served? Recent(Guid id, string preset, RenditionFormat format) =>
        _served.TryGetValue(MediaKeys.Rendition(id, preset, format), out Served? served) ? served : null;

    public void Remember(Guid id, string preset, RenditionFormat format, Served served) =>
        _served.Set(MediaKeys.Rendition(id, preset, format), served,
            new MemoryCacheEntryOptions { Size = served.Bytes.Length, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

    /// <summary>Drops an asset's renditions from memory (after a change or a delete).</summary>
    public void Evict(Guid id)
    {
        foreach (var preset in options.Value.Presets.Keys)
        {
            foreach (var format in Enum.GetValues<RenditionFormat>())
            {
                _served.Remove(MediaKeys.Rendition(id, preset, format));
            }
        }
    }

    public void Dispose() => _served.Dispose();

    /// <summary>Forgets the stored renditions of an asset (after its focal point moved); the original stays.</summary>
    public async Task ForgetAsync(Guid id, CancellationToken cancellationToken)
    {
        Evict(id);
        foreach (var preset in options.Value.Presets.Keys)
        {
            foreach (var format in Enum.GetValues<RenditionFormat>())
            {
                await store.DeleteKeyAsync(MediaKeys.Rendition(id, preset, format), cancellationToken);
            }
        }
    }

    // Not tied to any one caller's cancellation: the others waiting for it still want the result.
    private async Task<byte[]?> GenerateAsync(Guid id, string key, MediaPreset preset, RenditionFormat format, double focalX, double focalY)
    {
        await Task.Yield();
        if (await store.GetAsync(key, CancellationToken.None) is { } stored)
        {
            return stored;
        }
        byte[] bytes;
        using (await work.EnterAsync(CancellationToken.None))
        {
            if (await store.GetAsync(MediaKeys.Original(id), CancellationToken.None) is not { } original)
            {
                return null;
            }
            bytes = await Task.Run(() => ImageProcessing.Render(original, preset, focalX, focalY, format));
        }
        await store.PutAsync(key, bytes, format.ContentType(), CancellationToken.None);
        Interlocked.Increment(ref _generated);
        return bytes;
    }
}
