using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Transfer;

namespace NewsApi.Tests.Transfer;

public sealed class ExportOnSqlite(SqliteApi api) : ExportTests(api), IClassFixture<SqliteApi>;

public sealed class ExportOnPostgres(PostgresApi api) : ExportTests(api), IClassFixture<PostgresApi>;

public abstract class ExportTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task TheExportListsAuthorsTagsAndSourcesBeforeArticlesWithTheirLinks()
    {
        var author = await Editor.CreateAuthorAsync();
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var first = await Editor.CreateArticleAsync(new { authorIds = new[] { author.Id() } });
        var second = await Editor.CreateArticleAsync(new
        {
            authorIds = new[] { author.Id() }, tagIds = new[] { tag.Id() }, sourceId = source.Id(),
            relatedArticleIds = new[] { first.Id() }, excerpt = "Short.",
        });
        await Editor.PublishAsync(second.Id());

        var lines = TransferTestKit.Lines(await Editor.ExportAsync());

        var types = lines.Select(l => (string)l["type"]!).ToList();
        Assert.Equal(types.OrderBy(t => Array.IndexOf(["author", "tag", "source", "article"], t)), types);
        var exported = lines.Single(l => (string?)l["id"] == second.Id());
        Assert.Equal("article", (string?)exported["type"]);
        Assert.Equal(author.Id(), (string?)exported["authorIds"]![0]);
        Assert.Equal(tag.Id(), (string?)exported["tagIds"]![0]);
        Assert.Equal(first.Id(), (string?)exported["relatedArticleIds"]![0]);
        Assert.Equal(source.Id(), (string?)exported["sourceId"]);
        Assert.Equal("published", (string?)exported["status"]);
        Assert.NotNull(exported["publishedAt"]);
        Assert.NotNull(exported["createdAt"]);
        Assert.Contains(lines, l => (string?)l["type"] == "author" && (string?)l["id"] == author.Id() && (string?)l["slug"] == (string?)author["slug"]);
        Assert.DoesNotContain(lines, l => (string?)l["type"] is "revision" or "redirect");
    }

    [Fact]
    public async Task RevisionsAndRedirectsComeWhenAskedFor()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var newSlug = TestData.Unique("renamed").Replace(' ', '-');
        (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = newSlug })).EnsureSuccessStatusCode();

        var lines = TransferTestKit.Lines(await Editor.ExportAsync("?include=revisions,redirects"));

        Assert.Contains(lines, l => (string?)l["type"] == "revision" && (string?)l["articleId"] == article.Id() && (int)l["number"]! == 2);
        Assert.Contains(lines, l => (string?)l["type"] == "redirect" && (string?)l["articleId"] == article.Id() && (string?)l["slug"] == (string?)article["slug"]);
    }

    [Fact]
    public async Task AClientThatAcceptsGzipGetsItCompressed()
    {
        await Editor.CreateArticleAsync();
        var plain = await Editor.ExportAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await Editor.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var unzipped = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal(plain, await new StreamReader(unzipped).ReadToEndAsync());
    }

    [Fact]
    public async Task AnUnknownIncludeIsRefusedAndOnlyAdminsMayExport()
    {
        var errors = await (await Editor.GetAsync("/api/v1/export?include=comments")).ReadValidationErrorAsync("include");
        Assert.Contains("revisions", errors[0]);

        var writer = await Editor.CreateKeyAsync(scopes: ["content:write"]);
        await (await Api.CreateClient().WithKey(writer.Secret).GetAsync("/api/v1/export")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await Api.CreateAnonymousClient().GetAsync("/api/v1/export")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheExportIsOneSnapshotEvenWhileWritesGoOn()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        using var scope = Api.Services.CreateScope();
        var exporter = scope.ServiceProvider.GetRequiredService<Exporter>();
        using var output = new MemoryStream();
        // A slug change committed after the articles are written and before the redirects are: the redirect and the
        // revision it makes must not show, or the export would not be one moment's content.
        var written = false;
        await exporter.WriteAsync(output, new ExportOptions(Revisions: true, Redirects: true), _ =>
        {
            if (!written)
            {
                written = true;
                Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { slug = TestData.Unique("moved").Replace(' ', '-') })
                    .GetAwaiter().GetResult().EnsureSuccessStatusCode();
            }
        }, Cancel);

        var lines = TransferTestKit.Lines(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.True(written);
        Assert.DoesNotContain(lines, l => (string?)l["type"] == "redirect" && (string?)l["articleId"] == article.Id());
        Assert.Single(lines, l => (string?)l["type"] == "revision" && (string?)l["articleId"] == article.Id());
        var after = TransferTestKit.Lines(await Editor.ExportAsync("?include=redirects"));
        Assert.Contains(after, l => (string?)l["type"] == "redirect" && (string?)l["articleId"] == article.Id());
    }
}
