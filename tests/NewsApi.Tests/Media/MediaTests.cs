using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Media;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Media;

public sealed class MediaOnFileSystem(FileSystemMediaApi api) : MediaTests(api), IClassFixture<FileSystemMediaApi>;

public sealed class MediaOnFileSystemAndPostgres(FileSystemMediaOnPostgresApi api) : MediaTests(api), IClassFixture<FileSystemMediaOnPostgresApi>;

public sealed class MediaOnS3(S3MediaApi api) : MediaTests(api), IClassFixture<S3MediaApi>;

/// <summary>The media library through HTTP; every store runs the same tests.</summary>
public abstract class MediaTests(NewsApiFactory api) : ApiTest(api)
{
    private static int _tint;

    private IMediaStore Store => Api.Services.GetRequiredService<IMediaStore>();

    private static byte[] NewJpeg(int width = 1600, int height = 1000, bool withGps = false) =>
        TestImages.Jpeg(width, height, Interlocked.Increment(ref _tint), withGps);

    private static MultipartFormDataContent Form(byte[] file, string fileName = "photo.jpg", string contentType = "image/jpeg",
        string? alt = "Engineers in a control room", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    private async Task<JsonNode> UploadAsync(byte[] file, params (string Name, string Value)[] fields)
    {
        var response = await Editor.PostAsync("/api/v1/media", Form(file, fields: fields), Cancel);
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnUploadAnswers201WithWhatTheImageSaysAndWhatTheEditorSaid()
    {
        var file = NewJpeg(1600, 1000);

        var response = await Editor.PostAsync("/api/v1/media",
            Form(file, fields: [("caption", "The control room."), ("credit", "Image via X/@elering"), ("sourceUrl", "https://example.com/p"), ("focalX", "0.25"), ("focalY", "0.75")]), Cancel);

        var asset = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/media/{asset.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(1600, (int)asset["width"]!);
        Assert.Equal(1000, (int)asset["height"]!);
        Assert.Equal("jpeg", (string?)asset["format"]);
        Assert.True((long)asset["bytes"]! > 0);
        Assert.StartsWith("data:image/webp;base64,", (string?)asset["placeholder"]);
        Assert.Equal("Image via X/@elering", (string?)asset["credit"]);
        Assert.Equal("The control room.", (string?)asset["caption"]);
        Assert.Equal(0.25, (double)asset["focalPoint"]!["x"]!);
        Assert.Equal(0.75, (double)asset["focalPoint"]!["y"]!);
        Assert.Equal(NewsApiFactory.Start.UtcDateTime, (DateTime)asset["createdAt"]!);
        var card = asset["renditions"]!.AsArray().Single(r => (string?)r!["preset"] == "card")!;
        Assert.Equal(640, (int)card["width"]!);
        Assert.Equal(400, (int)card["height"]!);
        Assert.EndsWith($"/media/{asset.Id()}/card.webp", (string?)card["webp"]);
    }

    [Fact]
    public async Task TheUploadingKeyIsRecordedAndAMediaWriteKeyMayUploadButAContentWriteKeyMayNot()
    {
        var photoDesk = await Editor.CreateKeyAsync(["media:write"]);
        var writer = await Editor.CreateKeyAsync(["content:write"]);

        var uploaded = await (await Api.CreateClient().WithKey(photoDesk.Secret).PostAsync("/api/v1/media", Form(NewJpeg(300, 200)), Cancel))
            .ReadJsonAsync(HttpStatusCode.Created);
        var refused = await Api.CreateClient().WithKey(writer.Secret).PostAsync("/api/v1/media", Form(NewJpeg(300, 200)), Cancel);

        Assert.Equal(photoDesk.Id, (string?)uploaded["uploadedByKeyId"]);
        await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await Api.CreateAnonymousClient().PostAsync("/api/v1/media", Form(NewJpeg(300, 200)), Cancel)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSameFileAgainAnswers200WithTheAssetAlreadyStored()
    {
        var file = NewJpeg(400, 300);
        var first = await UploadAsync(file);

        var again = await Editor.PostAsync("/api/v1/media", Form(file, fileName: "other-name.jpg", alt: "Something else"), Cancel);

        var asset = await again.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Id(), asset.Id());
        Assert.Equal($"/api/v1/media/{first.Id()}", again.Headers.Location?.ToString());
        Assert.Equal("Engineers in a control room", (string?)asset["alt"]);
    }

    [Fact]
    public async Task GpsIsRemovedFromTheStoredOriginalAndRenditionsCarryNoMetadata()
    {
        var file = NewJpeg(800, 500, withGps: true);
        Assert.True(TestImages.HasGps(file));

        var asset = await UploadAsync(file);

        var original = await Store.GetAsync(MediaKeys.Original(Guid.Parse(asset.Id())), Cancel);
        Assert.NotNull(original);
        Assert.False(TestImages.HasGps(original));
        Assert.Equal(original.Length, (long)asset["bytes"]!);
        var rendition = await (await Client.GetAsync($"/media/{asset.Id()}/thumb.jpg", Cancel)).Content.ReadAsByteArrayAsync(Cancel);
        Assert.False(TestImages.Inspect(rendition).HasMetadata);
    }

    [Fact]
    public async Task AMalformedFormIsA400SayingTheFormIsBrokenNotJson()
    {
        var content = new ByteArrayContent("--cut\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nno end"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=cut");

        var response = await Editor.PostAsync("/api/v1/media", content, Cancel);

        var messages = await response.ReadValidationErrorAsync("$");
        Assert.Contains(messages, m => m.Contains("multipart/form-data", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileOverTheLimitIs413()
    {
        var file = new byte[MediaTestSettings.MaxUploadBytes + 1];
        file[0] = 0xFF;

        var response = await Editor.PostAsync("/api/v1/media", Form(file), Cancel);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task WhatIsNotAnImageIs415WhateverItsNameAndContentTypeSay()
    {
        var text = Encoding.UTF8.GetBytes("just some text, not an image at all");

        var response = await Editor.PostAsync("/api/v1/media", Form(text, "photo.jpg", "image/jpeg"), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("content decides", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnSvgIsRefusedBecauseItCanCarryScript()
    {
        var response = await Editor.PostAsync("/api/v1/media", Form(Encoding.UTF8.GetBytes(TestImages.Svg), "logo.png", "image/png"), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("SVG", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageClaimingMorePixelsThanAllowedIs422BeforeItsPixelsAreDecoded()
    {
        var response = await Editor.PostAsync("/api/v1/media", Form(TestImages.PngBomb(), "bomb.png", "image/png"), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("100000×100000", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AltTextIsRequiredAndTheFocalPointIsBetweenZeroAndOne()
    {
        await (await Editor.PostAsync("/api/v1/media", Form(NewJpeg(200, 100), alt: null), Cancel)).ReadValidationErrorAsync("alt");
        await (await Editor.PostAsync("/api/v1/media", Form(NewJpeg(200, 100), fields: ("focalX", "1.5")), Cancel)).ReadValidationErrorAsync("focalX");
    }

    [Fact]
    public async Task APngIsAcceptedAndKeptAsAPng()
    {
        var asset = await UploadAsync(TestImages.Png(300, 200, Interlocked.Increment(ref _tint)));

        Assert.Equal("png", (string?)asset["format"]);
        Assert.Equal(300, (int)asset["width"]!);
    }

    [Fact]
    public async Task APhotoStoredSidewaysWithAnExifOrientationIsStoredAndRenderedUpright()
    {
        // 1600×1000 pixels that a viewer turns a quarter clockwise (orientation 6): upright, 1000 wide and 1600 high.
        var file = TestImages.JpegWithOrientation(1600, 1000, Interlocked.Increment(ref _tint), orientation: 6);
        Assert.Equal(6, TestImages.Orientation(file));

        var asset = await UploadAsync(file);

        Assert.Equal(1000, (int)asset["width"]!);
        Assert.Equal(1600, (int)asset["height"]!);
        var original = await Store.GetAsync(MediaKeys.Original(Guid.Parse(asset.Id())), Cancel);
        Assert.NotNull(original);
        Assert.Equal((1000, 1600), (TestImages.Inspect(original).Width, TestImages.Inspect(original).Height));
        Assert.Equal(1, TestImages.Orientation(original));
        var card = await (await Client.GetAsync($"/media/{asset.Id()}/card.jpg", Cancel)).Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal((640, 1024, false), TestImages.Inspect(card));
    }

    [Fact]
    public async Task ARenditionIsMadeOnceThenServedImmutableWithAStrongETag()
    {
        var asset = await UploadAsync(NewJpeg(1600, 1000));
        var anonymous = Api.CreateAnonymousClient();
        var before = Api.Services.GetRequiredService<Renditions>().Generated;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => anonymous.GetAsync($"/media/{asset.Id()}/card.webp", Cancel)));

        var bodies = new List<byte[]>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.False(response.Headers.ETag!.IsWeak);
            bodies.Add(await response.Content.ReadAsByteArrayAsync(Cancel));
        }
        Assert.Equal(1, Api.Services.GetRequiredService<Renditions>().Generated - before);
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal((640, 400, false), TestImages.Inspect(bodies[0]));
        Assert.NotNull(await Store.GetAsync(MediaKeys.Rendition(Guid.Parse(asset.Id()), "card", RenditionFormat.Webp), Cancel));

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/media/{asset.Id()}/card.webp");
        conditional.Headers.IfNoneMatch.Add(responses[0].Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional, Cancel)).StatusCode);
    }

    [Fact]
    public async Task TheOgRenditionIsCroppedToExactly1200By630()
    {
        var asset = await UploadAsync(NewJpeg(1000, 1000), ("focalY", "0.1"));

        var response = await Client.GetAsync($"/media/{asset.Id()}/og.jpg", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var (width, height, _) = TestImages.Inspect(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal((1200, 630), (width, height));
    }

    [Theory]
    [InlineData("huge.webp")]
    [InlineData("card.gif")]
    [InlineData("card.png")]
    public async Task OnlyPresetsInKnownFormatsExist(string rendition)
    {
        var asset = await UploadAsync(NewJpeg(300, 200));

        await (await Client.GetAsync($"/media/{asset.Id()}/{rendition}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/media/{Guid.NewGuid()}/card.webp", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheListSearchesAltCaptionAndCreditAndNeedsNoKey()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var byCredit = await UploadAsync(NewJpeg(200, 150), ("credit", $"Image via X/@{marker}"));
        var byCaption = await UploadAsync(NewJpeg(200, 150), ("caption", $"Seen from {marker.ToUpperInvariant()} hill"));
        await UploadAsync(NewJpeg(200, 150));

        var list = await (await Api.CreateAnonymousClient().GetAsync($"/api/v1/media?q={marker}&pageSize=10", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, (int)list["totalItems"]!);
        Assert.Equal(new[] { byCaption.Id(), byCredit.Id() }.Order(), list["items"]!.AsArray().Select(i => i!.Id()).Order());
        var one = await (await Api.CreateAnonymousClient().GetAsync($"/api/v1/media/{byCredit.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal($"Image via X/@{marker}", (string?)one["credit"]);
    }

    [Fact]
    public async Task AMergePatchChangesTheCreditAndMovingTheFocalPointRemakesTheCrop()
    {
        var asset = await UploadAsync(NewJpeg(1000, 1000), ("credit", "Old credit"), ("caption", "Kept"));
        var before = await (await Client.GetAsync($"/media/{asset.Id()}/og.jpg", Cancel)).Content.ReadAsByteArrayAsync(Cancel);

        var patched = await (await Editor.PatchAsync($"/api/v1/media/{asset.Id()}", new { credit = "New credit", focalPoint = new { y = 0.9 } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("New credit", (string?)patched["credit"]);
        Assert.Equal("Kept", (string?)patched["caption"]);
        Assert.Equal(0.9, (double)patched["focalPoint"]!["y"]!);
        var after = await Client.GetAsync($"/media/{asset.Id()}/og.jpg", Cancel);
        Assert.NotEqual(before, await after.Content.ReadAsByteArrayAsync(Cancel));
        await (await Editor.PatchAsync($"/api/v1/media/{asset.Id()}", new { alt = "" })).ReadValidationErrorAsync("alt");
        await (await Editor.PatchAsync($"/api/v1/media/{asset.Id()}", new { credit = "x" }, ifMatch: HttpAssertions.NoIfMatch))
            .ReadProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task APutReplacesTheEditableFields()
    {
        var asset = await UploadAsync(NewJpeg(300, 300), ("credit", "Old credit"), ("caption", "Dropped"));

        var replaced = await (await Editor.PutJsonAsync($"/api/v1/media/{asset.Id()}", new { alt = "A new alt", credit = "Image via X/@elering", focalPoint = new { x = 0.2, y = 0.3 } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("A new alt", (string?)replaced["alt"]);
        Assert.Null((string?)replaced["caption"]);
        Assert.Equal(0.2, (double)replaced["focalPoint"]!["x"]!);
        Assert.Equal(300, (int)replaced["width"]!);
    }

    [Fact]
    public async Task UploadsAtOnceTakeTheirTurnAndAllSucceed()
    {
        var files = Enumerable.Range(0, 4).Select(_ => NewJpeg(1200, 800)).ToList();

        var responses = await Task.WhenAll(files.Select(f => Editor.PostAsync("/api/v1/media", Form(f), Cancel)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(1, Api.Services.GetRequiredService<ImageWork>().Peak);
    }

    [Fact]
    public async Task APutWithoutAFocalPointCentresIt()
    {
        var asset = await UploadAsync(NewJpeg(300, 300), ("focalX", "0.1"), ("focalY", "0.8"));
        Assert.Equal(0.1, (double)asset["focalPoint"]!["x"]!);

        var replaced = await (await Editor.PutJsonAsync($"/api/v1/media/{asset.Id()}", new { alt = "A new alt" }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(0.5, (double)replaced["focalPoint"]!["x"]!);
        Assert.Equal(0.5, (double)replaced["focalPoint"]!["y"]!);
    }

    [Fact]
    public async Task DeletingAnAssetDeletesItsOriginalAndRenditions()
    {
        var asset = await UploadAsync(NewJpeg(500, 400));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/media/{asset.Id()}/thumb.webp", Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/media/{asset.Id()}", Cancel)).StatusCode);

        Assert.Null(await Store.GetAsync(MediaKeys.Original(Guid.Parse(asset.Id())), Cancel));
        Assert.Null(await Store.GetAsync(MediaKeys.Rendition(Guid.Parse(asset.Id()), "thumb", RenditionFormat.Webp), Cancel));
        await (await Client.GetAsync($"/api/v1/media/{asset.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/media/{asset.Id()}/thumb.webp", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"/api/v1/media/{asset.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
