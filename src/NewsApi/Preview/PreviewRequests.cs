using FluentValidation;

namespace NewsApi.Preview;

/// <summary>The optional body of <c>POST /api/v1/articles/{id}/preview-links</c>.</summary>
public sealed record PreviewLinkRequest
{
    /// <summary>How long the link works, in minutes: 1 to 10080 (7 days); 60 when omitted.</summary>
    /// <example>60</example>
    public int? ExpiresInMinutes { get; init; }

    /// <summary>Limit the link to this revision (the article's current one): it closes when the article is edited again.</summary>
    public int? Revision { get; init; }
}

public sealed class PreviewLinkRequestValidator : AbstractValidator<PreviewLinkRequest>
{
    public const int DefaultMinutes = 60;
    public const int MaxMinutes = 7 * 24 * 60;

    public PreviewLinkRequestValidator()
    {
        RuleFor(r => r.ExpiresInMinutes).InclusiveBetween(1, MaxMinutes);
        RuleFor(r => r.Revision).GreaterThanOrEqualTo(1);
    }
}

/// <summary>A preview link as made: the only time its token is seen.</summary>
public sealed record PreviewLinkResponse
{
    public required Guid Id { get; init; }
    public required Guid ArticleId { get; init; }

    /// <summary>The secret token; only its hash is stored, so it cannot be shown again.</summary>
    public required string Token { get; init; }

    /// <summary>Where the editor opens the preview: the front end's preview page (Site:PreviewUrlTemplate), or else the API's.</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public required string Url { get; init; }

    public required int? Revision { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime ExpiresAt { get; init; }
}
