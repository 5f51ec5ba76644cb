using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Webhooks;

public sealed class WebhookSubscriptionsOnSqlite(WebhookSqliteApi api) : WebhookSubscriptionTests(api), IClassFixture<WebhookSqliteApi>;

public sealed class WebhookSubscriptionsOnPostgres(WebhookPostgresApi api) : WebhookSubscriptionTests(api), IClassFixture<WebhookPostgresApi>;

public abstract class WebhookSubscriptionTests(NewsApiFactory api) : WebhookTest(api)
{
    [Fact]
    public async Task CreatingASubscriptionShowsItsSecretOnceAndNeverAgain()
    {
        var response = await Editor.PostJsonAsync("/api/v1/webhooks", new
        {
            url = "https://hooks.example.com/newsapi",
            events = new[] { "article.published", "article.unpublished" },
            description = "CDN purge",
            filters = new { tags = new[] { "climate" }, source = "baltic-wire" },
        });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var secret = (string)body["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var id = (string)body["webhook"]!["id"]!;
        Assert.Equal($"/api/v1/webhooks/{id}", response.Headers.Location?.OriginalString);

        var read = await Editor.GetAsync($"/api/v1/webhooks/{id}");
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", text, StringComparison.Ordinal);
        var webhook = JsonNode.Parse(text)!;
        Assert.Equal(["article.published", "article.unpublished"], webhook["events"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("climate", (string)webhook["filters"]!["tags"]![0]!);
        Assert.Equal("baltic-wire", (string)webhook["filters"]!["source"]!);
        Assert.True((bool)webhook["enabled"]!);
        Assert.NotNull(read.Headers.ETag);

        var list = await (await Editor.GetAsync("/api/v1/webhooks")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(list["items"]!.AsArray(), w => (string)w!["id"]! == id);
        Assert.DoesNotContain(secret, list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacingPatchingAndDeletingFollowTheOtherResources()
    {
        var (id, _) = await SubscribeAsync("https://hooks.example.com/a");
        var url = $"/api/v1/webhooks/{id}";

        var noIfMatch = await Editor.PutJsonAsync(url, new { url = "https://hooks.example.com/b", events = new[] { "*" } }, HttpAssertions.NoIfMatch);
        await noIfMatch.ReadProblemAsync(HttpStatusCode.PreconditionRequired);

        var replaced = await (await Editor.PutJsonAsync(url, new { url = "https://hooks.example.com/b", events = new[] { "tag.created" }, enabled = false }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("https://hooks.example.com/b", (string)replaced["url"]!);
        Assert.False((bool)replaced["enabled"]!);
        Assert.Null(replaced["description"]);

        var patched = await (await Editor.PatchAsync(url, new { enabled = true, events = new[] { "tag.created", "tag.deleted" } }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.True((bool)patched["enabled"]!);
        Assert.Equal("https://hooks.example.com/b", (string)patched["url"]!);
        Assert.Equal(2, patched["events"]!.AsArray().Count);

        var stale = await Editor.PatchAsync(url, new { description = "x" }, ifMatch: "\"stale\"");
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync(url)).StatusCode);
        await (await Editor.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/relative/path", "url")]
    [InlineData("ftp://hooks.example.com/x", "url")]
    [InlineData("not a url", "url")]
    public async Task ABadUrlIsAProblemNamingIt(string url, string field)
    {
        var response = await Editor.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
        await response.ReadValidationErrorAsync(field);
    }

    [Fact]
    public async Task AnUnknownEventTypeOrAnEmptyListIsAProblemNamingIt()
    {
        var unknown = await Editor.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/x", events = new[] { "article.published", "article.exploded" } });
        var messages = await unknown.ReadValidationErrorAsync("events[1]");
        Assert.Contains("article.exploded", messages[0], StringComparison.Ordinal);

        var empty = await Editor.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/x", events = Array.Empty<string>() });
        await empty.ReadValidationErrorAsync("events");

        var badTag = await Editor.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/x", events = new[] { "*" }, filters = new { tags = new[] { "Not A Slug" } } });
        await badTag.ReadValidationErrorAsync("filters.tags[0]");

        var unknownQuery = await Editor.GetAsync("/api/v1/webhooks?page_size=5");
        await unknownQuery.ReadValidationErrorAsync("page_size");
    }

    [Fact]
    public async Task OnlyAdminKeysMaySeeOrChangeSubscriptions()
    {
        var writer = Api.CreateClient().WithKey((await Editor.CreateKeyAsync(["content:write"])).Secret);
        await (await writer.GetAsync("/api/v1/webhooks")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/x", events = new[] { "*" } }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await Api.CreateAnonymousClient().GetAsync("/api/v1/webhooks")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}
