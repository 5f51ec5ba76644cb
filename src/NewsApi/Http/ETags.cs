using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Http;

/// <summary>
/// Strong entity tags: a hash of the exact JSON a representation is sent as. Every write changes a resource's
/// version and updatedAt, so its tag changes; embedded data (an author's name in an article) changes it too.
/// </summary>
public static class ETags
{
    private const int TagBytes = 16;

    public static byte[] Serialize(object value, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options);

    public static EntityTagHeaderValue Of(byte[] body) => OfHash(SHA256.HashData(body));

    /// <summary>The tag of a body whose SHA-256 is <paramref name="sha256"/>.</summary>
    public static EntityTagHeaderValue OfHash(byte[] sha256) =>
        new($"\"{Base64Url.EncodeToString(sha256.AsSpan(0, TagBytes))}\"");

    public static EntityTagHeaderValue Of(object value, JsonSerializerOptions options) => Of(Serialize(value, options));
}
