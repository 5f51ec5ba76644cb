using FluentValidation;
using FluentValidation.Validators;

namespace NewsApi.Http;

/// <summary>
/// The API's own rules, each a validator class whose parameters the OpenAPI document reads
/// (<c>OpenApi/ValidationRulesSchemaFilter</c>), so a rule is written once and stated to clients as it is enforced.
/// </summary>
public static class ValidatorExtensions
{
    public static IRuleBuilderOptions<T, string?> ValidSlug<T>(this IRuleBuilder<T, string?> rule, int maxLength) => rule
        .MaximumLength(maxLength)
        .Matches(Slug.Pattern)
        .WithMessage("'{PropertyName}' may contain only lower-case letters a-z, digits and single hyphens between them.");

    /// <summary>Null is allowed (the field is optional); anything else must be an absolute http(s) URL, "" included.</summary>
    public static IRuleBuilderOptions<T, string?> AbsoluteHttpUrl<T>(this IRuleBuilder<T, string?> rule) => rule
        .MaximumLength(Data.FieldLimits.Url)
        .SetValidator(new AbsoluteHttpUrlValidator<T>());

    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new OneOfValidator<T>(values));

    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>> MaxItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>> rule, int max) =>
        rule.SetValidator(new MaxItemsValidator<T, TItem>(max));

    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>> UniqueItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>> rule) =>
        rule.SetValidator(new UniqueItemsValidator<T, TItem>());

    public static bool IsAbsoluteHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && url.StartsWith(uri.Scheme, StringComparison.OrdinalIgnoreCase);
}

public interface IAbsoluteHttpUrlValidator;

/// <summary>
/// An absolute https URL; plain http too where the server allows it (a development setting). The document states
/// the https rule, which is the one deployments run with.
/// </summary>
public interface IHttpsUrlValidator;

public sealed class HttpsUrlValidator<T>(bool allowHttp) : PropertyValidator<T, string?>, IHttpsUrlValidator
{
    public override string Name => "HttpsUrlValidator";

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) && uri.UserInfo.Length == 0
                          && value.StartsWith(uri.Scheme, StringComparison.OrdinalIgnoreCase)
                          && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)));

    protected override string GetDefaultMessageTemplate(string errorCode) => allowHttp
        ? "'{PropertyName}' must be an absolute http or https URL."
        : "'{PropertyName}' must be an absolute https URL.";
}

public sealed class AbsoluteHttpUrlValidator<T> : PropertyValidator<T, string?>, IAbsoluteHttpUrlValidator
{
    public override string Name => "AbsoluteHttpUrlValidator";

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || ValidatorExtensions.IsAbsoluteHttpUrl(value);

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        "'{PropertyName}' must be an absolute http or https URL; send null to clear it.";
}

public interface IOneOfValidator
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>One of a fixed list of values, compared exactly (the document lists them as an enum).</summary>
public sealed class OneOfValidator<T>(IReadOnlyList<string> values) : PropertyValidator<T, string?>, IOneOfValidator
{
    public IReadOnlyList<string> Values { get; } = values;

    public override string Name => "OneOfValidator";

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || Values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        $"'{{PropertyName}}' must be one of {string.Join(", ", Values)}.";
}

public interface IMaxItemsValidator
{
    int Max { get; }
}

public sealed class MaxItemsValidator<T, TItem>(int max) : PropertyValidator<T, IReadOnlyList<TItem>>, IMaxItemsValidator
{
    public int Max { get; } = max;

    public override string Name => "MaxItemsValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem> value) => value is null || value.Count <= Max;

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' has at most {Max} items.";
}

public interface IUniqueItemsValidator;

public sealed class UniqueItemsValidator<T, TItem> : PropertyValidator<T, IReadOnlyList<TItem>>, IUniqueItemsValidator
{
    public override string Name => "UniqueItemsValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem> value) =>
        value is null || value.Distinct().Count() == value.Count;

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' lists the same item twice.";
}
