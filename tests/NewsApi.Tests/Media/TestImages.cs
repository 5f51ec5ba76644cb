using System.Buffers.Binary;
using NetVips;

namespace NewsApi.Tests.Media;

/// <summary>Images made by the tests themselves, so no binary is committed.</summary>
internal static class TestImages
{
    /// <summary>A gradient JPEG; <paramref name="tint"/> makes otherwise equal images different files.</summary>
    public static byte[] Jpeg(int width, int height, int tint = 0, bool withGps = false)
    {
        using var xy = Image.Xyz(width, height);
        using var red = (xy[0] * (255.0 / width)).Cast(Enums.BandFormat.Uchar);
        using var green = (xy[1] * (255.0 / height)).Cast(Enums.BandFormat.Uchar);
        using var blue = (Image.Black(width, height) + tint % 256).Cast(Enums.BandFormat.Uchar);
        using var rgb = red.Bandjoin(green, blue).Copy(interpretation: Enums.Interpretation.Srgb);
        var jpeg = rgb.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
        return withGps ? WithGpsExif(jpeg) : jpeg;
    }

    /// <summary>A gradient JPEG stored sideways, as phones store photos: its EXIF orientation says how to turn it upright.</summary>
    public static byte[] JpegWithOrientation(int width, int height, int tint, int orientation)
    {
        using var image = Image.NewFromBuffer(Jpeg(width, height, tint));
        using var tagged = image.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.Exif);
    }

    public static int Orientation(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return image.Contains("orientation") ? (int)image.Get("orientation") : 1;
    }

    public static byte[] Png(int width, int height, int tint = 0)
    {
        using var image = Image.NewFromBuffer(Jpeg(width, height, tint));
        return image.PngsaveBuffer();
    }

    public const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>";

    /// <summary>A PNG whose header claims 100000×100000 pixels (ten gigapixels) and that has no pixels at all.</summary>
    public static byte[] PngBomb()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 100_000);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment with a GPS IFD (GPSLatitudeRef = N) after the JPEG's SOI marker.</summary>
    private static byte[] WithGpsExif(byte[] jpeg)
    {
        var tiff = new byte[44];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1); // IFD0: one entry
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x8825); // GPSInfo pointer
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 4); // LONG
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(18), 26);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(26), 1); // GPS IFD: one entry
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(28), 0x0001); // GPSLatitudeRef
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(30), 2); // ASCII
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(32), 2);
        tiff[36] = (byte)'N';
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)data.Length);
        file.Write(buffer);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32(typed));
        file.Write(buffer);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }

    public static bool HasGps(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return image.GetFields().Any(f => f.StartsWith("exif-ifd3-", StringComparison.Ordinal));
    }

    public static (int Width, int Height, bool HasMetadata) Inspect(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        var fields = image.GetFields();
        return (image.Width, image.Height, fields.Any(f => f is "exif-data" or "xmp-data" or "iptc-data"));
    }
}
