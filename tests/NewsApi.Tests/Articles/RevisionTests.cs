using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class RevisionsOnSqlite(SqliteApi api) : RevisionTests(api), IClassFixture<SqliteApi>;

public sealed class RevisionsOnPostgres(PostgresApi api) : RevisionTests(api), IClassFixture<PostgresApi>;

public sealed class RevisionRetentionOnSqlite(ThreeRevisionsSqliteApi api) : RevisionRetentionTests(api), IClassFixture<ThreeRevisionsSqliteApi>;

public sealed class RevisionRetentionOnPostgres(ThreeRevisionsPostgresApi api) : RevisionRetentionTests(api), IClassFixture<ThreeRevisionsPostgresApi>;

public sealed class PublicRevisionsOnSqlite(PublicSqliteApi api) : PublicRevisionTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicRevisionsOnPostgres(PublicPostgresApi api) : PublicRevisionTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>SQLite keeping three revisions per article.</summary>
public sealed class ThreeRevisionsSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Editing:RevisionsToKeep"] = "3" };
}

/// <summary>PostgreSQL keeping three revisions per article.</summary>
public sealed class ThreeRevisionsPostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Editing:RevisionsToKeep"] = "3" };
}

/// <summary>Every write of an article's content is a numbered revision an editor can read back and restore.</summary>
public abstract class RevisionTests(NewsApiFactory api) : ApiTest(api)
{
    /// <summary>The editable fields: the shape of a create or replace request, and nothing the server owns.</summary>
    private static readonly string[] SnapshotFields =
    [
        "authorIds", "body", "canonicalUrl", "excerpt", "featured", "featuredImage", "metaDescription", "metaTitle",
        "relatedArticleIds", "slug", "sourceId", "sourceUrl", "subtitle", "tagIds", "title",
    ];

