using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Transfer;

namespace NewsApi.Tests.Transfer;

public sealed class ImportOnSqlite(SqliteApi api) : ImportTests(api), IClassFixture<SqliteApi>
{
    protected override NewsApiFactory CreateEmpty() => new SqliteApi();
}

public sealed class ImportOnPostgres(PostgresApi api) : ImportTests(api), IClassFixture<PostgresApi>
{
    protected override NewsApiFactory CreateEmpty() => new PostgresApi();
}

public abstract class ImportTests(NewsApiFactory api) : ApiTest(api)
{
    /// <summary>A second application on an empty database of the same kind, to import into.</summary>
    protected abstract NewsApiFactory CreateEmpty();

    [Fact]
    public async Task ExportingImportingIntoAnEmptyDatabaseAndExportingAgainGivesTheSameLines()
    {
        // Its own database, so that only what this test made is compared.
        await using var origin = CreateEmpty();
        var editor = origin.CreateEditorClient();
        var author = await editor.CreateAuthorAsync(extra: new { bio = "Covers energy.", email = "kai@example.com" });
        var second = await editor.CreateAuthorAsync();
        var tag = await editor.CreateTagAsync();
        var source = await editor.CreateSourceAsync();
        var older = await editor.CreateArticleAsync(new { authorIds = new[] { author.Id(), second.Id() }, excerpt = "Old." });
        origin.Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await editor.CreateArticleAsync(new
        {
            authorIds = new[] { second.Id() }, tagIds = new[] { tag.Id() }, sourceId = source.Id(), sourceUrl = "https://wire.example.com/a",
            relatedArticleIds = new[] { older.Id() }, excerpt = "New.", body = "# Heading\n\nText with a [link](https://example.com).",
            featuredImage = new { url = "https://images.example.com/a.jpg", alt = "A picture" }, featured = true,
        });
        // The older article links forward to the newer one, which comes after it in the file.
        (await editor.PatchAsync($"/api/v1/articles/{older.Id()}", new { relatedArticleIds = new[] { newer.Id() } })).EnsureSuccessStatusCode();
        await editor.PublishAsync(older.Id());
        (await editor.PatchAsync($"/api/v1/articles/{older.Id()}", new { slug = TestData.Unique("renamed").Replace(' ', '-') })).EnsureSuccessStatusCode();
        await editor.PublishAsync(newer.Id(), NewsApiFactory.Start.AddDays(30));
        var trashed = await editor.CreateArticleAsync(new { authorIds = new[] { author.Id() } });
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}")).StatusCode);
        var archived = await editor.CreatePublishedArticleAsync(new { authorIds = new[] { author.Id() } });
        (await editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null)).EnsureSuccessStatusCode();
        var first = await editor.ExportAsync("?include=revisions,redirects");

        await using var target = CreateEmpty();
        var admin = target.CreateEditorClient();
        var job = await target.ImportAsync(admin, first, TransferJson.MediaType);
        var second_ = await admin.ExportAsync("?include=revisions,redirects");

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Empty(job["errors"]!.AsArray());
        Assert.Equal(TransferTestKit.Lines(first).Count, job.Count("created") + job.Count("skipped"));
        Assert.Equal(first, second_);
    }

    [Fact]
    public async Task AWordPressExportBecomesAuthorsTagsAndSanitisedArticles()
    {
        var wxr = await File.ReadAllTextAsync(TransferTestKit.SamplePath("wordpress-newsroom.xml"), Cancel);

        var job = await Api.ImportAsync(Editor, wxr, "application/xml", mode: "upsert");

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal("wxr", (string?)job["format"]);
        Assert.True(job["errors"]!.AsArray().Count == 0, job.ToJsonString());
        // 2 authors, 4 terms (harbour, council, ferries, budget-2026), 4 posts; the page and the attachment are skipped.
        Assert.Equal(10, job.Count("created"));
        Assert.Equal(2, job.Count("skipped"));
        Assert.Equal(job.Count("total"), job.Count("processed"));

        var ferry = await (await Editor.GetAsync("/api/v1/articles/slug/new-ferry-timetable")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("New ferry timetable starts on Monday", (string?)ferry["title"]);
        Assert.Equal("published", (string?)ferry["status"]);
        Assert.Equal(DateTime.Parse("2026-01-20T08:30:00Z").ToUniversalTime(), ferry["publishedAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal("Departures every 40 minutes from Monday.", (string?)ferry["excerpt"]);
        Assert.Equal("https://harbourgazette.example.com/wp-content/uploads/2026/01/ferry.jpg", (string?)ferry["featuredImage"]!["url"]);
        Assert.Equal("The island ferry leaving the quay", (string?)ferry["featuredImage"]!["alt"]);
        Assert.Equal("Maria Green", (string?)ferry["authors"]![0]!["name"]);
        Assert.Equal(["harbour", "ferries"], ferry["tags"]!.AsArray().Select(t => (string)t!["slug"]!));
        var html = (string)ferry["bodyHtml"]!;
        Assert.Contains("<strong>every 40 minutes</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("document.cookie", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("style=", html);
        Assert.Contains("<a href=\"https://harbourgazette.example.com/timetable\">full timetable</a>", html);
        Assert.Contains("<img src=\"https://harbourgazette.example.com/wp-content/uploads/2026/01/ferry.jpg\" alt=\"The ferry at the quay\">", html);
        Assert.StartsWith("The island ferry will run **every 40 minutes** from Monday", (string?)ferry["body"]);

        var scheduled = await (await Editor.GetAsync("/api/v1/articles/slug/lighthouse-reopens")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("scheduled", (string?)scheduled["status"]);
        var draft = await (await Editor.GetAsync("/api/v1/articles/slug/fish-market-survey")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", (string?)draft["status"]);
        var budget = await (await Editor.GetAsync("/api/v1/articles/slug/council-agrees-2026-budget")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("Harbour dredging funded The council voted", (string?)budget["excerpt"]);
        Assert.Contains("<h2>Harbour dredging funded</h2>", (string?)budget["bodyHtml"]);
        Assert.Contains("<li>Dredging: £1.2m</li>", (string?)budget["bodyHtml"]);
        await (await Editor.GetAsync("/api/v1/articles/slug/about")).ReadProblemAsync(HttpStatusCode.NotFound);

        // The same file again, after a crash or on purpose: the same records are found and updated, none doubled.
        var again = await Api.ImportAsync(Editor, wxr, "text/xml", mode: "upsert");
        Assert.Equal(0, again.Count("created"));
        Assert.Equal(10, again.Count("updated"));
        var tags = await (await Editor.GetAsync("/api/v1/tags?q=harbour")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Single(tags["items"]!.AsArray());
    }

    [Fact]
    public async Task BadLinesAreReportedAgainstTheirLineAndTheRestGoesIn()
    {
        var author = Guid.CreateVersion7();
        var missing = Guid.CreateVersion7();
        var goodSlug = TestData.Unique("good").Replace(' ', '-');
        var badSlug = TestData.Unique("broken").Replace(' ', '-');
        var file = string.Join('\n',
            $$"""{"type":"author","id":"{{author}}","name":"Ana Ortiz","slug":"{{TestData.Unique("ana").Replace(' ', '-')}}"}""",
            """{"type":"author","id":"not json""",
            """{"type":"comment","id":"0190a3f2-5c1e-7d4a-9b1e-2f3c4d5e6f70"}""",
            $$"""{"type":"article","id":"{{Guid.CreateVersion7()}}","slug":"{{badSlug}}","title":"Broken","authorIds":["{{author}}"],"tagIds":["{{missing}}"],"status":"draft"}""",
            $$"""{"type":"article","id":"{{Guid.CreateVersion7()}}","title":"","authorIds":[],"status":"draft"}""",
            $$"""{"type":"article","id":"{{Guid.CreateVersion7()}}","slug":"{{goodSlug}}","title":"Good","authorIds":["{{author}}"],"status":"draft"}""");

        var job = await Api.ImportAsync(Editor, file, TransferJson.MediaType);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(2, job.Count("created"));
        Assert.Equal(4, job.Count("failed"));
        var errors = job["errors"]!.AsArray();
        Assert.Contains(errors, e => (long)e!["line"]! == 2);
        Assert.Contains(errors, e => (long)e!["line"]! == 3 && (string?)e["field"] == "type");
        Assert.Contains(errors, e => (long)e!["line"]! == 4 && (string?)e["field"] == "tagIds[0]" && ((string)e["message"]!).Contains(missing.ToString()));
        Assert.Contains(errors, e => (long)e!["line"]! == 5 && (string?)e["field"] == "title");
        Assert.Contains(errors, e => (long)e!["line"]! == 5 && (string?)e["field"] == "authorIds");
        // The broken article left nothing behind: no half-written row, its slug still free.
        await (await Editor.GetAsync($"/api/v1/articles/slug/{badSlug}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"/api/v1/articles/slug/{goodSlug}")).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARecordTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsKept()
    {
        var author = Guid.CreateVersion7();
        var article = Guid.CreateVersion7();
        var revision = Guid.CreateVersion7();
        var tagSlug = TestData.Unique("after").Replace(' ', '-');
        // Validation passes both revisions; only the database sees the second one reuse the first one's id. The batch
        // runs without a savepoint per record, so this refusal rolls it back and it runs again record by record.
        var file = string.Join('\n',
            $$"""{"type":"author","id":"{{author}}","name":"Refused","slug":"{{TestData.Unique("refused").Replace(' ', '-')}}"}""",
            $$"""{"type":"article","id":"{{article}}","title":"Kept","authorIds":["{{author}}"],"status":"draft"}""",
            $$"""{"type":"revision","id":"{{revision}}","articleId":"{{article}}","number":1,"createdAt":"2026-01-01T00:00:00Z","snapshot":"{}"}""",
            $$"""{"type":"revision","id":"{{revision}}","articleId":"{{article}}","number":2,"createdAt":"2026-01-02T00:00:00Z","snapshot":"{}"}""",
            $$"""{"type":"tag","id":"{{Guid.CreateVersion7()}}","name":"After","slug":"{{tagSlug}}"}""");

        var job = await Api.ImportAsync(Editor, file, TransferJson.MediaType);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(4, job.Count("created"));
        Assert.Equal(1, job.Count("failed"));
        Assert.Equal(5, job.Count("processed"));
        var error = Assert.Single(job["errors"]!.AsArray())!;
        Assert.Equal(4, (long)error["line"]!);
        await (await Editor.GetAsync($"/api/v1/articles/{article}")).ReadJsonAsync(HttpStatusCode.OK);
        await (await Editor.GetAsync($"/api/v1/tags/slug/{tagSlug}")).ReadJsonAsync(HttpStatusCode.OK);
        var revisions = await (await Editor.GetAsync($"/api/v1/articles/{article}/revisions")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([1], Items(revisions).Select(r => (int)r!["number"]!));
    }

    [Fact]
    public async Task ArticlesImportedTogetherGetTheOutcomesTheyWouldGetOneByOne()
    {
        var existing = await Editor.CreateArticleAsync();
        var author = Guid.CreateVersion7();
        var (a, c, d, e) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        string Slug(string name) => TestData.Unique(name).Replace(' ', '-');
        var (slugA, slugC, slugD) = (Slug("first"), Slug("third"), Slug("fourth"));
        var word = "zq" + new string(Guid.NewGuid().ToString("N")[..8].Select(ch => (char)('a' + ch % 16)).ToArray());
        string Article(Guid id, string slug, string extra = "") =>
            $$"""{"type":"article","id":"{{id}}","slug":"{{slug}}","title":"Title {{slug}}","body":"Body of *{{slug}}* {{word}}.","authorIds":["{{author}}"],"status":"published","publishedAt":"2025-03-01T08:00:00Z"{{extra}}}""";
        var file = string.Join('\n',
            $$"""{"type":"author","id":"{{author}}","name":"Run Author","slug":"{{Slug("run-author")}}"}""",
            Article(a, slugA),
            // The same slug again, and the id of an article the database has: each fails alone, in its place.
            Article(Guid.CreateVersion7(), slugA),
            Article(Guid.Parse(existing.Id()), Slug("taken-id")),
            // Related to an article before it in the run and to one after it, which is linked once the file is in.
            Article(c, slugC, $$""","relatedArticleIds":["{{a}}","{{d}}"]"""),
            Article(d, slugD, ",\"createdAt\":\"2024-02-03T04:05:06Z\",\"updatedAt\":\"2024-05-06T07:08:09Z\""),
            // No slug: one is made from the title, as the API makes it.
            $$"""{"type":"article","id":"{{e}}","title":"Untitled slug article","authorIds":["{{author}}"],"status":"draft"}""");

        var job = await Api.ImportAsync(Editor, file, TransferJson.MediaType);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(5, job.Count("created"));
        Assert.Equal(2, job.Count("failed"));
        var errors = job["errors"]!.AsArray();
        Assert.Equal([(3L, "slug"), (4L, "id")], errors.Select(x => ((long)x!["line"]!, (string)x["field"]!)).Order());
        var third = await (await Editor.GetAsync($"/api/v1/articles/{c}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([a.ToString(), d.ToString()], third["relatedArticles"]!.AsArray().Select(r => r!.Id()));
        Assert.Equal($"<p>Body of <em>{slugC}</em> {word}.</p>", ((string?)third["bodyHtml"])?.Trim());
        var fourth = await (await Editor.GetAsync($"/api/v1/articles/{d}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2024-02-03T04:05:06Z", (string?)fourth["createdAt"]);
        Assert.Equal("2024-05-06T07:08:09Z", (string?)fourth["updatedAt"]);
        var fifth = await (await Editor.GetAsync($"/api/v1/articles/{e}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("untitled-slug-article", (string?)fifth["slug"]);
        // Searchable like any other article, though indexed a batch at a time.
        var found = await (await Editor.GetAsync($"/api/v1/articles?q={word}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { a, c, d }.Select(x => x.ToString()).Order(), Items(found).Select(x => x!.Id()).Order());
        // Every new article is in the outbox, for webhooks and the change feed.
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsApi.Data.NewsDbContext>();
        var created = db.Changes.Where(x => x.Type == "article.created" && (x.ResourceId == a || x.ResourceId == c || x.ResourceId == d || x.ResourceId == e))
            .Select(x => x.ResourceId).ToList();
        Assert.Equal(new[] { a, c, d, e }.Order(), created.Order());
    }

    private static JsonArray Items(JsonNode list) => list as JsonArray ?? list["items"]!.AsArray();

    [Fact]
    public async Task CreateRefusesAnExistingSlugAndUpsertMatchesIt()
    {
        var existing = await Editor.CreateArticleAsync();
        var author = ((JsonArray)existing["authors"]!)[0]!.Id();
        var line = $$"""{"type":"article","id":"{{Guid.CreateVersion7()}}","slug":"{{existing["slug"]}}","title":"Imported title","authorIds":["{{author}}"],"status":"draft"}""";

        var created = await Api.ImportAsync(Editor, line, TransferJson.MediaType, mode: "create");
        var upserted = await Api.ImportAsync(Editor, line, TransferJson.MediaType, mode: "upsert");

        var error = Assert.Single(created["errors"]!.AsArray())!;
        Assert.Equal(1, (long)error["line"]!);
        Assert.Equal("slug", (string?)error["field"]);
        Assert.Equal(1, upserted.Count("updated"));
        var article = await (await Editor.GetAsync($"/api/v1/articles/{existing.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Imported title", (string?)article["title"]);
    }

    [Fact]
    public async Task AJobTakenUpAfterACrashCarriesOnFromItsProgress()
    {
        var authors = Enumerable.Range(0, 4).Select(i => (Id: Guid.CreateVersion7(), Slug: TestData.Unique($"resumed-{i}").Replace(' ', '-'))).ToList();
        var file = string.Join('\n', authors.Select(a => $$"""{"type":"author","id":"{{a.Id}}","name":"Resumed","slug":"{{a.Slug}}"}"""));
        var store = Api.Services.GetRequiredService<ImportJobStore>();
        // As a server that stopped after two lines leaves it: the file, and the job running with 2 processed.
        var job = await store.CreateAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(file)), ImportMode.Create, null, DateTime.UtcNow, Cancel);
        job.Status = ImportStatus.Running;
        job.Processed = 2;
        job.Created = 2;
        store.Save(job);

        var worker = Api.Services.GetRequiredService<ImportWorker>();
        worker.Enqueue(job.Id);
        await worker.WhenFinishedAsync(job.Id, Cancel);

        var done = await (await Editor.GetAsync($"/api/v1/imports/{job.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("succeeded", (string?)done["status"]);
        Assert.Equal(4, done.Count("created"));
        Assert.Equal(4, done.Count("processed"));
        await (await Editor.GetAsync($"/api/v1/authors/slug/{authors[0].Slug}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"/api/v1/authors/slug/{authors[3].Slug}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(File.Exists(store.UploadPath(job.Id)));
    }

    [Fact]
    public async Task AFileOverTheDocumentLimitIsTakenAndItsTooLongFieldReported()
    {
        var bio = new string('b', 1536 * 1024);
        var line = $$"""{"type":"author","id":"{{Guid.CreateVersion7()}}","name":"Long","slug":"{{TestData.Unique("long").Replace(' ', '-')}}","bio":"{{bio}}"}""";

        var job = await Api.ImportAsync(Editor, line, TransferJson.MediaType);

        Assert.Equal(1, job.Count("failed"));
        Assert.Equal("bio", (string?)job["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task AnEmptyUploadAnUnknownModeAndAnUnknownJobAreProblems()
    {
        await (await Editor.PostRawAsync("/api/v1/import", "", TransferJson.MediaType)).ReadValidationErrorAsync("body");
        await (await Editor.PostRawAsync("/api/v1/import?mode=merge", "{}", TransferJson.MediaType)).ReadValidationErrorAsync("mode");
        await (await Editor.GetAsync($"/api/v1/imports/{Guid.CreateVersion7()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCommandLineImportsAndExportsWithAProgressDisplay()
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(output),
            Ansi = Spectre.Console.AnsiSupport.No,
            Interactive = Spectre.Console.InteractionSupport.No,
        });
        var import = TransferCommand.Parse(["import", TransferTestKit.SamplePath("wordpress-newsroom.xml"), "--mode", "upsert"])!;
        Assert.Equal(ImportMode.Upsert, import.Mode);

        await using var target = CreateEmpty();
        var admin = target.CreateEditorClient();
        var imported = await import.RunAsync(target.Services, console, Cancel);

        Assert.Equal(0, imported);
        Assert.Contains("Importing wordpress-newsroom.xml (WXR)", output.ToString());
        Assert.Contains("created", output.ToString());
        var path = Path.Combine(Path.GetTempPath(), $"newsapi-export-{Guid.NewGuid():N}.ndjson");
        try
        {
            var exported = await TransferCommand.Parse(["export", path])!.RunAsync(target.Services, console, Cancel);
            Assert.Equal(0, exported);
            Assert.Contains("Exported", output.ToString());
            var lines = TransferTestKit.Lines(await File.ReadAllTextAsync(path, Cancel));
            Assert.Contains(lines, l => (string?)l["slug"] == "new-ferry-timetable" && ((string)l["body"]!).Contains("**every 40 minutes**"));
            Assert.Equal(await admin.ExportAsync(), await File.ReadAllTextAsync(path, Cancel));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
