using System.Globalization;
using System.Text.Json.Serialization;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Site;

/// <summary>
/// A schema.org <c>NewsArticle</c> as JSON-LD, ready for a front end to embed as it is in a
/// script element of type application/ld+json. Every link is to the site.
/// </summary>
public sealed record NewsArticleJsonLd : ICacheTagged, IMediaTyped
{
    public const string MediaType = "application/ld+json";

    /// <summary>Google shows at most 110 characters of a headline.</summary>
    public const int MaxHeadline = 110;

    [JsonPropertyName("@context")]
    public string Context { get; init; } = "https://schema.org";

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "NewsArticle";

    /// <summary>The title, cut at a word to at most 110 characters (with an ellipsis) when longer.</summary>
    public required string Headline { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Description { get; init; }

    /// <summary>The article's page on the site; absent when no site is configured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? MainEntityOfPage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? DatePublished { get; init; }

    public required string DateModified { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required JsonLdImage? Image { get; init; }

    public required IReadOnlyList<JsonLdParty> Author { get; init; }
    public required JsonLdParty Publisher { get; init; }

    /// <summary>The source story's address.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? IsBasedOn { get; init; }

    /// <summary>The first tag.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? ArticleSection { get; init; }

    public required IReadOnlyList<string> Keywords { get; init; }
    public required string InLanguage { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> Shows { get; init; } = [];

    string IMediaTyped.MediaType => MediaType;

    public IEnumerable<string> CacheTags() => Shows;

    public static NewsArticleJsonLd From(ArticleResponse article, SiteUrls urls)
    {
        var url = urls.Article(article.Id, article.Slug, article.PublishedAt);
        var site = urls.Site;
        return new NewsArticleJsonLd
        {
            Headline = Shorten(article.Title),
            Description = article.MetaDescription ?? article.Excerpt,
            Url = url,
            MainEntityOfPage = url,
            DatePublished = article.PublishedAt is { } published ? Iso(published) : null,
            DateModified = Iso(article.UpdatedAt),
            Image = article.FeaturedImage is { } image
                ? new JsonLdImage { Url = image.Url, Caption = image.Caption ?? image.Alt, CreditText = image.Credit }
                : null,
            Author = article.Authors.Select(a => new JsonLdParty
            {
                Type = Bylines.IsDesk(a.Name) ? "Organization" : "Person",
                Name = a.Name,
                Url = urls.Author(a.Id, a.Slug),
            }).ToList(),
            Publisher = new JsonLdParty
            {
                Type = "Organization",
                Name = urls.PublicationName,
                Url = urls.Home,
                Logo = site.LogoUrl is { } logo ? new JsonLdImage { Url = logo } : null,
            },
            IsBasedOn = article.SourceUrl,
            ArticleSection = article.Tags.Count > 0 ? article.Tags[0].Name : null,
            Keywords = article.Tags.Select(t => t.Name).ToList(),
            InLanguage = site.Language,
            Shows = article.CacheTags().ToList(),
        };
    }

    /// <summary>At most 110 characters: cut at the last space that leaves room for an ellipsis.</summary>
    public static string Shorten(string title)
    {
        if (title.Length <= MaxHeadline)
        {
            return title;
        }
        var cut = title.LastIndexOf(' ', MaxHeadline - 1);
        return (cut > MaxHeadline / 2 ? title[..cut] : title[..(MaxHeadline - 1)]).TrimEnd() + "…";
    }

    private static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A schema.org <c>ImageObject</c>. Width and height are not stored, so they are never given.</summary>
public sealed record JsonLdImage
{
    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ImageObject";

    public required string Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caption { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreditText { get; init; }
}

/// <summary>A schema.org <c>Person</c> or <c>Organization</c>.</summary>
public sealed record JsonLdParty
{
    /// <summary>Person, or Organization (a desk byline, the publisher).</summary>
    [JsonPropertyName("@type")]
    public required string Type { get; init; }

    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonLdImage? Logo { get; init; }
}

/// <summary>
/// How a byline is known to be a desk rather than a person: by its name's last word. "News Desk", "Sports Desk",
/// "Foreign Staff", "Newsroom", "Reuters Bureau" are organisations; every other name is a person. A rule rather than
/// a stored field because newsrooms already name their desks this way, and a stored flag would have to be set on
/// every desk by hand.
/// </summary>
public static class Bylines
{
    private static readonly string[] DeskWords = ["desk", "staff", "newsroom", "bureau", "team", "editors"];

    public static bool IsDesk(string name)
    {
        var words = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && DeskWords.Contains(words[^1], StringComparer.OrdinalIgnoreCase);
    }
}
