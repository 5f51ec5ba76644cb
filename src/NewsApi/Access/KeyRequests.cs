using System.ComponentModel.DataAnnotations;
using FluentValidation;
using NewsApi.Http;

namespace NewsApi.Access;

public sealed record CreateKeyRequest
{
    /// <summary>Who or what uses the key; recorded as the author of the revisions it makes.</summary>
    /// <example>Night desk script</example>
    [Required]
    public string Name { get; init; } = "";

    /// <summary>content:read, content:write and/or admin.</summary>
    [Required]
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When the key stops working, in the future; never when omitted.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed class CreateKeyRequestValidator : AbstractValidator<CreateKeyRequest>
{
    public CreateKeyRequestValidator(TimeProvider time)
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(100);
        RuleFor(k => k.Scopes).NotEmpty().WithMessage("A key needs at least one scope.");
        RuleForEach(k => k.Scopes)
            .OneOf(NewsApi.Access.Scopes.All)
            .WithMessage($"'{{PropertyValue}}' is not a scope; use {string.Join(", ", NewsApi.Access.Scopes.All)}.");
        RuleFor(k => k.ExpiresAt)
            .Must(at => at > time.GetUtcNow()).When(k => k.ExpiresAt is not null)
            .WithMessage("'expiresAt' must be in the future.");
    }
}
