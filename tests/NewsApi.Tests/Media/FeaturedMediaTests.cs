using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Media;

public sealed class FeaturedMediaOnSqlite(FileSystemMediaApi api) : FeaturedMediaTests(api), IClassFixture<FileSystemMediaApi>;

public sealed class FeaturedMediaOnPostgres(FileSystemMediaOnPostgresApi api) : FeaturedMediaTests(api), IClassFixture<FileSystemMediaOnPostgresApi>;

/// <summary>An uploaded image as an article's featured image: its URL, size and text from the asset, renditions for srcset.</summary>
public abstract class FeaturedMediaTests(NewsApiFactory api) : ApiTest(api)
{
    private static int _tint = 500;

    private async Task<JsonNode> UploadAsync(int width, int height, string? caption = null, string? credit = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestImages.Jpeg(width, height, Interlocked.Increment(ref _tint), withGps: false));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "photo.jpg");
        form.Add(new StringContent("Engineers in a control room"), "alt");
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }
        if (credit is not null)
        {
            form.Add(new StringContent(credit), "credit");
        }
        return await (await Editor.PostAsync("/api/v1/media", form, Cancel)).ReadJsonAsync(HttpStatusCode.Created);
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task AnArticleFeaturingAnUploadedImageTakesItsUrlSizeAndTextAndListsItsRenditions()
    {
        var asset = await UploadAsync(1600, 1000, caption: "The control room of the grid operator.", credit: "Image via X/@elering");

        var created = await Editor.CreatePublishedArticleAsync(new { featuredImage = new { mediaId = asset.Id() } });
        var article = await (await Client.GetAsync($"/api/v1/articles/{created.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var image = article["featuredImage"]!;
        Assert.Equal(asset.Id(), (string?)image["mediaId"]);
        Assert.EndsWith($"/media/{asset.Id()}/hero.jpg", (string?)image["url"]);
        Assert.Equal(1600, (int)image["width"]!);
        Assert.Equal(1000, (int)image["height"]!);
        Assert.Equal("Engineers in a control room", (string?)image["alt"]);
        Assert.Equal("The control room of the grid operator.", (string?)image["caption"]);
        Assert.Equal("Image via X/@elering", (string?)image["credit"]);
        var renditions = image["renditions"]!.AsArray();
        Assert.Equal(["thumb", "card", "og", "hero"], renditions.Select(r => (string)r!["preset"]!));
        var card = renditions.Single(r => (string?)r!["preset"] == "card")!;
        Assert.Equal(640, (int)card["width"]!);
        Assert.Equal(400, (int)card["height"]!);
        Assert.EndsWith($"/media/{asset.Id()}/card.webp", (string?)card["webp"]);

        // A front end fetches what the article lists.
        var fetched = await Client.GetAsync(PathOf((string)card["webp"]!), Cancel);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/webp", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(PathOf((string)image["url"]!), Cancel)).StatusCode);

        // The same by slug; on the front page's card, without the renditions.
        var bySlug = await (await Client.GetAsync($"/api/v1/articles/slug/{created["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(image.ToJsonString(), bySlug["featuredImage"]!.ToJsonString());
        var page = await (await Client.GetAsync("/api/v1/articles?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var summary = page["items"]!.AsArray().Single(i => i!.Id() == created.Id())!["featuredImage"]!.AsObject();
        Assert.Equal(asset.Id(), (string?)summary["mediaId"]);
        Assert.Equal(1600, (int)summary["width"]!);
        Assert.Equal("Image via X/@elering", (string?)summary["credit"]);
        Assert.False(summary.ContainsKey("renditions"));
    }

    [Fact]
    public async Task AnArticleMayOverrideTheAssetsTextAndEditsOfTheAssetShowWhereItDoesNot()
    {
        var asset = await UploadAsync(800, 600, caption: "Old caption", credit: "Old credit");
        var created = await Editor.CreatePublishedArticleAsync(new { featuredImage = new { mediaId = asset.Id(), credit = "Image via the newsroom" } });
        var before = await (await Client.GetAsync($"/api/v1/articles/{created.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Old caption", (string?)before["featuredImage"]!["caption"]);
        Assert.Equal("Image via the newsroom", (string?)before["featuredImage"]!["credit"]);

        await (await Editor.PatchAsync($"/api/v1/media/{asset.Id()}", new { caption = "New caption", credit = "New credit" })).ReadJsonAsync(HttpStatusCode.OK);

        // The public read was cached: the asset's edit evicted it.
        var after = await (await Client.GetAsync($"/api/v1/articles/{created.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("New caption", (string?)after["featuredImage"]!["caption"]);
        Assert.Equal("Image via the newsroom", (string?)after["featuredImage"]!["credit"]);
        var page = await (await Client.GetAsync("/api/v1/articles?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("New caption", (string?)page["items"]!.AsArray().Single(i => i!.Id() == created.Id())!["featuredImage"]!["caption"]);
    }

    [Fact]
    public async Task AnArticleSentBackAsItWasReadKeepsItsImageAndAnotherUrlNeedsTheMediaIdCleared()
    {
        var asset = await UploadAsync(640, 480);
        var created = await Editor.CreateArticleAsync(new { featuredImage = new { mediaId = asset.Id() } });
        var read = await (await Editor.GetAsync($"/api/v1/articles/{created.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var image = read["featuredImage"]!;

        var roundTrip = await Editor.PutJsonAsync($"/api/v1/articles/{created.Id()}", new
        {
            title = (string?)read["title"],
            body = (string?)read["body"],
            authorIds = read["authors"]!.AsArray().Select(a => a!.Id()).ToArray(),
            featuredImage = new { url = (string?)image["url"], mediaId = asset.Id(), alt = (string?)null },
        });
        Assert.Equal(asset.Id(), (string?)(await roundTrip.ReadJsonAsync(HttpStatusCode.OK))["featuredImage"]!["mediaId"]);

        await (await Editor.PatchAsync($"/api/v1/articles/{created.Id()}", new { featuredImage = new { url = "https://images.example.com/other.jpg" } }))
            .ReadValidationErrorAsync("featuredImage.url");
        var external = await (await Editor.PatchAsync($"/api/v1/articles/{created.Id()}",
                new { featuredImage = new { url = "https://images.example.com/other.jpg", mediaId = (string?)null, alt = "Another picture" } }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("https://images.example.com/other.jpg", (string?)external["featuredImage"]!["url"]);
        Assert.Null((string?)external["featuredImage"]!["mediaId"]);
        Assert.Null((int?)external["featuredImage"]!["width"]);
        Assert.False(external["featuredImage"]!.AsObject().ContainsKey("renditions"));
    }

    [Fact]
    public async Task AnUnknownMediaIdOrNoImageAtAllIsA400NamingTheField()
    {
        var unknown = Guid.NewGuid();

        var messages = await (await Editor.PostJsonAsync("/api/v1/articles", new
        {
            title = "With a missing image",
            body = "Text.",
            authorIds = new[] { (await Editor.CreateAuthorAsync()).Id() },
            featuredImage = new { mediaId = unknown },
        })).ReadValidationErrorAsync("featuredImage.mediaId");
        Assert.Contains(unknown.ToString(), messages[0]);

        await (await Editor.PostJsonAsync("/api/v1/articles", new
        {
            title = "With neither",
            body = "Text.",
            authorIds = new[] { (await Editor.CreateAuthorAsync()).Id() },
            featuredImage = new { alt = "Nothing to show" },
        })).ReadValidationErrorAsync("featuredImage.url");
    }

    [Fact]
    public async Task DeletingAnAssetThatArticlesFeatureIs409SayingHowManyTrashIncluded()
    {
        var asset = await UploadAsync(500, 400);
        var live = await Editor.CreateArticleAsync(new { featuredImage = new { mediaId = asset.Id() } });
        var trashed = await Editor.CreateArticleAsync(new { featuredImage = new { mediaId = asset.Id() } });
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).StatusCode);

        var refused = await (await Editor.DeleteAsync($"/api/v1/media/{asset.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2 article(s)", (string?)refused["detail"]);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/v1/media/{asset.Id()}", Cancel)).StatusCode);

        await (await Editor.PatchAsync($"/api/v1/articles/{live.Id()}", new { featuredImage = (object?)null })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("1 article(s)", (string?)(await (await Editor.DeleteAsync($"/api/v1/media/{asset.Id()}", Cancel))
            .ReadProblemAsync(HttpStatusCode.Conflict))["detail"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}?permanent=true", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/media/{asset.Id()}", Cancel)).StatusCode);
    }
}
