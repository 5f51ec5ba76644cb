using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Tag;

namespace NewsApi.Tags;

public sealed class TagRequestValidator : AbstractValidator<TagRequest>
{
    public TagRequestValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(t => t.Slug).ValidSlug(Limits.Slug);
        RuleFor(t => t.Description).MaximumLength(Limits.Description);
    }
}
