using System.Net;
using System.Text.Json.Nodes;

namespace NewsApi.Tests.Infrastructure;

/// <summary>A key as <c>POST /api/v1/keys</c> answered it: the only time its secret is seen.</summary>
public sealed record CreatedKey(string Id, string Secret, JsonNode Key);

/// <summary>Makes and revokes API keys through the API itself, as an admin would.</summary>
public static class KeyTestData
{
    public static async Task<CreatedKey> CreateKeyAsync(
        this HttpClient admin, string[] scopes, DateTimeOffset? expiresAt = null, string? name = null)
    {
        var response = await admin.PostJsonAsync("/api/v1/keys", new { name = name ?? TestData.Unique("Key"), scopes, expiresAt });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return new CreatedKey((string)body["key"]!["id"]!, (string)body["secret"]!, body["key"]!);
    }

    public static async Task RevokeKeyAsync(this HttpClient admin, string id) =>
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);

    /// <summary>A secret shaped like a real one (nk_ and 43 URL-safe characters) that no key has.</summary>
    public static string UnknownSecret() =>
        "nk_" + System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
