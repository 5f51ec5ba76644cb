using System.Buffers.Binary;

namespace NewsApi.Media;

/// <summary>
/// Removes EXIF, XMP and IPTC (where GPS and other location tags live) from an original without re-encoding it:
/// the pixels stay exactly as uploaded and the cost is one pass over the bytes. The ICC profile is kept, since colours
/// depend on it. A JPEG that EXIF says to turn is turned upright and re-encoded before it gets here
/// (<see cref="ImageProcessing.TurnedUpright"/>), since its orientation goes with the EXIF.
/// </summary>
public static class MetadataStripping
{
    /// <summary>The file without location-bearing metadata, or null when the format is not handled here (re-encode it).</summary>
    public static byte[]? Strip(byte[] file, string format) => format switch
    {
        "jpeg" => Jpeg(file),
        "png" => Png(file),
        "webp" => WebP(file),
        "gif" => file, // GIF carries no EXIF; XMP in an application extension is rare and carries no GPS by convention.
        _ => null,
    };

    private static byte[] Jpeg(byte[] file)
    {
        using var output = new MemoryStream(file.Length);
        output.Write(file, 0, 2);
        var position = 2;
        while (position + 4 <= file.Length && file[position] == 0xFF)
        {
            var marker = file[position + 1];
            if (marker == 0xDA || marker == 0xD9)
            {
                break; // start of scan: the rest is image data
            }
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(position + 2));
            var end = position + 2 + length;
            if (end > file.Length)
            {
                break;
            }
            // APP1 holds EXIF and XMP, APP13 the Photoshop/IPTC block; APP2 (ICC) and the rest stay.
            if (marker is not (0xE1 or 0xED))
            {
                output.Write(file, position, end - position);
            }
            position = end;
        }
        output.Write(file, position, file.Length - position);
        return output.ToArray();
    }

    private static byte[] Png(byte[] file)
    {
        using var output = new MemoryStream(file.Length);
        output.Write(file, 0, 8);
        var position = 8;
        while (position + 12 <= file.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position));
            var end = position + 12 + length;
            if (length < 0 || end > file.Length)
            {
                break;
            }
            var type = System.Text.Encoding.ASCII.GetString(file, position + 4, 4);
            if (type is not ("eXIf" or "tEXt" or "zTXt" or "iTXt"))
            {
                output.Write(file, position, end - position);
            }
            position = end;
        }
        output.Write(file, position, file.Length - position);
        return output.ToArray();
    }

    private static byte[] WebP(byte[] file)
    {
        using var output = new MemoryStream(file.Length);
        output.Write(file, 0, 12);
        var position = 12;
        var vp8x = -1;
        while (position + 8 <= file.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(file, position, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4));
            var end = position + 8 + size + (size & 1);
            if (size < 0 || end > file.Length)
            {
                end = file.Length;
            }
            if (type is not ("EXIF" or "XMP "))
            {
                if (type == "VP8X")
                {
                    vp8x = (int)output.Position;
                }
                output.Write(file, position, end - position);
            }
            position = end;
        }
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        if (vp8x >= 0)
        {
            result[vp8x + 8] &= unchecked((byte)~(0x08 | 0x04)); // the EXIF and XMP flags
        }
        return result;
    }
}
