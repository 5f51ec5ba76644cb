namespace NewsApi.Media;

public enum RenditionFormat
{
    Webp,
    Avif,
    Jpg,
}

public static class RenditionFormats
{
    public static string Extension(this RenditionFormat format) => format switch
    {
        RenditionFormat.Webp => "webp",
        RenditionFormat.Avif => "avif",
        _ => "jpg",
    };

    public static string ContentType(this RenditionFormat format) => format switch
    {
        RenditionFormat.Webp => "image/webp",
        RenditionFormat.Avif => "image/avif",
        _ => "image/jpeg",
    };

    public static RenditionFormat? Parse(string extension) => extension switch
    {
        "webp" => RenditionFormat.Webp,
        "avif" => RenditionFormat.Avif,
        "jpg" => RenditionFormat.Jpg,
        _ => null,
    };
}
