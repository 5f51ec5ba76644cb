using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Http.CachingHeaders;

namespace NewsApi.Tests.Http;

public sealed class HttpCachingOnSqlite(SqliteApi api) : HttpCachingTests(api), IClassFixture<SqliteApi>;

public sealed class HttpCachingOnPostgres(PostgresApi api) : HttpCachingTests(api), IClassFixture<PostgresApi>;

public sealed class PublicHttpCachingOnSqlite(PublicSqliteApi api) : PublicHttpCachingTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicHttpCachingOnPostgres(PublicPostgresApi api) : PublicHttpCachingTests(api), IClassFixture<PublicPostgresApi>;

internal static class CachingHeaders
{
    /// <summary>The header as sent: parsing it (<c>Headers.CacheControl</c>) reorders the directives.</summary>
    public static string? CacheControl(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Cache-Control", out var values) ? values.ToString() : null;
}

/// <summary>Editors: every caller may read drafts, so nothing may be kept by a cache.</summary>
public abstract class HttpCachingTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task GetsByIdBySlugAndListsCarryAStrongETag()
    {
        var article = await Editor.CreateArticleAsync();
        var tag = await Editor.CreateTagAsync();

        foreach (var url in new[]
        {
            $"/api/v1/articles/{article.Id()}", $"/api/v1/articles/slug/{article["slug"]}", "/api/v1/articles",
            $"/api/v1/tags/{tag.Id()}", $"/api/v1/tags/slug/{tag["slug"]}", "/api/v1/tags", "/api/v1/authors", "/api/v1/sources",
        })
        {
            var response = await Client.GetAsync(url, Cancel);
            await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.NotNull(response.Headers.ETag);
            Assert.False(response.Headers.ETag.IsWeak, $"GET {url} has a strong ETag");
        }
    }

    [Fact]
    public async Task TheETagIsAHashOfTheBodyItComesWith()
    {
        var tag = await Editor.CreateTagAsync();

        var response = await Client.GetAsync($"/api/v1/tags/{tag.Id()}", Cancel);

        var body = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal($"\"{Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16))}\"", response.Headers.ETag?.Tag);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task TheSameBodyGetsTheSameTag()
    {
        var article = await Editor.CreateArticleAsync();

        var first = await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel);
        var second = await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel);

        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await second.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("\"someone-else\", {0}")]
    [InlineData("*")]
    [InlineData("W/{0}")]
    public async Task AMatchingIfNoneMatchIs304WithNoBody(string ifNoneMatch)
    {
        var tag = await Editor.CreateTagAsync();
        var url = $"/api/v1/tags/{tag.Id()}";
        var etag = (await Client.GetAsync(url, Cancel)).Headers.ETag!.Tag;

        var response = await GetAsync(url, string.Format(System.Globalization.CultureInfo.InvariantCulture, ifNoneMatch, etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(etag, response.Headers.ETag?.Tag);
        Assert.Equal("private, no-store", CacheControl(response));
    }

    [Fact]
    public async Task AChangedResourceGetsANewTagAndTheOldTagGetsItsBody()
    {
        var tag = await Editor.CreateTagAsync();
        var url = $"/api/v1/tags/{tag.Id()}";
        var before = (await Client.GetAsync(url, Cancel)).Headers.ETag!;

        await (await Editor.PatchAsync(url, new { description = "Changed." })).ReadJsonAsync(HttpStatusCode.OK);
        var response = await GetAsync(url, before.Tag);

        var changed = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Changed.", (string?)changed["description"]);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotEqual(before, response.Headers.ETag);
    }

    [Fact]
    public async Task RenamingAnAuthorChangesTheETagOfAnArticleThatShowsIt()
    {
        var author = await Editor.CreateAuthorAsync();
        var article = await Editor.CreateArticleAsync(new { authorIds = new[] { author.Id() } });
        var url = $"/api/v1/articles/{article.Id()}";
        var before = (await Client.GetAsync(url, Cancel)).Headers.ETag!;

        var renamed = TestData.Unique("Renamed");
        await (await Editor.PatchAsync($"/api/v1/authors/{author.Id()}", new { name = renamed })).ReadJsonAsync(HttpStatusCode.OK);
        var response = await GetAsync(url, before.Tag);

        var after = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(renamed, (string?)after["authors"]![0]!["name"]);
        Assert.NotEqual(before, response.Headers.ETag);
    }

    [Fact]
    public async Task WritesAnswerWithTheNewETagAndNoCacheControl()
    {
        var tag = await Editor.CreateTagAsync();
        var url = $"/api/v1/tags/{tag.Id()}";

        var created = await Editor.PostJsonAsync("/api/v1/tags", new { name = TestData.Unique("Tag") });
        var replaced = await Editor.PutJsonAsync(url, new { name = TestData.Unique("Tag") });
        var patched = await Editor.PatchAsync(url, new { description = "Patched." });
        var afterPatch = await Client.GetAsync(url, Cancel);
        var deleted = await Editor.DeleteAsync(url, Cancel);

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent],
            new[] { created, replaced, patched, deleted }.Select(r => r.StatusCode));
        // What a write answers with is the new version: its tag is the one the next GET gives, ready for If-Match.
        Assert.NotNull(replaced.Headers.ETag);
        Assert.NotEqual(replaced.Headers.ETag, patched.Headers.ETag);
        Assert.Equal(afterPatch.Headers.ETag, patched.Headers.ETag);
        var createdTag = await created.ReadJsonAsync(HttpStatusCode.Created);
        var createdGet = await Client.GetAsync($"/api/v1/tags/{createdTag.Id()}", Cancel);
        Assert.Equal(createdGet.Headers.ETag, created.Headers.ETag);
        Assert.Null(deleted.Headers.ETag);
        Assert.All(new[] { created, replaced, patched, deleted }, r => Assert.Null(r.Headers.CacheControl));
    }

    [Fact]
    public async Task ProblemsPassThroughEvenForIfNoneMatchStar()
    {
        var response = await GetAsync($"/api/v1/tags/{Guid.NewGuid()}", "*");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Headers.CacheControl);
    }

    [Fact]
    public async Task EditorsAnswersArePrivateAndNotStored()
    {
        var article = await Editor.CreateArticleAsync();

        var response = await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel);

        await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("private, no-store", CacheControl(response));
    }

    private Task<HttpResponseMessage> GetAsync(string url, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return Client.SendAsync(request, Cancel);
    }
}

