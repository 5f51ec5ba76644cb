using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ArticleListQueryOnSqlite(SqliteApi api) : EditorArticleListQueryTests(api), IClassFixture<SqliteApi>;

public sealed class ArticleListQueryOnPostgres(PostgresApi api) : EditorArticleListQueryTests(api), IClassFixture<PostgresApi>;

public sealed class ArticleListQueryOnSqliteThroughLinq(LinqSqliteApi api) : EditorArticleListQueryTests(api), IClassFixture<LinqSqliteApi>;

public sealed class ArticleListQueryOnPostgresThroughLinq(LinqPostgresApi api) : EditorArticleListQueryTests(api), IClassFixture<LinqPostgresApi>;

public sealed class PublicArticleListQueryOnSqlite(PublicSqliteApi api) : PublicArticleListQueryTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicArticleListQueryOnPostgres(PublicPostgresApi api) : PublicArticleListQueryTests(api), IClassFixture<PublicPostgresApi>;

public sealed class PublicArticleListQueryOnSqliteThroughLinq(PublicLinqSqliteApi api) : PublicArticleListQueryTests(api), IClassFixture<PublicLinqSqliteApi>;

public sealed class PublicArticleListQueryOnPostgresThroughLinq(PublicLinqPostgresApi api) : PublicArticleListQueryTests(api), IClassFixture<PublicLinqPostgresApi>;

/// <summary>
/// Filters, sorts, paging and parameter checks of <c>GET /api/v1/articles</c>. They hold for every caller, so they run
/// for editors and for anonymous readers alike (the two read the list through different SQL). Each test builds its
/// own published articles under a tag of its own and filters by it, so the tests of a class never see each other's data.
/// </summary>
public abstract partial class ArticleListQueryTests(NewsApiFactory api) : ApiTest(api)
{
    protected DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task ATagFilterListsTheArticlesWithThatTagAndRepeatedTagsMustAllMatch()
    {
        var energy = await Editor.CreateTagAsync();
        var europe = await Editor.CreateTagAsync();
        var both = await PublishAsync(new { tagIds = new[] { energy.Id(), europe.Id() } }, Now.AddHours(-1));
        var energyOnly = await PublishAsync(new { tagIds = new[] { energy.Id() } }, Now.AddHours(-2));
        var europeOnly = await PublishAsync(new { tagIds = new[] { europe.Id() } }, Now.AddHours(-3));

        Assert.Equal([both.Id(), energyOnly.Id()], Ids(await ListAsync($"tag={energy["slug"]}")));
        Assert.Equal([both.Id(), europeOnly.Id()], Ids(await ListAsync($"tag={europe["slug"]}")));
        var page = await ListAsync($"tag={energy["slug"]}&tag={europe["slug"]}");
        Assert.Equal([both.Id()], Ids(page));
        Assert.Equal(1, (int)page["totalItems"]!);
    }

    [Fact]
    public async Task AnAuthorFilterListsTheArticlesInTheirByline()
    {
        var author = await Editor.CreateAuthorAsync();
        var coAuthor = await Editor.CreateAuthorAsync();
        var solo = await PublishAsync(new { authorIds = new[] { author.Id() } }, Now.AddHours(-1));
        var shared = await PublishAsync(new { authorIds = new[] { coAuthor.Id(), author.Id() } }, Now.AddHours(-2));
        await PublishAsync(new { authorIds = new[] { coAuthor.Id() } }, Now.AddHours(-3));

        var page = await ListAsync($"author={author["slug"]}");

        Assert.Equal([solo.Id(), shared.Id()], Ids(page));
        Assert.Equal(2, (int)page["totalItems"]!);
    }

    [Fact]
    public async Task ASourceFilterListsTheArticlesFromThatSource()
    {
        var wire = await Editor.CreateSourceAsync();
        var other = await Editor.CreateSourceAsync();
        var fromWire = await PublishAsync(new { sourceId = wire.Id() });
        await PublishAsync(new { sourceId = other.Id() });

        var page = await ListAsync($"source={wire["slug"]}");

        Assert.Equal([fromWire.Id()], Ids(page));
        Assert.Equal(wire.Id(), page["items"]![0]!["source"]!.Id());
    }

