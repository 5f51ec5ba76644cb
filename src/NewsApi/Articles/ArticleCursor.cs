using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Articles;

/// <summary>
/// Where a keyset page starts: the sort key and id of the last article of the previous page, plus a fingerprint
/// of the query it belongs to. Opaque to clients (base64url JSON); it only positions, so it needs no secret.
/// </summary>
public sealed record ArticleCursor(
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("t")] long? Ticks,
    [property: JsonPropertyName("k")] string? Text,
    [property: JsonPropertyName("i")] Guid Id,
    [property: JsonPropertyName("f")] string Fingerprint)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, CursorJson.Default.ArticleCursor));

    public static bool TryDecode(string value, out ArticleCursor cursor)
    {
        cursor = null!;
        try
        {
            if (value.Length > 2048)
            {
                return false;
            }
            var decoded = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(value), CursorJson.Default.ArticleCursor);
            if (decoded is null || decoded.Id == Guid.Empty || !ArticleSort.TryParse(decoded.Sort, out _)
                || (decoded.Ticks is null) == (decoded.Text is null))
            {
                return false;
            }
            cursor = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    public static string FingerprintOf(ArticleListQuery query) => Convert.ToHexString(
        SHA256.HashData(Encoding.UTF8.GetBytes(query.Fingerprint)).AsSpan(0, 8));
}

[JsonSerializable(typeof(ArticleCursor))]
internal sealed partial class CursorJson : JsonSerializerContext;
