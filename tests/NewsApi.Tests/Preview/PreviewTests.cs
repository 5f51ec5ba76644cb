using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Preview;

public sealed class PreviewOnSqlite(SiteSqliteApi api) : PreviewTests(api), IClassFixture<SiteSqliteApi>;

public sealed class PreviewOnPostgres(SitePostgresApi api) : PreviewTests(api), IClassFixture<SitePostgresApi>;

/// <summary>Preview links: a draft for whoever holds the token, never cached, closed by expiry, revocation or a later revision.</summary>
public abstract class PreviewTests(NewsApiFactory api) : ApiTest(api)
{
    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<JsonNode> CreateLinkAsync(string articleId, object? body = null)
    {
        var response = body is null
            ? await Editor.PostAsync($"/api/v1/articles/{articleId}/preview-links", null, Cancel)
            : await Editor.PostJsonAsync($"/api/v1/articles/{articleId}/preview-links", body);
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage> PreviewAsync(JsonNode link) =>
        await _reader.GetAsync($"/api/v1/preview/{link["token"]}", Cancel);

    private static async Task AssertClosedAsync(HttpResponseMessage response)
    {
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
        AssertNeverStored(response);
    }

    private static void AssertNeverStored(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");

    [Fact]
    public async Task ALinkShowsTheDraftAsItNowStandsAndIsNeverCached()
    {
        var draft = await Editor.CreateArticleAsync(new { title = TestData.Unique("Draft") });
        var link = await CreateLinkAsync(draft.Id());
        Assert.Equal($"{SiteSettings.BaseUrl}/preview?token={link["token"]}", (string?)link["url"]);
        Assert.Equal(Api.Clock.GetUtcNow().UtcDateTime.AddHours(1), link["expiresAt"]!.GetValue<DateTime>().ToUniversalTime());

        var first = await PreviewAsync(link);
        var shown = await first.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)draft["title"], (string?)shown["title"]);
        Assert.Equal("draft", (string?)shown["status"]);
        AssertNeverStored(first);

        var edited = TestData.Unique("Edited draft");
        Assert.Equal(HttpStatusCode.OK, (await Editor.PatchAsync($"/api/v1/articles/{draft.Id()}", new { title = edited })).StatusCode);
        Assert.Equal(edited, (string?)(await (await PreviewAsync(link)).ReadJsonAsync(HttpStatusCode.OK))["title"]);

        // Changed behind the API: a preview is read afresh every time, never from the output cache.
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var id = Guid.Parse(draft.Id());
            await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Articles.Where(a => a.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Behind the API"), Cancel);
        }
        Assert.Equal("Behind the API", (string?)(await (await PreviewAsync(link)).ReadJsonAsync(HttpStatusCode.OK))["title"]);
    }

    [Fact]
    public async Task ALinkExpires()
    {
        var draft = await Editor.CreateArticleAsync();
        var link = await CreateLinkAsync(draft.Id(), new { expiresInMinutes = 10 });
        Api.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await PreviewAsync(link)).StatusCode);
        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        await AssertClosedAsync(await PreviewAsync(link));
    }

    [Fact]
    public async Task ARevokedLinkIsA404()
    {
        var draft = await Editor.CreateArticleAsync();
        var link = await CreateLinkAsync(draft.Id());
        Assert.Equal(HttpStatusCode.OK, (await PreviewAsync(link)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{draft.Id()}/preview-links/{link["id"]}", Cancel)).StatusCode);

        await AssertClosedAsync(await PreviewAsync(link));
        await (await Editor.DeleteAsync($"/api/v1/articles/{draft.Id()}/preview-links/{link["id"]}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALinkLimitedToARevisionClosesWhenTheArticleMovesOn()
    {
        var draft = await Editor.CreateArticleAsync();
        var revisions = await (await Editor.GetAsync($"/api/v1/articles/{draft.Id()}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var current = revisions["items"]!.AsArray().Max(r => (int)r!["number"]!);
        var link = await CreateLinkAsync(draft.Id(), new { revision = current });
        Assert.Equal(HttpStatusCode.OK, (await PreviewAsync(link)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Editor.PatchAsync($"/api/v1/articles/{draft.Id()}", new { title = TestData.Unique("Next") })).StatusCode);

        await AssertClosedAsync(await PreviewAsync(link));
    }

    [Fact]
    public async Task UnknownAndMalformedTokensAre404sNever401s()
    {
        await AssertClosedAsync(await _reader.GetAsync("/api/v1/preview/pv_" + new string('a', 43), Cancel));
        await AssertClosedAsync(await _reader.GetAsync("/api/v1/preview/not-a-token", Cancel));
    }

    [Fact]
    public async Task TheTokenIsStoredOnlyAsItsHash()
    {
        var draft = await Editor.CreateArticleAsync();
        var link = await CreateLinkAsync(draft.Id());
        var token = (string)link["token"]!;

        await using var scope = Api.Services.CreateAsyncScope();
        var id = Guid.Parse((string)link["id"]!);
        var stored = await scope.ServiceProvider.GetRequiredService<NewsDbContext>().PreviewLinks.SingleAsync(l => l.Id == id, Cancel);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.Hash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7 * 24 * 60 + 1)]
    public async Task AnExpiryOutsideOneMinuteToSevenDaysIsRefused(int minutes)
    {
        var draft = await Editor.CreateArticleAsync();
        await (await Editor.PostJsonAsync($"/api/v1/articles/{draft.Id()}/preview-links", new { expiresInMinutes = minutes }))
            .ReadValidationErrorAsync("expiresInMinutes");
    }

    [Fact]
    public async Task MakingALinkNeedsContentWrite()
    {
        var draft = await Editor.CreateArticleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _reader.PostAsync($"/api/v1/articles/{draft.Id()}/preview-links", null, Cancel)).StatusCode);
    }
}
