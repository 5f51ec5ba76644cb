using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Source;

namespace NewsApi.Sources;

public sealed class SourceRequestValidator : AbstractValidator<SourceRequest>
{
    public SourceRequestValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(s => s.Slug).ValidSlug(Limits.Slug);
        RuleFor(s => s.HomepageUrl).AbsoluteHttpUrl();
        RuleFor(s => s.Description).MaximumLength(Limits.Description);
    }
}