/// <summary>Anonymous callers read only what is public, which any cache may keep for the configured time.</summary>
public abstract class PublicHttpCachingTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task PublicAnswersMayBeCachedForAMinute()
    {
        var tag = await Editor.CreateTagAsync();

        foreach (var url in new[] { "/api/v1/tags", $"/api/v1/tags/{tag.Id()}", "/api/v1/authors", "/api/v1/sources" })
        {
            var response = await Client.GetAsync(url, Cancel);
            await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("public, max-age=60", CacheControl(response));
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task A304KeepsThePublicCacheControl()
    {
        var tag = await Editor.CreateTagAsync();
        var url = $"/api/v1/tags/{tag.Id()}";
        var etag = (await Client.GetAsync(url, Cancel)).Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("public, max-age=60", CacheControl(response));
        Assert.Equal(etag, response.Headers.ETag);
    }
}

/// <summary>A public deployment that lets caches keep answers for five minutes.</summary>
public sealed class FiveMinuteCacheApi : SqliteApi
{
    protected override bool CallersAreEditors => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["HttpCaching:MaxAgeSeconds"] = "300",
    };
}

public sealed class HttpCachingMaxAgeTests(FiveMinuteCacheApi api) : ApiTest(api), IClassFixture<FiveMinuteCacheApi>
{
    [Fact]
    public async Task TheMaxAgeComesFromConfiguration()
    {
        var response = await Client.GetAsync("/api/v1/tags", Cancel);

        await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("public, max-age=300", CacheControl(response));
    }

    [Fact]
    public async Task ANegativeMaxAgeStopsTheApplicationFromStarting()
    {
        await using var api = new NegativeMaxAgeApi();

        var failure = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains("MaxAgeSeconds", failure.Message, StringComparison.Ordinal);
    }

    private sealed class NegativeMaxAgeApi : SqliteApi
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["HttpCaching:MaxAgeSeconds"] = "-1",
        };
    }
}
