using System.ComponentModel.DataAnnotations;

namespace NewsApi.Tags;

/// <summary>The writable fields of a tag, for POST and PUT (and the shape a PATCH merges into).</summary>
public sealed record TagRequest
{
    /// <example>Climate</example>
    [Required]
    public string Name { get; init; } = "";

    /// <summary>Lower-case letters, digits and single hyphens. Generated from the name when omitted.</summary>
    /// <example>climate</example>
    public string? Slug { get; init; }

    /// <example>Climate science, policy and the energy transition.</example>
    public string? Description { get; init; }
}
