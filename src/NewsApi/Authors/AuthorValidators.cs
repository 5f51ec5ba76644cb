using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Author;

namespace NewsApi.Authors;

public sealed class AuthorRequestValidator : AbstractValidator<AuthorRequest>
{
    public AuthorRequestValidator()
    {
        RuleFor(a => a.Name).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(a => a.Slug).ValidSlug(Limits.Slug);
        RuleFor(a => a.Bio).MaximumLength(Limits.Bio);
        RuleFor(a => a.Email).MaximumLength(Limits.Email).EmailAddress();
        RuleFor(a => a.AvatarUrl).AbsoluteHttpUrl();
        RuleFor(a => a.WebsiteUrl).AbsoluteHttpUrl();
        RuleFor(a => a.SocialHandle).MaximumLength(Limits.SocialHandle);
    }
}
