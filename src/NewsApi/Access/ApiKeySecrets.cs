using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NewsApi.Access;

/// <summary>Making and recognising key secrets: <c>nk_</c> and 32 random bytes, URL-safe.</summary>
public static class ApiKeySecrets
{
    public const string KeyPrefix = "nk_";
    private const int SecretBytes = 32;
    private const int ShownPrefixLength = 7;

    public static string NewSecret() => KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string ShownPrefix(string secret) => secret[..Math.Min(ShownPrefixLength, secret.Length)];

    /// <summary>Cheap shape check before any lookup: junk never reaches the database.</summary>
    public static bool LooksLikeAKey(string? value) =>
        value is { Length: > 3 and <= 200 } && value.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && value.AsSpan(KeyPrefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static bool SameHash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);
}