    [Fact]
    public async Task TheFeaturedFilterSplitsFeaturedFromOtherArticles()
    {
        var tag = await Editor.CreateTagAsync();
        var featured = await PublishAsync(new { tagIds = new[] { tag.Id() }, featured = true }, Now.AddHours(-1));
        var ordinary = await PublishAsync(new { tagIds = new[] { tag.Id() }, featured = false }, Now.AddHours(-2));

        var onlyFeatured = await ListAsync($"tag={tag["slug"]}&featured=true");
        var notFeatured = await ListAsync($"tag={tag["slug"]}&featured=false");

        Assert.Equal([featured.Id()], Ids(onlyFeatured));
        Assert.True((bool)onlyFeatured["items"]![0]!["featured"]!);
        Assert.Equal([ordinary.Id()], Ids(notFeatured));
    }

    [Fact]
    public async Task PublishedFromAndToAreInclusiveBounds()
    {
        var tag = await Editor.CreateTagAsync();
        var (early, middle, late) = (Now.AddDays(-3), Now.AddDays(-2), Now.AddDays(-1));
        var first = await PublishAsync(new { tagIds = new[] { tag.Id() } }, early);
        var second = await PublishAsync(new { tagIds = new[] { tag.Id() } }, middle);
        var third = await PublishAsync(new { tagIds = new[] { tag.Id() } }, late);
        var filter = $"tag={tag["slug"]}";

        Assert.Equal([third.Id(), second.Id()], Ids(await ListAsync($"{filter}&publishedFrom={Iso(middle)}")));
        Assert.Equal([second.Id(), first.Id()], Ids(await ListAsync($"{filter}&publishedTo={Iso(middle)}")));
        Assert.Equal([second.Id()], Ids(await ListAsync($"{filter}&publishedFrom={Iso(middle)}&publishedTo={Iso(middle)}")));
        Assert.Equal([third.Id()], Ids(await ListAsync($"{filter}&publishedFrom={Iso(middle.AddSeconds(1))}&publishedTo={Iso(late)}")));
    }

    [Fact]
    public async Task PublicationBoundsAcceptOtherTimeZones()
    {
        var tag = await Editor.CreateTagAsync();
        var at = Now.AddDays(-1);
        var article = await PublishAsync(new { tagIds = new[] { tag.Id() } }, at);
        var sameInstantInBerlin = at.ToOffset(TimeSpan.FromHours(2));

        Assert.Equal([article.Id()], Ids(await ListAsync($"tag={tag["slug"]}&publishedFrom={Iso(sameInstantInBerlin)}")));
        Assert.Empty(Ids(await ListAsync($"tag={tag["slug"]}&publishedFrom={Iso(sameInstantInBerlin.AddSeconds(1))}")));
    }

