using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ArticleEndpointsOnSqlite(SqliteApi api) : ArticleEndpointsTests(api), IClassFixture<SqliteApi>;

public sealed class ArticleEndpointsOnPostgres(PostgresApi api) : ArticleEndpointsTests(api), IClassFixture<PostgresApi>;

public sealed class ArticleEndpointsOnSqliteThroughLinq(LinqSqliteApi api) : ArticleEndpointsTests(api), IClassFixture<LinqSqliteApi>;

public sealed class ArticleEndpointsOnPostgresThroughLinq(LinqPostgresApi api) : ArticleEndpointsTests(api), IClassFixture<LinqPostgresApi>;

public abstract class ArticleEndpointsTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task AnArticleIsCreatedAsADraftWithItsRelationsEmbeddedInOrder()
    {
        var first = await Client.CreateAuthorAsync("Lina Berg");
        var desk = await Client.CreateAuthorAsync("News Desk");
        var source = await Client.CreateSourceAsync();
        var energy = await Client.CreateTagAsync();
        var europe = await Client.CreateTagAsync();
        var earlier = await Client.CreateArticleAsync();

        var response = await Client.PostJsonAsync("/api/v1/articles", new
        {
            title = "Baltic grid cuts its last link",
            subtitle = "Three states now run in step with Europe",
            excerpt = "The switch-over took place at dawn.",
            body = "The switch-over took place **at dawn**.",
            authorIds = new[] { desk.Id(), first.Id() },
            sourceId = source.Id(),
            sourceUrl = "https://wire.example.com/grid",
            tagIds = new[] { europe.Id(), energy.Id() },
            relatedArticleIds = new[] { earlier.Id() },
            featured = true,
            featuredImage = new { url = "https://images.example.com/grid.jpg", alt = "A substation", caption = "Near Tallinn", credit = "Image via X/@elering" },
            canonicalUrl = "https://news.example.com/grid",
            metaTitle = "Baltic grid",
            metaDescription = "The Baltic states left the Russian grid.",
        });

        var article = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/articles/{article.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("draft", (string?)article["status"]);
        Assert.Null(article["publishedAt"]);
        Assert.StartsWith("baltic-grid-cuts-its-last-link", (string?)article["slug"]);
        Assert.Equal([desk.Id(), first.Id()], Ids(article["authors"]));
        Assert.Equal("News Desk", (string?)article["authors"]![0]!["name"]);
        Assert.Equal(source.Id(), article["source"]!.Id());
        Assert.Equal("https://wire.example.com/grid", (string?)article["sourceUrl"]);
        Assert.Equal([europe.Id(), energy.Id()], Ids(article["tags"]));
        Assert.Equal([earlier.Id()], Ids(article["relatedArticles"]));
        Assert.Equal((string?)earlier["title"], (string?)article["relatedArticles"]![0]!["title"]);
        Assert.Equal("Image via X/@elering", (string?)article["featuredImage"]!["credit"]);
        Assert.True((bool)article["featured"]!);

        var bySlug = await (await Client.GetAsync($"/api/v1/articles/slug/{article["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(article.ToJsonString(), bySlug.ToJsonString());
    }

    [Fact]
    public async Task ListsShowSummariesWithoutTheBody()
    {
        var article = await Client.CreateArticleAsync(new { excerpt = "Card text" });

        var page = await (await Client.GetAsync("/api/v1/articles?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);

        var item = page["items"]!.AsArray().Single(i => i!.Id() == article.Id())!;
        Assert.Equal("Card text", (string?)item["excerpt"]);
        Assert.False(item.AsObject().ContainsKey("body"));
        Assert.Single(item["authors"]!.AsArray());
    }

    [Fact]
    public async Task PutReplacesListsAndScalarsAndKeepsTheSlug()
    {
        var a1 = await Client.CreateAuthorAsync();
        var a2 = await Client.CreateAuthorAsync();
        var t1 = await Client.CreateTagAsync();
        var t2 = await Client.CreateTagAsync();
        var article = await Client.CreateArticleAsync(new
        {
            authorIds = new[] { a1.Id(), a2.Id() },
            tagIds = new[] { t1.Id() },
            featuredImage = new { url = "https://images.example.com/a.jpg" },
        });

        var replaced = await (await Client.PutJsonAsync($"/api/v1/articles/{article.Id()}", new
        {
            title = "A new headline",
            authorIds = new[] { a2.Id(), a1.Id() },
            tagIds = new[] { t2.Id(), t1.Id() },
        })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("A new headline", (string?)replaced["title"]);
        Assert.Equal((string?)article["slug"], (string?)replaced["slug"]);
        Assert.Equal([a2.Id(), a1.Id()], Ids(replaced["authors"]));
        Assert.Equal([t2.Id(), t1.Id()], Ids(replaced["tags"]));
        Assert.Null(replaced["featuredImage"]);
        Assert.Equal("", (string?)replaced["body"]);
    }

    [Fact]
    public async Task PatchMergesNestedObjectsAndReplacesWholeLists()
    {
        var tag = await Client.CreateTagAsync();
        var article = await Client.CreateArticleAsync(new
        {
            subtitle = "Dek",
            featuredImage = new { url = "https://images.example.com/a.jpg", alt = "Alt text", credit = "Photo: A" },
        });

        var patched = await (await Client.PatchAsync($"/api/v1/articles/{article.Id()}",
                $$"""{"featuredImage":{"credit":null,"caption":"New caption"},"subtitle":null,"tagIds":["{{tag.Id()}}"]}"""))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Null(patched["subtitle"]);
        Assert.Equal("https://images.example.com/a.jpg", (string?)patched["featuredImage"]!["url"]);
        Assert.Equal("Alt text", (string?)patched["featuredImage"]!["alt"]);
        Assert.Equal("New caption", (string?)patched["featuredImage"]!["caption"]);
        Assert.Null(patched["featuredImage"]!["credit"]);
        Assert.Equal([tag.Id()], Ids(patched["tags"]));
        Assert.Equal((string?)article["title"], (string?)patched["title"]);
        Assert.Equal(Ids(article["authors"]), Ids(patched["authors"]));
    }

    [Fact]
    public async Task UnknownIdsAre400NamingEachField()
    {
        var author = await Client.CreateAuthorAsync();
        var tag = await Client.CreateTagAsync();
        var ghost = Guid.NewGuid().ToString();

        var response = await Client.PostJsonAsync("/api/v1/articles", new
        {
            title = "Dangling",
            authorIds = new[] { author.Id(), ghost },
            tagIds = new[] { tag.Id(), tag.Id() == ghost ? "" : Guid.NewGuid().ToString(), ghost },
            relatedArticleIds = new[] { Guid.NewGuid().ToString() },
            sourceId = Guid.NewGuid().ToString(),
        });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["authorIds[1]", "relatedArticleIds[0]", "sourceId", "tagIds[1]", "tagIds[2]"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(ghost, (string?)errors["authorIds[1]"]![0]);
    }

    [Fact]
    public async Task AnArticleCannotBeRelatedToItself()
    {
        var article = await Client.CreateArticleAsync();

        var response = await Client.PatchAsync($"/api/v1/articles/{article.Id()}", new { relatedArticleIds = new[] { article.Id() } });

        var messages = await response.ReadValidationErrorAsync("relatedArticleIds[0]");
        Assert.Contains("itself", messages[0]);
    }

    [Fact]
    public async Task ListLimitsAndDuplicatesAreRefused()
    {
        var authors = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var tags = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var related = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var tooMany = await Client.PostJsonAsync("/api/v1/articles", new { title = "Crowded", authorIds = authors, tagIds = tags, relatedArticleIds = related });
        var errors = (await tooMany.ReadProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        Assert.Contains("authorIds", errors.Select(e => e.Key));
        Assert.Contains("tagIds", errors.Select(e => e.Key));
        Assert.Contains("relatedArticleIds", errors.Select(e => e.Key));

        var none = await Client.PostJsonAsync("/api/v1/articles", new { title = "Nobody wrote this", authorIds = Array.Empty<string>() });
        await none.ReadValidationErrorAsync("authorIds");

        var twice = await Client.PostJsonAsync("/api/v1/articles", new { title = "Twice", authorIds = new[] { authors[0], authors[0] } });
        await twice.ReadValidationErrorAsync("authorIds");
    }

    [Fact]
    public async Task LengthLimitsAndUrlsAreValidatedWithFieldPaths()
    {
        var author = await Client.CreateAuthorAsync();

        var response = await Client.PostJsonAsync("/api/v1/articles", new
        {
            title = new string('t', 201),
            excerpt = new string('e', 501),
            body = new string('b', 200_001),
            authorIds = new[] { author.Id() },
            canonicalUrl = "news.example.com/x",
            featuredImage = new { url = "data:image/png;base64,AAAA" },
        });

        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        Assert.Equal(["body", "canonicalUrl", "excerpt", "featuredImage.url", "title"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ServerOwnedFieldsCannotBeWritten()
    {
        var author = await Client.CreateAuthorAsync();
        foreach (var (field, value) in new (string, JsonNode)[]
                 {
                     ("status", "published"), ("publishedAt", "2026-01-01T00:00:00Z"), ("id", Guid.NewGuid().ToString()),
                     ("createdAt", "2026-01-01T00:00:00Z"), ("updatedAt", "2026-01-01T00:00:00Z"),
                 })
        {
            var body = new JsonObject { ["title"] = "Sneaky", ["authorIds"] = new JsonArray(author.Id()), [field] = value };
            var response = await Client.PostJsonAsync("/api/v1/articles", body);
            var messages = await response.ReadValidationErrorAsync(field);
            Assert.Contains(field, messages[0]);
        }
    }

    [Fact]
    public async Task TitlesThatCollideGetNumberedSlugsAndAnExplicitTakenSlugIs409()
    {
        var title = TestData.Unique("Same headline");
        var first = await Client.CreateArticleAsync(new { title });
        var second = await Client.CreateArticleAsync(new { title });
        Assert.Equal((string?)first["slug"] + "-2", (string?)second["slug"]);

        var author = await Client.CreateAuthorAsync();
        var taken = await Client.PostJsonAsync("/api/v1/articles", new { title = "Other", slug = (string)first["slug"]!, authorIds = new[] { author.Id() } });
        await taken.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeletingAnArticleRemovesItFromOtherArticlesRelatedLists()
    {
        var target = await Client.CreateArticleAsync();
        var linking = await Client.CreateArticleAsync(new { relatedArticleIds = new[] { target.Id() } });

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/articles/{target.Id()}")).StatusCode);

        await (await Client.GetAsync($"/api/v1/articles/{target.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var after = await (await Client.GetAsync($"/api/v1/articles/{linking.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(after["relatedArticles"]!.AsArray());
        await (await Client.DeleteAsync($"/api/v1/articles/{target.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChangingOnlyTheTagsOfAnArticleStillMovesItsUpdatedAt()
    {
        var article = await Client.CreateArticleAsync();
        var tag = await Client.CreateTagAsync();
        Api.Clock.Advance(TimeSpan.FromMinutes(3));

        var patched = await (await Client.PatchAsync($"/api/v1/articles/{article.Id()}", new { tagIds = new[] { tag.Id() } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal((DateTime)article["updatedAt"]! + TimeSpan.FromMinutes(3), (DateTime)patched["updatedAt"]!);
    }

    private static string[] Ids(JsonNode? list) => list!.AsArray().Select(n => n!.Id()).ToArray();
}
