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
    public async Task BatchesSplitAnywhereGiveTheSameLines()
    {
        var authors = new[] { (await Editor.CreateAuthorAsync()).Id(), (await Editor.CreateAuthorAsync()).Id() };
        var tag = await Editor.CreateTagAsync();
        string? previous = null;
        for (var i = 0; i < 7; i++)
        {
            var article = await Editor.CreateArticleAsync(new
            {
                authorIds = i % 2 == 0 ? authors : authors.Reverse().ToArray(), tagIds = new[] { tag.Id() },
                relatedArticleIds = previous is null ? Array.Empty<string>() : [previous],
            });
            previous = article.Id();
        }

        // One article a batch, two, three: the batch read next while the last is written, and each batch's links
        // read by range, must give the lines of one batch of everything.
        var whole = await ExportWithBatchesOfAsync(10_000);
        foreach (var size in new[] { 1, 2, 3 })
        {
            Assert.Equal(whole, await ExportWithBatchesOfAsync(size));
        }
        var lines = TransferTestKit.Lines(whole).Where(l => (string?)l["type"] == "article").ToList();
        Assert.True(lines.Count >= 7);
        Assert.Equal(lines.OrderBy(l => Guid.Parse((string)l["id"]!)).Select(l => (string?)l["id"]), lines.Select(l => (string?)l["id"]));
        Assert.Contains(lines, l => (string?)l["authorIds"]![0] == authors[1] && (string?)l["authorIds"]![1] == authors[0]);
    }

    [Fact]
    public async Task TextIsWrittenAsItIsNotAsEscapes()
    {
        const string title = "Αθήνα: the café d'été";
        await Editor.CreateArticleAsync(new { title });

        var export = await Editor.ExportAsync();

        Assert.Contains($"\"title\":\"{title}\"", export);
        Assert.Contains(TransferTestKit.Lines(export), l => (string?)l["title"] == title);
    }

    private async Task<string> ExportWithBatchesOfAsync(int size)
    {
        using var scope = Api.Services.CreateScope();
        var exporter = new Exporter(scope.ServiceProvider.GetRequiredService<NewsApi.Data.NewsDbContext>()) { BatchSize = size };
        using var output = new MemoryStream();
        await exporter.WriteAsync(output, new ExportOptions(Revisions: false, Redirects: false), null, Cancel);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
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