    /// <summary>
    /// Three articles, created and published one minute apart in this order, so updatedAt follows creation:
    /// 0 "Bravo" published three days ago, 1 "Alpha" one day ago, 2 "Charlie" two days ago.
    /// </summary>
    [Theory]
    [InlineData(null, new[] { 1, 2, 0 })]
    [InlineData("-publishedAt", new[] { 1, 2, 0 })]
    [InlineData("publishedAt", new[] { 0, 2, 1 })]
    [InlineData("title", new[] { 1, 0, 2 })]
    [InlineData("-title", new[] { 2, 0, 1 })]
    [InlineData("updatedAt", new[] { 0, 1, 2 })]
    [InlineData("-updatedAt", new[] { 2, 1, 0 })]
    public async Task EachSortOrdersByItsField(string? sort, int[] expected)
    {
        var tag = await Editor.CreateTagAsync();
        var suffix = TestData.Unique("");
        var articles = new List<JsonNode>();
        foreach (var (title, daysAgo) in new[] { ("Bravo", 3), ("Alpha", 1), ("Charlie", 2) })
        {
            articles.Add(await PublishAsync(new { title = title + suffix, tagIds = new[] { tag.Id() } }, Now.AddDays(-daysAgo)));
            Api.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await ListAsync($"tag={tag["slug"]}" + (sort is null ? "" : $"&sort={sort}"));

        Assert.Equal(expected.Select(i => articles[i].Id()), Ids(page));
    }

    [Theory]
    [InlineData("publishedAt", false)]
    [InlineData("-publishedAt", true)]
    [InlineData("title", false)]
    [InlineData("-title", true)]
    [InlineData("updatedAt", false)]
    [InlineData("-updatedAt", true)]
    public async Task ArticlesEqualInTheSortFieldAreOrderedByIdInTheSameDirection(string sort, bool descending)
    {
        var tag = await Editor.CreateTagAsync();
        var title = TestData.Unique("Same moment");
        var publishedAt = Now.AddHours(-1);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await PublishAsync(new { title, tagIds = new[] { tag.Id() } }, publishedAt)).Id());
        }

        var page = await ListAsync($"tag={tag["slug"]}&sort={sort}");

        // Both databases order uuids as their canonical text, byte by byte.
        var byId = ids.Order(StringComparer.Ordinal);
        Assert.Equal(descending ? byId.Reverse() : byId, Ids(page));
    }

    [Fact]
    public async Task OffsetPagesLinkToFirstPrevNextAndLastKeepingTheOtherParameters()
    {
        var (tag, expected) = await FiveArticlesAsync();
        string? url = $"/api/v1/articles?tag={tag["slug"]}&pageSize=2";
        var seen = new List<string>();

        for (var page = 1; page <= 3; page++)
        {
            var response = await Client.GetAsync(url!, Cancel);
            var body = await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal((page, 2, 5, 3), ((int)body["page"]!, (int)body["pageSize"]!, (int)body["totalItems"]!, (int)body["totalPages"]!));
            seen.AddRange(Ids(body));

            var links = Links(response);
            string[] rels = page switch { 1 => ["first", "next", "last"], 3 => ["first", "prev", "last"], _ => ["first", "prev", "next", "last"] };
            Assert.Equal(rels, links.Keys);
            Assert.Equal("1", Query(links["first"])["page"]);
            Assert.Equal("3", Query(links["last"])["page"]);
            if (page > 1)
            {
                Assert.Equal((page - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Query(links["prev"])["page"]);
            }
            foreach (var link in links.Values)
            {
                Assert.StartsWith("/api/v1/articles?", link);
                Assert.Equal((string?)tag["slug"], Query(link)["tag"]);
                Assert.Equal("2", Query(link)["pageSize"]);
            }
            url = links.GetValueOrDefault("next");
        }

        Assert.Null(url);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task APageBeyondTheLastIsEmptyAndLinksBackToTheLast()
    {
        var (tag, _) = await FiveArticlesAsync();

        var response = await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}&pageSize=2&page=7", Cancel);

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Equal(5, (int)body["totalItems"]!);
        Assert.Null(body["nextCursor"]);
        var links = Links(response);
        Assert.Equal(["first", "prev", "last"], links.Keys);
        Assert.Equal("3", Query(links["prev"])["page"]);
    }

    [Theory]
    [InlineData(500, 20)]
    [InlineData(10_000, 1)]
    [InlineData(100, 100)]
    public async Task OffsetPagingServesEveryPageWithinTheFirstTenThousandArticles(int page, int pageSize)
    {
        var (tag, _) = await FiveArticlesAsync();

        var body = await ListAsync($"tag={tag["slug"]}&page={page}&pageSize={pageSize}");

        Assert.Equal(page, (int)body["page"]!);
        Assert.Empty(body["items"]!.AsArray());
    }

    [Theory]
    [InlineData(501, 20)]
    [InlineData(10_001, 1)]
    [InlineData(101, 100)]
    public async Task AnOffsetPageBeyondTheFirstTenThousandArticlesIs400PointingToTheCursor(int page, int pageSize)
    {
        var response = await Client.GetAsync($"/api/v1/articles?page={page}&pageSize={pageSize}", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem["errors"]!["page"]!.AsArray());
        Assert.Contains("10,000", (string)message!, StringComparison.Ordinal);
        Assert.Contains("cursor", (string)message!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyListHasOnePageAndLinksOnlyToItself()
    {
        var tag = await Editor.CreateTagAsync();

        var response = await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}", Cancel);

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0), ((int)body["totalItems"]!, (int)body["totalPages"]!));
        Assert.Null(body["nextCursor"]);
        var links = Links(response);
        Assert.Equal(["first", "last"], links.Keys);
        Assert.Equal("1", Query(links["last"])["page"]);
    }

    [Fact]
    public async Task CursorPagesWalkTheWholeListWithOnlyANextLinkAndNoTotals()
    {
        var (tag, expected) = await FiveArticlesAsync();
        var first = await ListAsync($"tag={tag["slug"]}&pageSize=2");
        var seen = Ids(first).ToList();
        var cursor = (string?)first["nextCursor"];
        Assert.NotNull(cursor);

        var url = $"/api/v1/articles?tag={tag["slug"]}&pageSize=2&cursor={cursor}";
        var pages = 0;
        while (url is not null)
        {
            var response = await Client.GetAsync(url, Cancel);
            var body = await response.ReadJsonAsync(HttpStatusCode.OK);
            pages++;
            Assert.Null(body["page"]);
            Assert.Null(body["totalItems"]);
            Assert.Null(body["totalPages"]);
            Assert.Equal(2, (int)body["pageSize"]!);
            seen.AddRange(Ids(body));

            var next = (string?)body["nextCursor"];
            if (next is null)
            {
                Assert.False(response.Headers.Contains("Link"), "the last cursor page links nowhere");
                url = null;
            }
            else
            {
                var links = Links(response);
                Assert.Equal(["next"], links.Keys);
                Assert.Equal(next, Query(links["next"])["cursor"]);
                Assert.Equal((string?)tag["slug"], Query(links["next"])["tag"]);
                url = links["next"];
            }
        }

        Assert.Equal(2, pages);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-updatedAt")]
    [InlineData("publishedAt")]
    public async Task CursorPagesFollowAnExplicitSort(string sort)
    {
        var (tag, _) = await FiveArticlesAsync();
        var expected = Ids(await ListAsync($"tag={tag["slug"]}&sort={sort}"));

        var seen = new List<string>();
        var query = $"tag={tag["slug"]}&sort={sort}&pageSize=2";
        var page = await ListAsync(query);
        seen.AddRange(Ids(page));
        while ((string?)page["nextCursor"] is { } cursor)
        {
            page = await ListAsync($"{query}&cursor={cursor}");
            seen.AddRange(Ids(page));
        }

        Assert.Equal(5, expected.Length);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("sort=newest", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=eyJzIjoibmV3ZXN0In0", "cursor")]
    [InlineData("publishedFrom=yesterday", "publishedFrom")]
    [InlineData("publishedTo=2026-13-01", "publishedTo")]
    [InlineData("publishedFrom=2026-05-02T00:00:00Z&publishedTo=2026-05-01T00:00:00Z", "publishedTo")]
    [InlineData("featured=maybe", "featured")]
    [InlineData("status=pending", "status")]
    [InlineData("q=%21%3F%2E", "q")]
    [InlineData("q=%22%22", "q")]
    [InlineData("author=Not_A_Slug", "author")]
    [InlineData("source=two%20words", "source")]
    [InlineData("colour=red", "colour")]
    public async Task AnInvalidParameterIs400NamingIt(string query, string field)
    {
        var response = await Client.GetAsync($"/api/v1/articles?{query}", Cancel);

        var messages = await response.ReadValidationErrorAsync(field);
        Assert.NotEmpty(messages[0]);
    }

    [Fact]
    public async Task AnInvalidTagSlugIs400()
    {
        var response = await Client.GetAsync("/api/v1/articles?tag=Not%20A%20Slug", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("tag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACursorOnlyWorksWithTheQueryThatGaveIt()
    {
        var (tag, _) = await FiveArticlesAsync();
        var other = await Editor.CreateTagAsync();
        var cursor = (string)(await ListAsync($"tag={tag["slug"]}&pageSize=2"))["nextCursor"]!;

        await ListAsync($"tag={tag["slug"]}&pageSize=2&cursor={cursor}");
        await ListAsync($"tag={tag["slug"]}&pageSize=3&cursor={cursor}");

        foreach (var misuse in new[]
                 {
                     $"tag={other["slug"]}&cursor={cursor}",
                     $"cursor={cursor}",
                     $"tag={tag["slug"]}&sort=title&cursor={cursor}",
                     $"tag={tag["slug"]}&featured=true&cursor={cursor}",
                     $"tag={tag["slug"]}&sort=title&q=article&cursor={cursor}",
                 })
        {
            var messages = await (await Client.GetAsync($"/api/v1/articles?{misuse}", Cancel)).ReadValidationErrorAsync("cursor");
            Assert.Contains("different query", messages[0]);
        }
    }

    [Fact]
    public async Task ACursorCannotBeCombinedWithAPageNumber()
    {
        var (tag, _) = await FiveArticlesAsync();
        var cursor = (string)(await ListAsync($"tag={tag["slug"]}&pageSize=2"))["nextCursor"]!;

        var response = await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}&pageSize=2&page=2&cursor={cursor}", Cancel);

        var messages = await response.ReadValidationErrorAsync("cursor");
        Assert.Contains("'page'", string.Join(" ", messages));
    }

    [Fact]
    public async Task RelevanceRankedSearchResultsCannotBeWalkedByCursor()
    {
        var word = UniqueWord();
        var tag = await Editor.CreateTagAsync();
        await PublishAsync(new { body = $"About {word}.", tagIds = new[] { tag.Id() } });
        await PublishAsync(new { body = $"More about {word}.", tagIds = new[] { tag.Id() } });
        var cursor = (string)(await ListAsync($"tag={tag["slug"]}&sort=title&pageSize=1&q={word}"))["nextCursor"]!;

        var response = await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}&pageSize=1&q={word}&cursor={cursor}", Cancel);

        await response.ReadValidationErrorAsync("cursor");
    }

    protected async Task<JsonNode> PublishAsync(object fields, DateTimeOffset? at = null) =>
        await Editor.CreatePublishedArticleAsync(fields, at ?? Now.AddMinutes(-1));

    protected async Task<JsonNode> ListAsync(string query) =>
        await (await Client.GetAsync($"/api/v1/articles?{query}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

    protected static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToArray();

    protected static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    protected static string UniqueWord() => "zq" + Guid.NewGuid().ToString("N")[..10].Replace('0', 'x').Replace('1', 'y');

    /// <summary>Five published articles under a new tag, an hour apart; returns them newest first (the default order).</summary>
    private async Task<(JsonNode Tag, string[] NewestFirst)> FiveArticlesAsync()
    {
        var tag = await Editor.CreateTagAsync();
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await PublishAsync(new { tagIds = new[] { tag.Id() } }, Now.AddHours(-i))).Id());
        }
        return (tag, ids.ToArray());
    }

    /// <summary>The Link header (RFC 8288) as relation → URL, in the order sent.</summary>
    private static Dictionary<string, string> Links(HttpResponseMessage response)
    {
        Assert.True(response.Headers.NonValidated.TryGetValues("Link", out var values), "the response has a Link header");
        return LinkValue().Matches(string.Join(", ", values))
            .ToDictionary(m => m.Groups["rel"].Value, m => m.Groups["url"].Value);
    }

    private static Dictionary<string, string?> Query(string url) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), url).Query).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());

    [GeneratedRegex("""<(?<url>[^>]*)>;\s*rel="(?<rel>[^"]+)"(,\s*|$)""")]
    private static partial Regex LinkValue();
}

