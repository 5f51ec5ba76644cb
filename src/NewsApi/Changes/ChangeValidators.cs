using FluentValidation;
using NewsApi.Http;

namespace NewsApi.Changes;

public sealed class ChangeFeedQueryValidator : AbstractValidator<ChangeFeedQuery>
{
    public ChangeFeedQueryValidator()
    {
        RuleFor(q => q.Since).MaximumLength(512)
            .Must(s => s is null || ChangeCursor.TryDecode(s, out _))
            .WithMessage("'since' is not a cursor this feed gave out; start again without it.");
        RuleFor(q => q.Types).MaximumLength(100).Matches(ChangeTypes.Pattern)
            .WithMessage($"'types' must be a comma-separated list of {string.Join(", ", ChangeTypes.All)}.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ChangeFeedQuery.MaxLimit);
        RuleFor(q => q.Shape).OneOf(ChangeFeedQuery.Shapes);
    }
}

public sealed class ChangeStreamQueryValidator : AbstractValidator<ChangeStreamQuery>
{
    public ChangeStreamQueryValidator()
    {
        RuleFor(q => q.Since).MaximumLength(512)
            .Must(s => s is null || ChangeCursor.TryDecode(s, out _))
            .WithMessage("'since' is not a cursor this feed gave out; start again without it.");
        RuleFor(q => q.Types).MaximumLength(100).Matches(ChangeTypes.Pattern)
            .WithMessage($"'types' must be a comma-separated list of {string.Join(", ", ChangeTypes.All)}.");
        RuleFor(q => q.Shape).OneOf(ChangeFeedQuery.Shapes);
    }
}