    [Fact]
    public async Task CreatingAnArticleStoresRevisionOneWithItsEditableFields()
    {
        var author = await Editor.CreateAuthorAsync();
        var tag = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var title = TestData.Unique("Harbour reopens");
        var article = await Editor.CreateArticleAsync(new
        {
            title,
            subtitle = "After the storm",
            excerpt = "Ferries run again.",
            body = "The harbour **reopened**.",
            authorIds = new[] { author.Id() },
            tagIds = new[] { tag.Id() },
            sourceId = source.Id(),
            featured = true,
            featuredImage = new { url = "https://images.example.com/harbour.jpg", alt = "Ferries" },
        });

        var list = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var revision = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}/revisions/1", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, (int)list["totalItems"]!);
        var item = list["items"]!.AsArray().Single()!;
        Assert.Equal(1, (int)item["number"]!);
        Assert.Equal(Api.Clock.GetUtcNow(), DateTimeOffset.Parse((string)item["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(item.AsObject().ContainsKey("createdBy"));
        Assert.Equal("bootstrap", (string?)item["createdBy"]); // the name of the key that made the change

        Assert.Equal(1, (int)revision["number"]!);
        Assert.Equal((string?)item["createdAt"], (string?)revision["createdAt"]);
        Assert.Equal("bootstrap", (string?)revision["createdBy"]);
        var snapshot = revision["snapshot"]!.AsObject();
        Assert.Equal(SnapshotFields, snapshot.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(title, (string?)snapshot["title"]);
        Assert.Equal((string?)article["slug"], (string?)snapshot["slug"]);
        Assert.Equal("The harbour **reopened**.", (string?)snapshot["body"]);
        Assert.Equal([author.Id()], Strings(snapshot["authorIds"]));
        Assert.Equal([tag.Id()], Strings(snapshot["tagIds"]));
        Assert.Equal(source.Id(), (string?)snapshot["sourceId"]);
        Assert.True((bool)snapshot["featured"]!);
        Assert.Equal("Ferries", (string?)snapshot["featuredImage"]!["alt"]);
    }

    [Fact]
    public async Task EachPutAndPatchAddsARevisionListedNewestFirst()
    {
        var article = await Editor.CreateArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        var created = Api.Clock.GetUtcNow();
        Api.Clock.Advance(TimeSpan.FromMinutes(5));
        var replacedTitle = TestData.Unique("Replaced");
        await (await Editor.PutJsonAsync(url, new { title = replacedTitle, body = "Rewritten.", authorIds = AuthorIds(article) }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var replaced = Api.Clock.GetUtcNow();
        Api.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await Editor.PatchAsync(url, new { slug = $"patched-{Guid.NewGuid():N}", subtitle = "Now with a dek" })).ReadJsonAsync(HttpStatusCode.OK);
        var patched = Api.Clock.GetUtcNow();

        var list = await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, (int)list["totalItems"]!);
        var items = list["items"]!.AsArray();
        Assert.Equal([3, 2, 1], items.Select(i => (int)i!["number"]!));
        Assert.Equal([patched, replaced, created],
            items.Select(i => DateTimeOffset.Parse((string)i!["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(items, i => Assert.False(i!.AsObject().ContainsKey("snapshot")));

        var second = (await (await Editor.GetAsync($"{url}/revisions/2", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["snapshot"]!;
        Assert.Equal(replacedTitle, (string?)second["title"]);
        Assert.Equal("Rewritten.", (string?)second["body"]);
        Assert.Null(second["subtitle"]);
        Assert.Equal((string?)article["slug"], (string?)second["slug"]);
        var third = (await (await Editor.GetAsync($"{url}/revisions/3", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["snapshot"]!;
        var current = await (await Editor.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(replacedTitle, (string?)third["title"]);
        Assert.Equal("Now with a dek", (string?)third["subtitle"]);
        Assert.Equal((string?)current["slug"], (string?)third["slug"]);
    }

    [Fact]
    public async Task RevisionsArePagedLikeEveryOtherList()
    {
        var article = await Editor.CreateArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        for (var i = 0; i < 4; i++)
        {
            await (await Editor.PatchAsync(url, new { subtitle = $"Take {i}" })).ReadJsonAsync(HttpStatusCode.OK);
        }

        var page = await (await Editor.GetAsync($"{url}/revisions?page=2&pageSize=2", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(5, (int)page["totalItems"]!);
        Assert.Equal(3, (int)page["totalPages"]!);
        Assert.Equal(2, (int)page["page"]!);
        Assert.Equal([3, 2], page["items"]!.AsArray().Select(i => (int)i!["number"]!));
    }

    [Fact]
    public async Task AnUnknownRevisionOrArticleIs404()
    {
        var article = await Editor.CreateArticleAsync();
        var ghost = Guid.NewGuid();

        foreach (var url in new[]
                 {
                     $"/api/v1/articles/{article.Id()}/revisions/2", $"/api/v1/articles/{article.Id()}/revisions/0",
                     $"/api/v1/articles/{ghost}/revisions", $"/api/v1/articles/{ghost}/revisions/1",
                 })
        {
            await (await Editor.GetAsync(url, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        }
        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/revisions/2/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.PostAsync($"/api/v1/articles/{ghost}/revisions/1/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RestoringARevisionWritesItsContentBackAsANewRevision()
    {
        var oldTag = await Editor.CreateTagAsync();
        var newTag = await Editor.CreateTagAsync();
        var original = await Editor.CreateArticleAsync(new { subtitle = "The first dek", body = "First *draft*.", tagIds = new[] { oldTag.Id() } });
        var url = $"/api/v1/articles/{original.Id()}";
        await (await Editor.PutJsonAsync(url, new
        {
            title = TestData.Unique("Second thoughts"), body = "Second draft.", authorIds = AuthorIds(original), tagIds = new[] { newTag.Id() },
        })).ReadJsonAsync(HttpStatusCode.OK);
        Api.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await Editor.PostAsync($"{url}/revisions/1/restore", null, Cancel);

        var restored = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)original["title"], (string?)restored["title"]);
        Assert.Equal("The first dek", (string?)restored["subtitle"]);
        Assert.Equal("First *draft*.", (string?)restored["body"]);
        Assert.Equal((string?)original["bodyHtml"], (string?)restored["bodyHtml"]);
        Assert.Equal([oldTag.Id()], restored["tags"]!.AsArray().Select(t => t!.Id()));
        Assert.Equal((string?)original["slug"], (string?)restored["slug"]);
        var stored = await Editor.GetAsync(url, Cancel);
        Assert.Equal(restored.ToJsonString(), (await stored.ReadJsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(stored.Headers.ETag, response.Headers.ETag);

        var list = await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, (int)list["totalItems"]!);
        Assert.Equal([3, 2, 1], list["items"]!.AsArray().Select(i => (int)i!["number"]!));
        var newest = await (await Editor.GetAsync($"{url}/revisions/3", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var first = await (await Editor.GetAsync($"{url}/revisions/1", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(first["snapshot"]!.ToJsonString(), newest["snapshot"]!.ToJsonString());
        Assert.Equal(Api.Clock.GetUtcNow(), DateTimeOffset.Parse((string)newest["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RestoringARevisionLeavesTheStatusAsItIs()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        await (await Editor.PatchAsync(url, new { subtitle = "Added later" })).ReadJsonAsync(HttpStatusCode.OK);

        var restored = await (await Editor.PostAsync($"{url}/revisions/1/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("published", (string?)restored["status"]);
        Assert.Equal((string?)article["publishedAt"], (string?)restored["publishedAt"]);
        Assert.Null(restored["subtitle"]);
    }

    [Fact]
    public async Task RestoringARevisionThatNamesADeletedAuthorIs400NamingIt()
    {
        var gone = await Editor.CreateAuthorAsync();
        var staying = await Editor.CreateAuthorAsync();
        var article = await Editor.CreateArticleAsync(new { authorIds = new[] { gone.Id() } });
        var url = $"/api/v1/articles/{article.Id()}";
        await (await Editor.PatchAsync(url, new { authorIds = new[] { staying.Id() } })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/authors/{gone.Id()}", Cancel)).StatusCode);

        var response = await Editor.PostAsync($"{url}/revisions/1/restore", null, Cancel);

        var messages = await response.ReadValidationErrorAsync("authorIds[0]");
        Assert.Contains(gone.Id(), messages[0]);
        var list = await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)list["totalItems"]!);
        var stored = await (await Editor.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([staying.Id()], stored["authors"]!.AsArray().Select(a => a!.Id()));
    }

    [Fact]
    public async Task PublishingIsAStatusChangeNotARevision()
    {
        var article = await Editor.CreatePublishedArticleAsync();

        var list = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, (int)list["totalItems"]!);
    }

    private static string[] AuthorIds(JsonNode article) => article["authors"]!.AsArray().Select(a => a!.Id()).ToArray();

    private static string[] Strings(JsonNode? list) => list!.AsArray().Select(n => (string)n!).ToArray();
}

/// <summary>With <c>Editing:RevisionsToKeep</c> at 3, the oldest revisions go as new ones come.</summary>
public abstract class RevisionRetentionTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task OnlyTheNewestRevisionsAreKeptAndTheirNumbersGoOn()
    {
        var article = await Editor.CreateArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        for (var i = 1; i <= 4; i++)
        {
            await (await Editor.PatchAsync(url, new { subtitle = $"Edit {i}" })).ReadJsonAsync(HttpStatusCode.OK);
        }

        var list = await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, (int)list["totalItems"]!);
        Assert.Equal([5, 4, 3], list["items"]!.AsArray().Select(i => (int)i!["number"]!));
        await (await Editor.GetAsync($"{url}/revisions/2", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"{url}/revisions/1", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.PostAsync($"{url}/revisions/1/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        var oldest = await (await Editor.GetAsync($"{url}/revisions/3", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edit 2", (string?)oldest["snapshot"]!["subtitle"]);
    }

    [Fact]
    public async Task RestoringTheOldestKeptRevisionPushesItOutAndKeepsItsContent()
    {
        var article = await Editor.CreateArticleAsync(new { subtitle = "Edit 0" });
        var url = $"/api/v1/articles/{article.Id()}";
        for (var i = 1; i <= 2; i++)
        {
            await (await Editor.PatchAsync(url, new { subtitle = $"Edit {i}" })).ReadJsonAsync(HttpStatusCode.OK);
        }

        var restored = await (await Editor.PostAsync($"{url}/revisions/1/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Edit 0", (string?)restored["subtitle"]);
        var list = await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([4, 3, 2], list["items"]!.AsArray().Select(i => (int)i!["number"]!));
        var newest = await (await Editor.GetAsync($"{url}/revisions/4", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edit 0", (string?)newest["snapshot"]!["subtitle"]);
    }

    [Fact]
    public async Task EachArticleKeepsItsOwnRevisions()
    {
        var busy = await Editor.CreateArticleAsync();
        var quiet = await Editor.CreateArticleAsync();
        for (var i = 1; i <= 4; i++)
        {
            await (await Editor.PatchAsync($"/api/v1/articles/{busy.Id()}", new { subtitle = $"Edit {i}" })).ReadJsonAsync(HttpStatusCode.OK);
        }

        var list = await (await Editor.GetAsync($"/api/v1/articles/{quiet.Id()}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([1], list["items"]!.AsArray().Select(i => (int)i!["number"]!));
    }
}

/// <summary>Revisions are editors' business: a reader cannot tell that they exist, even for a published article.</summary>
public abstract class PublicRevisionTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task RevisionsOfAPublishedArticleNeedAKeyThatReadsUnpublishedContent()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        await (await Editor.PatchAsync(url, new { subtitle = "A second revision" })).ReadJsonAsync(HttpStatusCode.OK);

        await (await Client.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        foreach (var revisions in new[] { $"{url}/revisions", $"{url}/revisions/1", $"{url}/revisions/2" })
        {
            var response = await Client.GetAsync(revisions, Cancel);
            await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }
}
