using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsApi.Articles;
using NewsApi.Data.Sqlite;
using NewsApi.Http;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ArticleCardsOnSqlite(SqliteApi api) : ArticleCardTests(api), IClassFixture<SqliteApi>;

public sealed class ArticleCardsOnPostgres(PostgresApi api) : ArticleCardTests(api), IClassFixture<PostgresApi>;

public sealed class ArticleCardsOnSqliteThroughLinq(LinqSqliteApi api) : ArticleCardTests(api), IClassFixture<LinqSqliteApi>;

public sealed class ArticleCardsOnPostgresThroughLinq(LinqPostgresApi api) : ArticleCardTests(api), IClassFixture<LinqPostgresApi>;

/// <summary>
/// List pages on SQLite and PostgreSQL carry summaries the database wrote as JSON (<see cref="CardArticleReadPath"/>);
/// a whole article is still read as rows and written by the serializer. Each card must say exactly what its
/// article says, in the serializer's form, whatever the text holds.
/// </summary>
public abstract class ArticleCardTests(NewsApiFactory api) : ApiTest(api)
{
    private static readonly string[] SummaryMembers =
    [
        "id", "slug", "title", "subtitle", "excerpt", "status", "featured", "featuredImage", "authors", "source", "tags",
        "readingTimeMinutes", "publishedAt", "createdAt", "updatedAt",
    ];

    private const string AwkwardText = "Zoë's \"quoted\" back\\slash <b>&amp; 😀 ünïcödé \u2028 Ελληνικά / 中文";

    [Fact]
    public async Task EveryCardSaysWhatItsArticleSaysInTheSerializersForm()
    {
        var (author, articles) = await NewsroomAsync();

        var page = await (await Client.GetAsync($"/api/v1/articles?author={(string)author["slug"]!}&pageSize=50", Cancel))
            .ReadJsonAsync(HttpStatusCode.OK);

        var cards = page["items"]!.AsArray();
        Assert.Equal(articles.Count, cards.Count);
        foreach (var card in cards.Select(c => c!.AsObject()))
        {
            Assert.Equal(SummaryMembers, card.Select(member => member.Key));
            var article = await (await Client.GetAsync($"/api/v1/articles/{card.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            foreach (var member in SummaryMembers)
            {
                Assert.True(JsonNode.DeepEquals(article[member], card[member]),
                    $"{member}: the card has {card[member]?.ToJsonString() ?? "null"}, the article {article[member]?.ToJsonString() ?? "null"}");
            }
            // Read strictly (no unknown member, no null where one is not allowed) and written again: the same JSON.
            var summary = card.Deserialize<ArticleSummary>(ApiJson.Options)!;
            Assert.True(JsonNode.DeepEquals(card, JsonSerializer.SerializeToNode(summary, ApiJson.Options)));
        }
        Assert.Equal(["archived", "draft", "published", "scheduled"], cards.Select(c => (string)c!["status"]!).Order());
    }

    [Fact]
    public async Task CardsKeepTheEditorsOrderOfBylinesAndTags()
    {
        var (author, articles) = await NewsroomAsync();
        var full = articles[0];

        var page = await (await Client.GetAsync($"/api/v1/articles?author={(string)author["slug"]!}&q=Ελληνικά", Cancel))
            .ReadJsonAsync(HttpStatusCode.OK);

        var card = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(full["authors"]!.AsArray().Select(a => a!.Id()), card["authors"]!.AsArray().Select(a => a!.Id()));
        Assert.Equal(full["tags"]!.AsArray().Select(t => t!.Id()), card["tags"]!.AsArray().Select(t => t!.Id()));
        Assert.Equal(3, card["tags"]!.AsArray().Count);
        Assert.Equal(AwkwardText, (string?)card["title"]);
    }

    [Fact]
    public async Task AnEmptyPageIsAnEmptyArray()
    {
        var author = await Editor.CreateAuthorAsync();

        var page = await (await Client.GetAsync($"/api/v1/articles?author={(string)author["slug"]!}", Cancel))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, (int)page["totalItems"]!);
    }

    /// <summary>
    /// Four articles of one author: one with everything (two bylines in the editor's order, three tags, a source,
    /// a featured image, text that needs escaping, times with fractions of a second), a bare draft, a scheduled
    /// article and an archived one. The first is returned first.
    /// </summary>
    private async Task<(JsonNode Author, List<JsonNode> Articles)> NewsroomAsync()
    {
        var author = await Editor.CreateAuthorAsync(extra: new { avatarUrl = "https://images.example.com/a.jpg" });
        var coAuthor = await Editor.CreateAuthorAsync(TestData.Unique("Ærøskøbing \"Ed\""));
        var tags = new[] { await Editor.CreateTagAsync(), await Editor.CreateTagAsync(TestData.Unique("Ünïcode")), await Editor.CreateTagAsync() };
        var source = await Editor.CreateSourceAsync();
        Api.Clock.Advance(TimeSpan.FromTicks(1_234_567));

        var full = await Editor.CreatePublishedArticleAsync(new
        {
            title = AwkwardText,
            subtitle = AwkwardText,
            excerpt = "Line one.\nLine two.\tTabbed.",
            featured = true,
            featuredImage = new { url = "https://images.example.com/grid.jpg", alt = AwkwardText, caption = (string?)null, credit = "Photo: A" },
            authorIds = new[] { coAuthor.Id(), author.Id() },
            tagIds = new[] { tags[2].Id(), tags[0].Id(), tags[1].Id() },
            sourceId = source.Id(),
        });
        Api.Clock.Advance(TimeSpan.FromTicks(10));
        var draft = await Editor.CreateArticleAsync(new { authorIds = new[] { author.Id() } });
        var scheduled = await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { author.Id() } }, Api.Clock.GetUtcNow().AddDays(2));
        var archived = await Editor.CreatePublishedArticleAsync(new { authorIds = new[] { author.Id() } });
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        return (author, [full, draft, scheduled, archived]);
    }
}

