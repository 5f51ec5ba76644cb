using System.Text.Json.Nodes;

namespace NewsApi.Tests.Infrastructure;

/// <summary>An article as the API answered it, with what the open-web formats should say about it.</summary>
public sealed record PublishedArticle(JsonNode Json)
{
    public string Id => (string)Json["id"]!;
    public string Title => (string)Json["title"]!;
    public string Slug => (string)Json["slug"]!;
    public DateTime PublishedAt => Json["publishedAt"]!.GetValue<DateTime>().ToUniversalTime();
    public DateTime UpdatedAt => Json["updatedAt"]!.GetValue<DateTime>().ToUniversalTime();
    public string AuthorName => (string)Json["authors"]![0]!["name"]!;

    /// <summary>The page on the site, by the test site's template (<c>/news/{yyyy}/{MM}/{slug}</c>).</summary>
    public string SiteUrl => $"{SiteSettings.BaseUrl}/news/{PublishedAt:yyyy}/{PublishedAt:MM}/{Slug}";
}
