using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Media;

namespace NewsApi.Media;

public sealed class MediaUploadFormValidator : AbstractValidator<MediaUploadForm>
{
    public MediaUploadFormValidator()
    {
        RuleFor(f => f.File).NotNull().WithMessage("Send the image as the 'file' part.");
        RuleFor(f => f.Alt).NotEmpty().MaximumLength(Limits.Alt);
        RuleFor(f => f.Caption).MaximumLength(Limits.Caption);
        RuleFor(f => f.Credit).MaximumLength(Limits.Credit);
        RuleFor(f => f.SourceUrl).AbsoluteHttpUrl();
        RuleFor(f => f.FocalX).InclusiveBetween(0, 1);
        RuleFor(f => f.FocalY).InclusiveBetween(0, 1);
    }
}

public sealed class MediaRequestValidator : AbstractValidator<MediaRequest>
{
    public MediaRequestValidator()
    {
        RuleFor(m => m.Alt).NotEmpty().MaximumLength(Limits.Alt);
        RuleFor(m => m.Caption).MaximumLength(Limits.Caption);
        RuleFor(m => m.Credit).MaximumLength(Limits.Credit);
        RuleFor(m => m.SourceUrl).AbsoluteHttpUrl();
        RuleFor(m => m.FocalPoint).NotNull().SetValidator(new FocalPointValidator());
    }
}

public sealed class FocalPointValidator : AbstractValidator<FocalPoint>
{
    public FocalPointValidator()
    {
        RuleFor(f => f.X).InclusiveBetween(0, 1);
        RuleFor(f => f.Y).InclusiveBetween(0, 1);
    }
}

/// <summary>The media list's query string: paged like the other lists, newest first.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="Q">Only assets whose alt text, caption or credit contains this text (case-insensitive).</param>
public sealed record MediaListQuery(int Page = 1, int PageSize = PageRequest.DefaultPageSize, string? Q = null)
{
    public PageRequest Paging => new(Page, PageSize);
}

public sealed class MediaListQueryValidator : AbstractValidator<MediaListQuery>
{
    public MediaListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
        RuleFor(q => q.Q).MaximumLength(100);
    }
}