/// <summary>Editors also see drafts, scheduled and archived articles, and may filter by status.</summary>
public abstract class EditorArticleListQueryTests(NewsApiFactory api) : ArticleListQueryTests(api)
{
    [Fact]
    public async Task TheStatusFilterListsOnlyArticlesInThatStatus()
    {
        var tag = await Editor.CreateTagAsync();
        var tagged = new { tagIds = new[] { tag.Id() } };
        var draft = await Editor.CreateArticleAsync(tagged);
        var scheduled = await Editor.CreatePublishedArticleAsync(tagged, Now.AddDays(1));
        var published = await PublishAsync(tagged);
        var archived = await PublishAsync(tagged);
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var (status, article) in new[] { ("draft", draft), ("scheduled", scheduled), ("published", published), ("archived", archived) })
        {
            var page = await ListAsync($"tag={tag["slug"]}&status={status}");
            Assert.Equal([article.Id()], Ids(page));
            Assert.Equal(status, (string?)page["items"]![0]!["status"]);
        }
        Assert.Equal(4, (int)(await ListAsync($"tag={tag["slug"]}"))["totalItems"]!);
    }

    [Fact]
    public async Task TotalsFollowEveryEditThatMovesAnArticleInOrOutOfAList()
    {
        var tag = await Editor.CreateTagAsync();
        var other = await Editor.CreateTagAsync();
        var article = await PublishAsync(new { tagIds = new[] { tag.Id() } });
        await PublishAsync(new { tagIds = new[] { tag.Id() } });
        Assert.Equal(2, (int)(await ListAsync($"tag={tag["slug"]}"))["totalItems"]!);

        // A change to the text only: the tag's total stays as it was.
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { subtitle = "Updated" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)(await ListAsync($"tag={tag["slug"]}"))["totalItems"]!);

        // A change of tags moves it to the other tag's list at once.
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { tagIds = new[] { other.Id() } })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)(await ListAsync($"tag={tag["slug"]}"))["totalItems"]!);
        Assert.Equal(1, (int)(await ListAsync($"tag={other["slug"]}"))["totalItems"]!);

        // So does a change of featured flag.
        Assert.Equal(0, (int)(await ListAsync($"tag={other["slug"]}&featured=true"))["totalItems"]!);
        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { featured = true })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)(await ListAsync($"tag={other["slug"]}&featured=true"))["totalItems"]!);
    }

    [Fact]
    public async Task AScheduledArticleMovesToThePublishedFilterWhenItsTimeComes()
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, Now.AddMinutes(10));
        Assert.Equal([article.Id()], Ids(await ListAsync($"tag={tag["slug"]}&status=scheduled")));

        Api.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(Ids(await ListAsync($"tag={tag["slug"]}&status=scheduled")));
        Assert.Equal([article.Id()], Ids(await ListAsync($"tag={tag["slug"]}&status=published")));
    }

    [Fact]
    public async Task DraftsHaveNoPublicationTimeSoDateBoundsLeaveThemOut()
    {
        var tag = await Editor.CreateTagAsync();
        await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() } });
        var published = await PublishAsync(new { tagIds = new[] { tag.Id() } });

        var page = await ListAsync($"tag={tag["slug"]}&publishedFrom={Iso(Now.AddDays(-30))}&publishedTo={Iso(Now.AddDays(30))}");

        Assert.Equal([published.Id()], Ids(page));
    }
}

