using System.ComponentModel.DataAnnotations;

namespace NewsApi.Media;

/// <summary>An upload: the image and what an editor says about it (multipart/form-data).</summary>
public sealed class MediaUploadForm
{
    /// <summary>The image: JPEG, PNG, WebP, GIF or AVIF, decided from its content. SVG is refused.</summary>
    [Required]
    public IFormFile? File { get; set; }

    /// <summary>What the picture shows, for readers who cannot see it.</summary>
    [Required]
    public string? Alt { get; set; }

    public string? Caption { get; set; }

    /// <example>Image via X/@ForeignOfficePk</example>
    public string? Credit { get; set; }

    /// <summary>Where the image came from.</summary>
    [Url]
    public string? SourceUrl { get; set; }

    /// <summary>The focal point across, from 0 (left) to 1 (right); 0.5 when omitted.</summary>
    public double? FocalX { get; set; }

    /// <summary>The focal point down, from 0 (top) to 1 (bottom); 0.5 when omitted.</summary>
    public double? FocalY { get; set; }
}

/// <summary>The editable fields of an asset, the shape a PATCH merges into.</summary>
public sealed record MediaRequest
{
    [Required]
    public string Alt { get; init; } = "";

    public string? Caption { get; init; }

    public string? Credit { get; init; }

    [Url]
    public string? SourceUrl { get; init; }

    /// <summary>The point crops keep in view; the centre when omitted.</summary>
    public FocalPoint FocalPoint { get; init; } = new();
}

/// <summary>The point a crop keeps in view: x and y from 0 to 1, from the top left.</summary>
public sealed record FocalPoint
{
    public double X { get; init; } = 0.5;
    public double Y { get; init; } = 0.5;
}
