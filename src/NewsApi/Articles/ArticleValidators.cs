using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Article;

namespace NewsApi.Articles;

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public ArticleRequestValidator()
    {
        RuleFor(a => a.Title).NotEmpty().MaximumLength(Limits.Title);
        RuleFor(a => a.Subtitle).MaximumLength(Limits.Subtitle);
        RuleFor(a => a.Excerpt).MaximumLength(Limits.Excerpt);
        RuleFor(a => a.Body).MaximumLength(Limits.Body);
        RuleFor(a => a.Slug).ValidSlug(Limits.Slug);
        RuleFor(a => a.AuthorIds)
            .NotEmpty().WithMessage("An article needs at least one author.")
            .MaxItems(Limits.MaxAuthors).WithMessage($"An article has at most {Limits.MaxAuthors} authors.")
            .UniqueItems().WithMessage("The same author is listed twice.");
        RuleForEach(a => a.AuthorIds).NotEmpty();
        RuleFor(a => a.TagIds)
            .MaxItems(Limits.MaxTags).WithMessage($"An article has at most {Limits.MaxTags} tags.")
            .UniqueItems().WithMessage("The same tag is listed twice.");
        RuleForEach(a => a.TagIds).NotEmpty();
        RuleFor(a => a.RelatedArticleIds)
            .MaxItems(Limits.MaxRelated).WithMessage($"An article has at most {Limits.MaxRelated} related articles.")
            .UniqueItems().WithMessage("The same related article is listed twice.");
        RuleForEach(a => a.RelatedArticleIds).NotEmpty();
        RuleFor(a => a.SourceId).NotEqual(Guid.Empty);
        RuleFor(a => a.SourceUrl).AbsoluteHttpUrl();
        RuleFor(a => a.FeaturedImage!).SetValidator(new FeaturedImageValidator()).When(a => a.FeaturedImage is not null);
        RuleFor(a => a.CanonicalUrl).AbsoluteHttpUrl();
        RuleFor(a => a.MetaTitle).MaximumLength(Limits.MetaTitle);
        RuleFor(a => a.MetaDescription).MaximumLength(Limits.MetaDescription);
    }
}

public sealed class FeaturedImageValidator : AbstractValidator<FeaturedImage>
{
    public FeaturedImageValidator()
    {
        RuleFor(i => i.Url).NotEmpty().WithMessage("Give the image's url, or the mediaId of an uploaded image.")
            .When(i => i.MediaId is null);
        RuleFor(i => i.Url).AbsoluteHttpUrl();
        RuleFor(i => i.Url)
            .Must((image, url) => Media.MediaLinks.IsOf(image.MediaId!.Value, url!))
            .WithMessage("With a mediaId the url comes from the media asset: leave it out, or send mediaId null to use an image hosted elsewhere.")
            .When(i => i.MediaId is not null && !string.IsNullOrEmpty(i.Url));
        RuleFor(i => i.MediaId).NotEqual(Guid.Empty);
        RuleFor(i => i.Alt).MaximumLength(Limits.ImageAlt);
        RuleFor(i => i.Caption).MaximumLength(Limits.ImageCaption);
        RuleFor(i => i.Credit).MaximumLength(Limits.ImageCredit);
    }
}
