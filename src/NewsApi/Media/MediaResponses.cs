namespace NewsApi.Media;

public sealed record MediaResponse
{
    public required Guid Id { get; init; }
    public required string Alt { get; init; }
    public required string? Caption { get; init; }
    public required string? Credit { get; init; }
    public required string? SourceUrl { get; init; }
    public required FocalPoint FocalPoint { get; init; }

    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>jpeg, png, webp, gif or avif.</summary>
    public required string Format { get; init; }

    /// <summary>The size of the stored original in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>A tiny WebP as a data: URI to show blurred while the image loads.</summary>
    public required string Placeholder { get; init; }

    /// <summary>The id of the key that uploaded it (null for the bootstrap key).</summary>
    public required Guid? UploadedByKeyId { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>One entry per preset, with its size, for <c>srcset</c>.</summary>
    public required IReadOnlyList<MediaRendition> Renditions { get; init; }
}

/// <summary>A preset's rendition in each format it is served in.</summary>
public sealed record MediaRendition
{
    /// <example>card</example>
    public required string Preset { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    [System.ComponentModel.DataAnnotations.Url]
    public required string Jpg { get; init; }

    [System.ComponentModel.DataAnnotations.Url]
    public required string Webp { get; init; }

    /// <summary>Null when this server's libvips cannot write AVIF.</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public required string? Avif { get; init; }
}
