using NewsApi.Data.Entities;

namespace NewsApi.Media;

/// <summary>Absolute rendition URLs on the host the caller used.</summary>
public sealed class MediaLinks(string origin, MediaOptions options)
{
    public static MediaLinks For(HttpRequest request, MediaOptions options) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}", options);

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
