using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace NewsApi.Media;

/// <summary>
/// Lists a whole article's featured-image renditions as it is written: they follow from the asset's id, size and the
/// configured presets, on the origin of the URL the article stores, so every read path (compiled query, change
/// feed, write answers) stays as it is and none of them can forget it.
/// </summary>
public static class FeaturedImageRenditions
{
    public static IServiceCollection AddFeaturedImageRenditions(this IServiceCollection services)
    {
        services.AddOptions<JsonOptions>().Configure<IOptions<MediaOptions>>((json, media) =>
            json.SerializerOptions.TypeInfoResolver = (json.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(info => AddRenditions(info, media.Value)));
        return services;
    }

    private static void AddRenditions(JsonTypeInfo info, MediaOptions media)
    {
        if (info.Type != typeof(ArticleResponse)
            || info.Properties.FirstOrDefault(p => p.Name == "featuredImage") is not { Get: { } get } property)
        {
            return;
        }
        property.Get = o => get(o) is ArticleImage { MediaId: { } id, Width: { } width, Height: { } height, Renditions: null } image
            && MediaLinks.FromUrlOf(id, image.Url, media) is { } links
                ? image with { Renditions = links.RenditionsOf(id, width, height) }
                : get(o);
    }
}
