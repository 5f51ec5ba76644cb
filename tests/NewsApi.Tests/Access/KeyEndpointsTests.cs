using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

public sealed class KeyEndpointsOnSqlite(SqliteApi api) : KeyEndpointsTests(api), IClassFixture<SqliteApi>;

public sealed class KeyEndpointsOnPostgres(PostgresApi api) : KeyEndpointsTests(api), IClassFixture<PostgresApi>;

/// <summary>Creating, listing, revoking and expiring API keys; the fixture's client is the bootstrap admin.</summary>
public abstract partial class KeyEndpointsTests(NewsApiFactory api) : ApiTest(api)
{
    [GeneratedRegex("^nk_[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafeSecret();

    [Fact]
    public async Task CreatingAKeyAnswersWithItsSecretOnceAndWhereTheKeyLives()
    {
        var now = Api.Clock.GetUtcNow();

        var response = await Editor.PostJsonAsync("/api/v1/keys", new { name = "Night desk script", scopes = new[] { "content:write" } });

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var key = body["key"]!;
        var secret = (string)body["secret"]!;
        Assert.Equal($"/api/v1/keys/{key.Id()}", response.Headers.Location?.OriginalString);
        Assert.Matches(UrlSafeSecret(), secret);
        Assert.True(secret.Length >= 43, $"a secret of {secret.Length} characters is too short to guess");
        Assert.Equal(secret[..7], (string?)key["prefix"]);
        Assert.Equal("Night desk script", (string?)key["name"]);
        Assert.Equal(["content:write"], key["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(now, DateTimeOffset.Parse((string)key["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(key["lastUsedAt"]);
        Assert.Null(key["expiresAt"]);
        Assert.Null(key["revokedAt"]);
        Assert.Equal(
            ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scopes"],
            key.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheBootstrapKeyIsAnAdminWhoseKeysWorkInTheirTurn()
    {
        var admin = await Api.CreateAnonymousClient().WithKey(NewsApiFactory.AdminKey).CreateKeyAsync(["admin"]);

        var reader = await Api.CreateClient().WithKey(admin.Secret).CreateKeyAsync(["content:read"]);

        await (await Api.CreateClient().WithKey(reader.Secret).GetAsync("/api/v1/trash/articles")).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryCreatedSecretIsNew()
    {
        var first = await Editor.CreateKeyAsync(["content:read"], name: "Same name");
        var second = await Editor.CreateKeyAsync(["content:read"], name: "Same name");

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task RepeatedScopesAreKeptOnce()
    {
        var key = await Editor.CreateKeyAsync(["content:read", "content:read", "admin"]);

        Assert.Equal(["content:read", "admin"], key.Key["scopes"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task TheListShowsKeysButNeverTheirSecrets()
    {
        var reader = await Editor.CreateKeyAsync(["content:read"]);
        var writer = await Editor.CreateKeyAsync(["content:write"]);

        var response = await Editor.GetAsync("/api/v1/keys?pageSize=100");

        var list = await response.ReadJsonAsync(HttpStatusCode.OK);
        var text = list.ToJsonString();
        foreach (var key in new[] { reader, writer })
        {
            Assert.DoesNotContain(key.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Secret[7..], text, StringComparison.Ordinal);
            var listed = list["items"]!.AsArray().Single(k => k!.Id() == key.Id)!;
            Assert.Equal(key.Key.ToJsonString(), listed.ToJsonString());
        }
        Assert.All(list["items"]!.AsArray(), k => Assert.Null(k!["secret"]));
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedFromTheVeryNextRequest()
    {
        var key = await Editor.CreateKeyAsync(["content:write"]);
        var client = Api.CreateClient().WithKey(key.Secret);
        await (await client.PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") })).ReadJsonAsync(HttpStatusCode.Created);

        var revoked = await Editor.DeleteAsync($"/api/v1/keys/{key.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var write = await client.PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") });
        await write.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(write.Headers.WwwAuthenticate);
        // A bad key is refused even where no key is needed: its owner should learn it is broken.
        await (await client.GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokingIsRecordedOnceAndRevokingAgainChangesNothing()
    {
        var key = await Editor.CreateKeyAsync(["content:read"]);
        var revokedAt = Api.Clock.GetUtcNow();
        await Editor.RevokeKeyAsync(key.Id);
        Api.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await Editor.DeleteAsync($"/api/v1/keys/{key.Id}");

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var listed = await ListedAsync(key.Id);
        Assert.Equal(revokedAt, Time(listed["revokedAt"]));
    }

    [Fact]
    public async Task RevokingAnUnknownKeyIs404()
    {
        var response = await Editor.DeleteAsync($"/api/v1/keys/{Guid.NewGuid()}");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"","scopes":["content:read"]}""", "name")]
    [InlineData("""{"name":"   ","scopes":["content:read"]}""", "name")]
    [InlineData("""{"scopes":["content:read"]}""", "name")]
    [InlineData("""{"name":"Script","scopes":["content:read","root"]}""", "scopes[1]")]
    [InlineData("""{"name":"Script","scopes":["Admin"]}""", "scopes[0]")]
    [InlineData("""{"name":"Script","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"Script"}""", "scopes")]
    [InlineData("""{"name":"Script","scopes":["admin"],"expiresAt":"2026-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task AnInvalidKeyRequestIs400NamingTheField(string json, string field)
    {
        var response = await Editor.PostRawAsync("/api/v1/keys", json);

        await response.ReadValidationErrorAsync(field);
    }

    [Fact]
    public async Task AKeyCannotExpireAtTheMomentItIsMade()
    {
        var response = await Editor.PostJsonAsync("/api/v1/keys", new { name = "Script", scopes = new[] { "admin" }, expiresAt = Api.Clock.GetUtcNow() });

        await response.ReadValidationErrorAsync("expiresAt");
    }

    [Theory]
    [InlineData("X-Api-Key", "{0}")]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("Authorization", "bearer {0}")]
    public async Task AKeyWorksInEitherHeader(string header, string format)
    {
        var key = await Editor.CreateKeyAsync(["content:write"]);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tags")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = TestData.Unique("Tag") }),
        };
        request.Headers.TryAddWithoutValidation(header, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, key.Secret));

        var response = await Api.CreateAnonymousClient().SendAsync(request);

        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AKeyWorksUntilItExpires()
    {
        var expiresAt = Api.Clock.GetUtcNow().AddHours(1);
        var key = await Editor.CreateKeyAsync(["content:read"], expiresAt);
        Assert.Equal(expiresAt, Time(key.Key["expiresAt"]));
        var client = Api.CreateClient().WithKey(key.Secret);

        await (await client.GetAsync("/api/v1/trash/articles")).ReadJsonAsync(HttpStatusCode.OK);
        Api.Clock.Advance(TimeSpan.FromMinutes(59));
        await (await client.GetAsync("/api/v1/trash/articles")).ReadJsonAsync(HttpStatusCode.OK);
        Api.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(59));

        var response = await client.GetAsync("/api/v1/trash/articles");
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task AKeyExpiresAtTheExactInstantItNames()
    {
        var key = await Editor.CreateKeyAsync(["content:read"], Api.Clock.GetUtcNow().AddMinutes(10));
        var client = Api.CreateClient().WithKey(key.Secret);
        Api.Clock.Advance(TimeSpan.FromMinutes(10));

        await (await client.GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LastUsedAtSaysWhenAKeyWasLastUsedToTheMinute()
    {
        var key = await Editor.CreateKeyAsync(["content:read"]);
        var client = Api.CreateClient().WithKey(key.Secret);
        Assert.Null((await ListedAsync(key.Id))["lastUsedAt"]);

        var firstUse = Api.Clock.GetUtcNow();
        await (await client.GetAsync("/api/v1/tags")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(firstUse, Time((await ListedAsync(key.Id))["lastUsedAt"]));

        // Recorded at most once a minute, so a busy key does not cost a write per request.
        Api.Clock.Advance(TimeSpan.FromSeconds(30));
        await (await client.GetAsync("/api/v1/tags")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(firstUse, Time((await ListedAsync(key.Id))["lastUsedAt"]));

        Api.Clock.Advance(TimeSpan.FromSeconds(30));
        var laterUse = Api.Clock.GetUtcNow();
        await (await client.GetAsync("/api/v1/tags")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(laterUse, Time((await ListedAsync(key.Id))["lastUsedAt"]));
    }

    [Fact]
    public async Task OnlyAKeyThatAuthenticatesCountsAsUsed()
    {
        var key = await Editor.CreateKeyAsync(["content:read"]);

        var response = await Api.CreateClient().WithKey(key.Secret).PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") });

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        // The key authenticated (403, not 401): that is a use, even though it was not allowed to write.
        Assert.NotNull((await ListedAsync(key.Id))["lastUsedAt"]);
        var revoked = await Editor.CreateKeyAsync(["content:read"]);
        await Editor.RevokeKeyAsync(revoked.Id);
        await (await Api.CreateClient().WithKey(revoked.Secret).GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null((await ListedAsync(revoked.Id))["lastUsedAt"]);
    }

    private async Task<JsonNode> ListedAsync(string id)
    {
        var list = await (await Editor.GetAsync("/api/v1/keys?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        return list["items"]!.AsArray().Single(k => k!.Id() == id)!;
    }

    private static DateTimeOffset? Time(JsonNode? value) =>
        value is null ? null : DateTimeOffset.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A deployment with no bootstrap admin key: the test key is just an unknown key there.</summary>
public sealed class NoBootstrapKeyApi : SqliteApi
{
    protected override bool CallersAreEditors => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:BootstrapAdminKey"] = "",
    };
}

/// <summary>The bootstrap admin key comes from configuration; the check is the same on every provider.</summary>
public sealed class BootstrapKeyTests(NoBootstrapKeyApi api) : ApiTest(api), IClassFixture<NoBootstrapKeyApi>
{
    [Fact]
    public async Task WithoutABootstrapKeyConfiguredTheTestKeyIsRefused()
    {
        var response = await Client.WithKey(NewsApiFactory.AdminKey).PostJsonAsync("/api/v1/keys", new { name = "Script", scopes = new[] { "admin" } });

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutABootstrapKeyConfiguredNobodyCanMakeKeys()
    {
        var response = await Api.CreateAnonymousClient().PostJsonAsync("/api/v1/keys", new { name = "Script", scopes = new[] { "admin" } });

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABootstrapKeyOfTheShortestAllowedLengthWorks()
    {
        var shortest = "nk_" + new string('a', 32);
        await using var configured = new BootstrapKeyApi(shortest);

        var response = await configured.CreateClient().WithKey(shortest).GetAsync("/api/v1/keys");

        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("not-a-key-but-long-enough-0123456789abcdef")]
    [InlineData("nk_short")]
    [InlineData("nk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 31 characters after nk_
    [InlineData("nk_has spaces and is long enough 0123456789")]
    [InlineData("NK_UpperCasePrefixIsNotAKey_0123456789abcdef")]
    public async Task AMalformedBootstrapKeyStopsTheApplicationFromStarting(string bootstrap)
    {
        await using var configured = new BootstrapKeyApi(bootstrap);

        var failure = Assert.Throws<OptionsValidationException>(() => configured.CreateClient());

        Assert.Contains("BootstrapAdminKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bootstrap, failure.Message, StringComparison.Ordinal);
    }

    private sealed class BootstrapKeyApi(string key) : SqliteApi
    {
        protected override bool CallersAreEditors => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdminKey"] = key,
        };
    }
}
