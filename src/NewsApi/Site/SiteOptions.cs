using System.ComponentModel.DataAnnotations;

namespace NewsApi.Site;

/// <summary>
/// The public site the API feeds: where its pages live, so that responses, feeds, sitemaps and structured data link
/// to the site (never to the API). Without a base URL, responses carry no <c>url</c> and the feeds and sitemaps answer 404.
/// </summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>The site's name, as feeds and structured data give it.</summary>
    [MaxLength(200)]
    public string Name { get; set; } = "NewsApi";

    /// <summary>The front end's public address, e.g. <c>https://news.example.com</c>.</summary>
    public string? BaseUrl { get; set; }

    public string ArticleUrlTemplate { get; set; } = "/news/{slug}";
    public string TagUrlTemplate { get; set; } = "/tags/{slug}";
    public string AuthorUrlTemplate { get; set; } = "/authors/{slug}";
    public string SourceUrlTemplate { get; set; } = "/sources/{slug}";

    /// <summary>The front end's preview page, e.g. <c>/preview?token={token}</c>; without it a preview link opens the API's own preview.</summary>
    public string? PreviewUrlTemplate { get; set; }

    /// <summary>ISO 639 language code (with an optional region) of the site's content.</summary>
    [RegularExpression("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public string Language { get; set; } = "en";

    /// <summary>The name Google News knows the publication by; the site's name when not set.</summary>
    [MaxLength(200)]
    public string? PublicationName { get; set; }

    /// <summary>The publisher's logo in structured data.</summary>
    public string? LogoUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && !IsBase(BaseUrl))
        {
            yield return new ValidationResult("Site:BaseUrl must be an absolute http(s) URL without a query or fragment.", [nameof(BaseUrl)]);
        }
        if (LogoUrl is not null && !Http.ValidatorExtensions.IsAbsoluteHttpUrl(LogoUrl))
        {
            yield return new ValidationResult("Site:LogoUrl must be an absolute http(s) URL.", [nameof(LogoUrl)]);
        }
        foreach (var (name, template) in new[]
                 {
                     (nameof(ArticleUrlTemplate), ArticleUrlTemplate), (nameof(TagUrlTemplate), TagUrlTemplate),
                     (nameof(AuthorUrlTemplate), AuthorUrlTemplate), (nameof(SourceUrlTemplate), SourceUrlTemplate),
                     (nameof(PreviewUrlTemplate), PreviewUrlTemplate ?? "/{token}"),
                 })
        {
            if (SiteUrls.TemplateProblem(template, name == nameof(PreviewUrlTemplate)) is { } problem)
            {
                yield return new ValidationResult($"Site:{name}: {problem}", [name]);
            }
        }
    }

    private static bool IsBase(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
