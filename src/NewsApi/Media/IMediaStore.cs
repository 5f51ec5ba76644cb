namespace NewsApi.Media;

/// <summary>
/// Where originals and renditions are kept. Keys are made by <see cref="MediaKeys"/> from an asset id and a preset
/// name, never from anything a caller typed, so no key can point outside an asset's own prefix.
/// </summary>
public interface IMediaStore
{
    Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes one object; nothing happens when there is none.</summary>
    Task DeleteKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object under the prefix (an asset's original and renditions).</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}

public static class MediaKeys
{
    public static string Prefix(Guid id) => $"{id:N}/";

    public static string Original(Guid id) => $"{id:N}/original";

    public static string Rendition(Guid id, string preset, RenditionFormat format) => $"{id:N}/{preset}.{format.Extension()}";
}
