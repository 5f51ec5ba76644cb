using System.ComponentModel.DataAnnotations;

namespace NewsApi.Media;

public enum MediaStorageKind
{
    FileSystem,
    S3,
}

/// <summary>The <c>Media</c> section: limits, where the bytes go, and the rendition presets.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>How many uploads and rendition generations run at once; the others wait their turn.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentImageWork { get; set; } = Environment.ProcessorCount;

    /// <summary>Keep the original's EXIF/XMP/IPTC (GPS included). Off by default: a photo's location can expose a source.</summary>
    public bool KeepOriginalMetadata { get; set; }

    public MediaStorageKind Storage { get; set; } = MediaStorageKind.FileSystem;

    /// <summary>The directory of the file-system store.</summary>
    public string Path { get; set; } = "media";

    public S3MediaOptions S3 { get; set; } = new();

    /// <summary>
    /// Where readers fetch media (a CDN, or the API's public address), e.g. <c>https://media.example.com</c>. Rendition
    /// links and the featured-image URL stored with an article start with it; when empty, with the address the caller
    /// used. Set it when editors reach the API by another name than readers do.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Rendition presets by name. Only these sizes are ever made, so nobody can make the server resize at will.</summary>
    public Dictionary<string, MediaPreset> Presets { get; set; } = new(StringComparer.Ordinal)
    {
        ["thumb"] = new() { Width = 320 },
        ["card"] = new() { Width = 640 },
        ["hero"] = new() { Width = 1280 },
        ["og"] = new() { Width = 1200, Height = 630 },
    };
}

public sealed class MediaPreset
{
    [Range(1, 8192)]
    public int Width { get; set; }

    /// <summary>With a height, the rendition is exactly Width×Height, cropped around the focal point.</summary>
    [Range(1, 8192)]
    public int? Height { get; set; }
}

public sealed class S3MediaOptions
{
    public string? Bucket { get; set; }

    /// <summary>The S3-compatible endpoint (MinIO, R2, s3rver…); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Region { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
}
