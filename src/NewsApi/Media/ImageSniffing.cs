using System.Text;

namespace NewsApi.Media;

/// <summary>What a file is, read from its first bytes: never from its name or the Content-Type the client sent.</summary>
public static class ImageSniffing
{
    public const string Svg = "svg";

    /// <summary>jpeg, png, gif, webp, avif; <see cref="Svg"/> for SVG (which is refused); null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "jpeg";
        }
        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "gif";
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("avif"u8) || head[8..12].SequenceEqual("avis"u8)))
        {
            return "avif";
        }
        return LooksLikeSvg(head) ? Svg : null;
    }

    public static string ContentType(string format) => format switch
    {
        "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => "application/octet-stream",
    };

    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && text.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