/// <summary>Anonymous readers see only published articles whose time has come, and cannot ask for others.</summary>
public abstract class PublicArticleListQueryTests(NewsApiFactory api) : ArticleListQueryTests(api)
{
    [Theory]
    [InlineData("published")]
    [InlineData("draft")]
    public async Task TheStatusFilterIs400ForReaders(string status)
    {
        var response = await Client.GetAsync($"/api/v1/articles?status={status}", Cancel);

        var messages = await response.ReadValidationErrorAsync("status");
        Assert.Contains("unpublished", messages[0]);
    }

    [Fact]
    public async Task ReadersListOnlyPublishedArticlesWhoseTimeHasCome()
    {
        var tag = await Editor.CreateTagAsync();
        var tagged = new { tagIds = new[] { tag.Id() } };
        await Editor.CreateArticleAsync(tagged);
        await Editor.CreatePublishedArticleAsync(tagged, Now.AddDays(1));
        var archived = await PublishAsync(tagged);
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var published = await PublishAsync(tagged);

        var page = await ListAsync($"tag={tag["slug"]}");

        Assert.Equal([published.Id()], Ids(page));
        Assert.Equal((1, 1), ((int)page["totalItems"]!, (int)page["totalPages"]!));
        Assert.Equal("published", (string?)page["items"]![0]!["status"]);
    }
}
