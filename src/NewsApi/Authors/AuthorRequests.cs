using System.ComponentModel.DataAnnotations;

namespace NewsApi.Authors;

/// <summary>The writable fields of an author, for POST and PUT (and the shape a PATCH merges into).</summary>
public sealed record AuthorRequest
{
    /// <example>Maria Keller</example>
    [Required]
    public string Name { get; init; } = "";

    /// <summary>Lower-case letters, digits and single hyphens. Generated from the name when omitted.</summary>
    /// <example>maria-keller</example>
    public string? Slug { get; init; }

    /// <example>Maria covers energy and climate policy from Brussels.</example>
    public string? Bio { get; init; }

    /// <example>maria.keller@example.com</example>
    [EmailAddress]
    public string? Email { get; init; }

    /// <example>https://images.example.com/authors/maria-keller.jpg</example>
    [Url]
    public string? AvatarUrl { get; init; }

    /// <example>https://mariakeller.example.com</example>
    [Url]
    public string? WebsiteUrl { get; init; }

    /// <example>@mariakeller</example>
    public string? SocialHandle { get; init; }
}
