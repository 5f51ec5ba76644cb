using Microsoft.Extensions.Options;

namespace NewsApi.Media;

public static class MediaServiceCollectionExtensions
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Presets.Count > 0 && o.Presets.Keys.All(k => k.Length > 0 && k.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')),
                "Media:Presets needs at least one preset, named with lower-case letters, digits and hyphens.")
            .Validate(o => o.Storage != MediaStorageKind.S3 || !string.IsNullOrEmpty(o.S3.Bucket), "Media:S3:Bucket is required when Media:Storage is S3.")
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl)
                || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                    && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)),
                "Media:PublicBaseUrl must be an absolute http(s) URL with no query or fragment.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddFeaturedImageRenditions();
        services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value.Storage == MediaStorageKind.S3
            ? ActivatorUtilities.CreateInstance<S3MediaStore>(sp)
            : ActivatorUtilities.CreateInstance<FileSystemMediaStore>(sp));
        services.AddSingleton<Renditions>();
        services.AddSingleton<ImageWork>();
        // libvips' operation cache keeps recent operations and the buffers they read alive: for a server whose every
        // image is new, that is hundreds of MiB of old uploads held for nothing.
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
        return services;
    }
}