public sealed class PublicFrontPageOnSqlite(PublicSqliteApi api) : PublicFrontPageTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicFrontPageOnPostgres(PublicPostgresApi api) : PublicFrontPageTests(api), IClassFixture<PublicPostgresApi>;

public sealed class PublicFrontPageOnSqliteThroughLinq(PublicLinqSqliteApi api) : PublicFrontPageTests(api), IClassFixture<PublicLinqSqliteApi>;

public sealed class PublicFrontPageOnPostgresThroughLinq(PublicLinqPostgresApi api) : PublicFrontPageTests(api), IClassFixture<PublicLinqPostgresApi>;

/// <summary>
/// The public front page (no filter, no search, newest first, by offset) has a path of its own (on SQLite one prepared
/// statement for keys and cards); every other list composes the shared filters. Both must list the same articles,
/// with the same cards, in the same order, and show an edit on the next read.
/// </summary>
public abstract class PublicFrontPageTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task TheFrontPageListsWhatACursorWalkOfTheSameListDoesAndNothingHidden()
    {
        // Later than anything the class's other tests published.
        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var published = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            published.Add((await Editor.CreatePublishedArticleAsync()).Id());
            Api.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var scheduled = await Editor.CreatePublishedArticleAsync(publishAt: Api.Clock.GetUtcNow().AddDays(1));
        var draft = await Editor.CreateArticleAsync();
        var trashed = await Editor.CreatePublishedArticleAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).StatusCode);

        var front = await (await Client.GetAsync("/api/v1/articles?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var frontItems = front["items"]!.AsArray();
        var frontIds = frontItems.Select(i => i!.Id()).ToList();

        var walked = new List<JsonNode>();
        var url = "/api/v1/articles?pageSize=2&sort=-publishedAt";
        while (true)
        {
            var page = await (await Client.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            walked.AddRange(page["items"]!.AsArray().Select(i => i!.DeepClone()));
            if ((string?)page["nextCursor"] is not { } next)
            {
                break;
            }
            url = $"/api/v1/articles?pageSize=2&sort=-publishedAt&cursor={Uri.EscapeDataString(next)}";
        }

        Assert.Equal(walked.Select(i => i.Id()), frontIds);
        Assert.All(walked.Zip(frontItems), pair => Assert.True(JsonNode.DeepEquals(pair.First, pair.Second), pair.Second!.ToJsonString()));
        Assert.Equal(((IEnumerable<string>)published).Reverse(), frontIds.Take(3));
        Assert.DoesNotContain(scheduled.Id(), frontIds);
        Assert.DoesNotContain(draft.Id(), frontIds);
        Assert.DoesNotContain(trashed.Id(), frontIds);
        Assert.Equal(frontIds.Count, (int)front["totalItems"]!);

        var second = await (await Client.GetAsync("/api/v1/articles?pageSize=1&page=2", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(frontIds[1], Assert.Single(second["items"]!.AsArray())!.Id());

        // The first page's cursor, made from the keys the front page read, goes on where it stopped.
        var first = await (await Client.GetAsync("/api/v1/articles?pageSize=1", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var cursor = Uri.EscapeDataString((string)first["nextCursor"]!);
        var after = await (await Client.GetAsync($"/api/v1/articles?pageSize=1&cursor={cursor}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(frontIds[1], Assert.Single(after["items"]!.AsArray())!.Id());
    }

    [Fact]
    public async Task AnEditShowsOnTheFrontPagesNextRead()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var before = await (await Client.GetAsync("/api/v1/articles?pageSize=5", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(before["items"]!.AsArray(), i => i!.Id() == article.Id());

        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { title = "A headline set after the page was read" }))
            .ReadJsonAsync(HttpStatusCode.OK);

        var after = await (await Client.GetAsync("/api/v1/articles?pageSize=5", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var card = Assert.Single(after["items"]!.AsArray(), i => i!.Id() == article.Id());
        Assert.Equal("A headline set after the page was read", (string?)card!["title"]);
    }
}

/// <summary>The front page's keys are read back from its cards, whose text the editors wrote.</summary>
public sealed class PublicCardKeyTests
{
    [Fact]
    public void TheKeyComesFromTheCardsOwnMembersNotFromTextThatLooksLikeThem()
    {
        var card = """
            {"id":"01A217DD-A378-7851-8474-4A8C8DC29218","slug":"s","title":"Fake \",\"publishedAt\":\"1999-01-01T00:00:00Z\"","subtitle":null,"readingTimeMinutes":3,"publishedAt":"2026-11-28T11:26:51.1234567Z","createdAt":"2026-11-28T11:00:00Z","updatedAt":"2026-11-28T11:30:00Z"}
            """u8;

        var key = SqliteArticleCards.KeyOfPublicCard(card);

        Assert.Equal(Guid.Parse("01a217dd-a378-7851-8474-4a8c8dc29218"), key.Id);
        Assert.Equal(new DateTime(2026, 11, 28, 11, 26, 51, DateTimeKind.Utc).AddTicks(1_234_567), key.At);
        Assert.Equal(DateTimeKind.Utc, key.At!.Value.Kind);
        Assert.Null(key.Title);
    }
}
