using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace NewsApi.Site;

/// <summary>
/// The addresses of the site's pages, from <see cref="SiteOptions"/>: <c>{slug}</c>, <c>{id}</c> and, for articles,
/// <c>{yyyy}</c> and <c>{MM}</c> of the publication date, expanded in a template relative to the base URL.
/// </summary>
public sealed partial class SiteUrls(IOptions<SiteOptions> options)
{
    private static readonly string[] Placeholders = ["{slug}", "{id}", "{yyyy}", "{MM}"];

    public SiteOptions Site => options.Value;

    /// <summary>Whether the site is known: without a base URL nothing links to it.</summary>
    public bool Configured => Site.BaseUrl is not null;

    public string PublicationName => Site.PublicationName ?? Site.Name;

    public string? Home => Site.BaseUrl is { } baseUrl ? baseUrl.TrimEnd('/') + "/" : null;

    public string? Article(Guid id, string slug, DateTime? publishedAt) =>
        Expand(Site.ArticleUrlTemplate, id, slug, publishedAt);

    public string? Tag(Guid id, string slug) => Expand(Site.TagUrlTemplate, id, slug, null);

    public string? Author(Guid id, string slug) => Expand(Site.AuthorUrlTemplate, id, slug, null);

    public string? Source(Guid id, string slug) => Expand(Site.SourceUrlTemplate, id, slug, null);

    /// <summary>The front end's preview page for a token, when a template for it is configured.</summary>
    public string? Preview(string token) =>
        Site.PreviewUrlTemplate is { } template && Site.BaseUrl is not null
            ? Absolute(template.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal))
            : null;

    /// <summary>An absolute address on the site for a path (<c>/feeds/…</c>); null without a base URL.</summary>
    public string? Absolute(string pathAndQuery) =>
        Site.BaseUrl is { } baseUrl
            ? Uri.TryCreate(pathAndQuery, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? pathAndQuery
                : baseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/')
            : null;

    private string? Expand(string template, Guid id, string slug, DateTime? publishedAt)
    {
        if (Site.BaseUrl is null)
        {
            return null;
        }
        var date = publishedAt ?? DateTime.UnixEpoch;
        var path = template
            .Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal)
            .Replace("{id}", id.ToString(), StringComparison.Ordinal)
            .Replace("{yyyy}", date.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", date.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Absolute(path);
    }

    /// <summary>What is wrong with a template, or null: it is a path (or absolute URL) and knows only its placeholders.</summary>
    internal static string? TemplateProblem(string template, bool preview)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "must not be empty.";
        }
        var known = preview ? ["{token}"] : Placeholders;
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            if (!known.Contains(placeholder.Value, StringComparer.Ordinal))
            {
                return $"unknown placeholder {placeholder.Value}; use {string.Join(", ", known)}.";
            }
        }
        if (preview ? !template.Contains("{token}", StringComparison.Ordinal)
                    : !template.Contains("{slug}", StringComparison.Ordinal) && !template.Contains("{id}", StringComparison.Ordinal))
        {
            return preview ? "must contain {token}." : "must contain {slug} or {id}.";
        }
        return template.StartsWith('/') || template.StartsWith("https://", StringComparison.Ordinal) || template.StartsWith("http://", StringComparison.Ordinal)
            ? null
            : "must start with / (relative to Site:BaseUrl) or be an absolute http(s) URL.";
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();
}

public static class SiteServiceCollectionExtensions
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SiteUrls>();
        return services;
    }
}
