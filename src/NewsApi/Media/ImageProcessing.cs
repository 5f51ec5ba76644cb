using NetVips;

namespace NewsApi.Media;

/// <summary>What libvips does for the media library: read a header, make a placeholder, make a rendition.</summary>
public static class ImageProcessing
{
    private static readonly Lazy<bool> AvifSupported = new(() =>
        NetVips.NetVips.TypeFind("VipsOperation", "heifsave_buffer") != IntPtr.Zero);

    public static bool CanWriteAvif => AvifSupported.Value;

    /// <summary>
    /// Width and height as a viewer shows the image (turned by its EXIF orientation), from the header only: libvips
    /// opens lazily and decodes no pixels here.
    /// </summary>
    public static (int Width, int Height)? ReadSize(byte[] file)
    {
        try
        {
            using var image = Image.NewFromBuffer(file, access: Enums.Access.Sequential);
            return Upright(image);
        }
        catch (VipsException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JPEG that a viewer must turn (EXIF orientation 2 to 8, as phones store photos), turned upright and re-encoded
    /// at high quality with only its ICC profile; null when it is upright already. Stripping the EXIF would otherwise
    /// drop the orientation with the location, and every rendition would come out sideways.
    /// </summary>
    public static byte[]? TurnedUpright(byte[] jpeg)
    {
        using var image = Image.NewFromBuffer(jpeg);
        if (!image.Contains("orientation") || (int)image.Get("orientation") is < 2 or > 8)
        {
            return null;
        }
        using var upright = image.Autorot();
        return upright.JpegsaveBuffer(q: 92, optimizeCoding: true, keep: Enums.ForeignKeep.Icc);
    }

    /// <summary>A 16-pixel-wide WebP as a data: URI: about 200 bytes, enough for a blurred stand-in.</summary>
    public static string Placeholder(byte[] file)
    {
        using var tiny = Image.ThumbnailBuffer(file, 16, height: 16, size: Enums.Size.Down);
        var bytes = tiny.WebpsaveBuffer(q: 40, keep: Enums.ForeignKeep.None);
        return "data:image/webp;base64," + Convert.ToBase64String(bytes);
    }

    /// <summary>Re-encodes an original in its own format with only its ICC profile kept.</summary>
    public static byte[] Reencode(byte[] file, string format)
    {
        using var image = Image.NewFromBuffer(file, access: Enums.Access.Sequential);
        return format == "avif"
            ? image.HeifsaveBuffer(q: 80, compression: Enums.ForeignHeifCompression.Av1, keep: Enums.ForeignKeep.Icc)
            : image.WriteToBuffer("." + format, new VOption { { "keep", Enums.ForeignKeep.Icc } });
    }

    /// <summary>The size a preset gives an original: never wider than the original unless the preset crops.</summary>
    public static (int Width, int Height) RenditionSize(MediaPreset preset, int width, int height)
    {
        if (preset.Height is { } fixedHeight)
        {
            return (preset.Width, fixedHeight);
        }
        var w = Math.Min(preset.Width, width);
        return (w, Math.Max(1, (int)Math.Round(height * (double)w / width)));
    }

    /// <summary>
    /// Shrinks on load (JPEG and WebP decode at a fraction of their size), rotates upright, and for a fixed-size preset
    /// crops around the focal point. The output carries no metadata at all.
    /// </summary>
    public static byte[] Render(byte[] original, MediaPreset preset, double focalX, double focalY, RenditionFormat format)
    {
        Image image;
        if (preset.Height is { } targetHeight)
        {
            using var header = Image.NewFromBuffer(original, access: Enums.Access.Sequential);
            var (w, h) = Upright(header);
            var scale = Math.Max(preset.Width / (double)w, targetHeight / (double)h);
            var scaledWidth = Math.Max(preset.Width, (int)Math.Ceiling(w * scale));
            using var covered = Image.ThumbnailBuffer(original, scaledWidth, height: 100_000, size: Enums.Size.Both);
            var left = Math.Clamp((int)Math.Round(focalX * covered.Width - preset.Width / 2.0), 0, Math.Max(0, covered.Width - preset.Width));
            var top = Math.Clamp((int)Math.Round(focalY * covered.Height - targetHeight / 2.0), 0, Math.Max(0, covered.Height - targetHeight));
            image = covered.Crop(left, top, Math.Min(preset.Width, covered.Width), Math.Min(targetHeight, covered.Height));
        }
        else
        {
            image = Image.ThumbnailBuffer(original, preset.Width, height: 100_000, size: Enums.Size.Down);
        }
        using (image)
        {
            return format switch
            {
                RenditionFormat.Webp => image.WebpsaveBuffer(q: 80, effort: 2, keep: Enums.ForeignKeep.None),
                RenditionFormat.Avif => image.HeifsaveBuffer(q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
                _ => image.JpegsaveBuffer(q: 82, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
            };
        }
    }

    private static (int Width, int Height) Upright(Image image)
    {
        var orientation = image.Contains("orientation") ? (int)image.Get("orientation") : 1;
        return orientation is 5 or 6 or 7 or 8 ? (image.Height, image.Width) : (image.Width, image.Height);
    }
}
