using NewsApi.Data.Entities;

namespace NewsApi.Media;

/// <summary>Absolute rendition URLs, on <see cref="MediaOptions.PublicBaseUrl"/> or else on the host the caller used.</summary>
public sealed class MediaLinks(string origin, MediaOptions options)
{
    public static MediaLinks For(HttpRequest request, MediaOptions options) =>
        new(string.IsNullOrEmpty(options.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : options.PublicBaseUrl.TrimEnd('/'), options);

    /// <summary>Links on the origin of an asset's URL that this server made (<see cref="Featured"/>); null for any other URL.</summary>
    public static MediaLinks? FromUrlOf(Guid id, string url, MediaOptions options)
    {
        var at = url.IndexOf(PathOf(id), StringComparison.OrdinalIgnoreCase);
        return at > 0 ? new MediaLinks(url[..at], options) : null;
    }

    /// <summary>Whether <paramref name="url"/> is one of this asset's renditions, on any origin.</summary>
    public static bool IsOf(Guid id, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.Contains(PathOf(id), StringComparison.OrdinalIgnoreCase);

    private static string PathOf(Guid id) => $"/media/{id}/";

    /// <summary>
    /// The one URL an article stores for an asset it features: the widest preset that keeps the whole picture
    /// (not a fixed-size crop), as JPEG, which every reader and feed understands.
    /// </summary>
    public string Featured(Guid id)
    {
        var preset = options.Presets.Where(p => p.Value.Height is null).DefaultIfEmpty(options.Presets.First())
            .OrderByDescending(p => p.Value.Width).ThenBy(p => p.Key, StringComparer.Ordinal).First();
        return Rendition(id, preset.Key, RenditionFormat.Jpg);
    }

    public string Rendition(Guid id, string preset, RenditionFormat format) =>
        $"{origin}/media/{id}/{preset}.{format.Extension()}";

    public IReadOnlyList<MediaRendition> RenditionsOf(Guid id, int width, int height) =>
        [.. options.Presets.OrderBy(p => p.Value.Width).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var (w, h) = ImageProcessing.RenditionSize(p.Value, width, height);
            return new MediaRendition
            {
                Preset = p.Key,
                Width = w,
                Height = h,
                Jpg = Rendition(id, p.Key, RenditionFormat.Jpg),
                Webp = Rendition(id, p.Key, RenditionFormat.Webp),
                Avif = ImageProcessing.CanWriteAvif ? Rendition(id, p.Key, RenditionFormat.Avif) : null,
            };
        })];

    public MediaResponse ToResponse(MediaAsset asset) => new()
    {
        Id = asset.Id,
        Alt = asset.Alt,
        Caption = asset.Caption,
        Credit = asset.Credit,
        SourceUrl = asset.SourceUrl,
        FocalPoint = new FocalPoint { X = asset.FocalX, Y = asset.FocalY },
        Width = asset.Width,
        Height = asset.Height,
        Format = asset.Format,
        Bytes = asset.Bytes,
        Placeholder = asset.Placeholder,
        UploadedByKeyId = asset.UploadedByKeyId,
        CreatedAt = asset.CreatedAt,
        UpdatedAt = asset.UpdatedAt,
        Renditions = RenditionsOf(asset.Id, asset.Width, asset.Height),
    };
}
