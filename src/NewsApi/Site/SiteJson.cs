using System.Text.Json.Serialization.Metadata;
using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Sources;
using NewsApi.Tags;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace NewsApi.Site;

/// <summary>
/// Fills the <c>url</c> of articles, authors, tags and sources as they are written: the address depends on the
/// site's settings, not on the row, so the queries (compiled, or written as JSON by the database) stay as they are.
/// </summary>
public static class SiteJson
{
    public static IServiceCollection AddSiteUrlsToResponses(this IServiceCollection services)
    {
        services.AddOptions<JsonOptions>().Configure<SiteUrls>((json, urls) =>
            json.SerializerOptions.TypeInfoResolver = (json.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(info => AddUrls(info, urls)));
        return services;
    }

    private static void AddUrls(JsonTypeInfo info, SiteUrls urls)
    {
        Func<object, string?>? url =
            info.Type == typeof(ArticleResponse) ? o => o is ArticleResponse a ? urls.Article(a.Id, a.Slug, a.PublishedAt) : null
            : info.Type == typeof(AuthorResponse) ? o => o is AuthorResponse a ? urls.Author(a.Id, a.Slug) : null
            : info.Type == typeof(TagResponse) ? o => o is TagResponse t ? urls.Tag(t.Id, t.Slug) : null
            : info.Type == typeof(SourceResponse) ? o => o is SourceResponse s ? urls.Source(s.Id, s.Slug) : null
            : null;
        if (url is not null && info.Properties.FirstOrDefault(p => p.Name == "url") is { } property)
        {
            property.Get = url;
            // Written by the server only: a client sending it back is refused like any server-owned member.
            property.Set = null;
        }
    }
}
