using System.ComponentModel.DataAnnotations;

namespace NewsApi.Sources;

/// <summary>The writable fields of a source, for POST and PUT (and the shape a PATCH merges into).</summary>
public sealed record SourceRequest
{
    /// <example>Baltic Wire</example>
    [Required]
    public string Name { get; init; } = "";

    /// <summary>Lower-case letters, digits and single hyphens. Generated from the name when omitted.</summary>
    /// <example>baltic-wire</example>
    public string? Slug { get; init; }

    /// <example>https://balticwire.example.com</example>
    [Url]
    public string? HomepageUrl { get; init; }

    /// <example>A regional wire service covering the Baltic states.</example>
    public string? Description { get; init; }
}
