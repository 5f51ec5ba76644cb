namespace NewsApi.Data.Entities;

/// <summary>An uploaded image. The bytes live in the media store under keys made from the id only.</summary>
public sealed class MediaAsset : Entity
{
    public string Alt { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? SourceUrl { get; set; }
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;

    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>jpeg, png, webp, gif or avif: decided from the file's content.</summary>
    public string Format { get; set; } = "";

    /// <summary>The size of the stored original.</summary>
    public long Bytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file as uploaded: the same file twice is one asset.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>A tiny WebP as a data: URI, shown blurred while the image loads.</summary>
    public string Placeholder { get; set; } = "";

    /// <summary>The key that uploaded it; empty for the bootstrap admin key.</summary>
    public Guid? UploadedByKeyId { get; set; }
}
