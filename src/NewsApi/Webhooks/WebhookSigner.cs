using System.Security.Cryptography;
using System.Text;

namespace NewsApi.Webhooks;

/// <summary>Standard Webhooks signing secrets and signatures.</summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary><c>whsec_</c> and the base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary><c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the secret's bytes.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret in use, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, id, timestamp, body)));
}
