using FluentValidation;

namespace NewsApi.Http;

public static class ValidatorExtensions
{
    public static IRuleBuilderOptions<T, string?> ValidSlug<T>(this IRuleBuilder<T, string?> rule, int maxLength) => rule
        .MaximumLength(maxLength)
        .Must(slug => slug is null || Slug.IsValid(slug))
        .WithMessage("'{PropertyName}' may contain only lower-case letters a-z, digits and single hyphens between them.");

    public static IRuleBuilderOptions<T, string?> AbsoluteHttpUrl<T>(this IRuleBuilder<T, string?> rule) => rule
        .MaximumLength(Data.FieldLimits.Url)
        .Must(url => string.IsNullOrEmpty(url) || IsAbsoluteHttpUrl(url))
        .WithMessage("'{PropertyName}' must be an absolute http or https URL.");

    public static bool IsAbsoluteHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
