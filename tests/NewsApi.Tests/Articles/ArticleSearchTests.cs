using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ArticleSearchOnSqlite(SqliteApi api) : ArticleSearchTests(api), IClassFixture<SqliteApi>;

public sealed class ArticleSearchOnPostgres(PostgresApi api) : ArticleSearchTests(api), IClassFixture<PostgresApi>;

public sealed class PublicArticleSearchOnSqlite(PublicSqliteApi api) : PublicArticleSearchTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicArticleSearchOnPostgres(PublicPostgresApi api) : PublicArticleSearchTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>
/// Full-text search (<c>?q=</c>) in each database's own engine: FTS5 with porter stemming on SQLite, an english
/// tsvector on PostgreSQL. Every test searches for a made-up word of its own, so only its own articles can match.
/// Tests of what matches sort newest first (<see cref="FindAsync"/>), so the order is known; tests of ranking give
/// no sort (<see cref="RankAsync"/>), as readers usually do.
/// </summary>
public abstract class ArticleSearchTests(NewsApiFactory api) : ApiTest(api)
{
    private DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task EveryWordMustMatch()
    {
        var word = Word();
        var both = await PublishAsync(new { body = $"The {word} harbour got a new crane." }, Now.AddHours(-2));
        var one = await PublishAsync(new { body = $"The {word} harbour is quiet." }, Now.AddHours(-1));

        var page = await FindAsync($"{word} crane");

        Assert.Equal([both.Id()], Ids(page));
        Assert.Equal(1, (int)page["totalItems"]!);
        Assert.Equal([one.Id(), both.Id()], Ids(await FindAsync($"{word} harbour")));
    }

    [Fact]
    public async Task AQuotedPhraseMatchesTheWordsOnlyTogetherAndInOrder()
    {
        var word = Word();
        var together = await PublishAsync(new { body = $"{word}: the container terminal opened on Monday." }, Now.AddHours(-3));
        var apart = await PublishAsync(new { body = $"{word}: the terminal for each container opened on Monday." }, Now.AddHours(-2));
        var reversed = await PublishAsync(new { body = $"{word}: a terminal container opened on Monday." }, Now.AddHours(-1));

        var phrase = await FindAsync($"{word} \"container terminal\"");
        var words = await FindAsync($"{word} container terminal");

        Assert.Equal([together.Id()], Ids(phrase));
        Assert.Equal(1, (int)phrase["totalItems"]!);
        Assert.Equal([reversed.Id(), apart.Id(), together.Id()], Ids(words));
    }

    [Fact]
    public async Task SubtitleAndExcerptAreSearchedToo()
    {
        var word = Word();
        var inSubtitle = await PublishAsync(new { subtitle = $"About {word}" }, Now.AddHours(-2));
        var inExcerpt = await PublishAsync(new { excerpt = $"A card about {word}." }, Now.AddHours(-1));

        Assert.Equal([inExcerpt.Id(), inSubtitle.Id()], Ids(await FindAsync(word)));
    }

    [Theory]
    [InlineData("Energy prices fell.", "energy")]
    [InlineData("energy prices fell.", "ENERGY")]
    [InlineData("The election was close.", "elections")]
    [InlineData("All elections were close.", "election")]
    [InlineData("The council is planning ahead.", "planned")]
    [InlineData("Prices at the café rose.", "café")]
    [InlineData("Prices at the café rose.", "CAFÉ")]
    public async Task SearchIgnoresCaseAndFindsOtherFormsOfAWord(string body, string query)
    {
        var word = Word();
        var article = await PublishAsync(new { body = $"{word}. {body}" });

        Assert.Equal([article.Id()], Ids(await FindAsync($"{word} {query}")));
    }

    [Fact]
    public async Task PunctuationAroundWordsIsIgnored()
    {
        var word = Word();
        var article = await PublishAsync(new { body = $"{word} and the port authority." });

        Assert.Equal([article.Id()], Ids(await FindAsync($"{word}, authority!")));
    }

    [Fact]
    public async Task SearchCombinesWithFilters()
    {
        var word = Word();
        var tag = await Editor.CreateTagAsync();
        var taggedMatch = await PublishAsync(new { body = $"{word} in the news.", tagIds = new[] { tag.Id() } });
        await PublishAsync(new { body = $"{word} elsewhere." });
        await PublishAsync(new { body = "No match here.", tagIds = new[] { tag.Id() } });
        var featuredMatch = await PublishAsync(new { body = $"{word} on the front page.", featured = true });

        var tagged = await FindAsync(word, $"&tag={tag["slug"]}");
        Assert.Equal([taggedMatch.Id()], Ids(tagged));
        Assert.Equal(1, (int)tagged["totalItems"]!);
        Assert.Equal([featuredMatch.Id()], Ids(await FindAsync(word, "&featured=true")));
        var older = await FindAsync(word, $"&publishedTo={Uri.EscapeDataString(Now.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.Empty(Ids(older));
        Assert.Equal(0, (int)older["totalItems"]!);
    }

    [Fact]
    public async Task AnExplicitSortOrdersTheMatchesAndAllowsCursorPages()
    {
        var word = Word();
        var suffix = TestData.Unique("");
        var charlie = await PublishAsync(new { title = $"Charlie {word}{suffix}", body = $"{word} {word} {word}" }, Now.AddHours(-3));
        var alpha = await PublishAsync(new { title = "Alpha" + suffix, body = word }, Now.AddHours(-2));
        var bravo = await PublishAsync(new { title = "Bravo" + suffix, body = word }, Now.AddHours(-1));

        var byTitle = await SearchAsync(word, "&sort=title&pageSize=2");
        Assert.Equal([alpha.Id(), bravo.Id()], Ids(byTitle));
        Assert.Equal((3, 2), ((int)byTitle["totalItems"]!, (int)byTitle["totalPages"]!));
        var cursor = (string?)byTitle["nextCursor"];
        Assert.NotNull(cursor);

        var rest = await SearchAsync(word, $"&sort=title&pageSize=2&cursor={cursor}");
        Assert.Equal([charlie.Id()], Ids(rest));
        Assert.Null(rest["nextCursor"]);

        Assert.Equal([charlie.Id(), alpha.Id(), bravo.Id()], Ids(await SearchAsync(word, "&sort=publishedAt")));
    }

    [Fact]
    public async Task EditsAreSearchableAtOnce()
    {
        var before = Word();
        var after = Word();
        var article = await PublishAsync(new { body = $"Draft text with {before}." });

        await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { body = $"Rewritten with {after}." }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(Ids(await FindAsync(before)));
        Assert.Equal([article.Id()], Ids(await FindAsync(after)));
    }

    [Fact]
    public async Task EditorsFindDraftsToo()
    {
        var word = Word();
        var draft = await Editor.CreateArticleAsync(new { body = $"Unfinished {word}." });

        var page = await FindAsync(word);

        Assert.Equal([draft.Id()], Ids(page));
        Assert.Equal("draft", (string?)page["items"]![0]!["status"]);
    }

    [Fact]
    public async Task WithoutASortATitleMatchRanksAboveABodyOnlyMatch()
    {
        var word = Word();
        // The body match is newer and the title match older, so only the ranking can put the title match first.
        var inTitle = await PublishAsync(new { title = $"{word} reaches the coast", body = "A storm moved inland." }, Now.AddDays(-2));
        var inBody = await PublishAsync(new { title = "Weather overnight", body = $"A storm called {word} moved inland." }, Now.AddHours(-1));
        await PublishAsync(new { title = "Unrelated", body = "Nothing to see." });

        var page = await RankAsync(word);

        Assert.Equal([inTitle.Id(), inBody.Id()], Ids(page));
        Assert.Equal(2, (int)page["totalItems"]!);
    }

    [Fact]
    public async Task RankedResultsArePagedByOffsetWithTotalsAndLinksButNoCursor()
    {
        var word = Word();
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(new { body = $"{word} number {i}." });
        }

        var response = await Client.GetAsync($"/api/v1/articles?q={word}&pageSize=2", Cancel);

        var first = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, Ids(first).Length);
        Assert.Equal((1, 3, 2), ((int)first["page"]!, (int)first["totalItems"]!, (int)first["totalPages"]!));
        Assert.Null(first["nextCursor"]);
        Assert.Contains("rel=\"next\"", response.Headers.NonValidated["Link"].ToString());
        var second = await RankAsync(word, "&pageSize=2&page=2");
        Assert.Single(Ids(second));
        Assert.Empty(Ids(first).Intersect(Ids(second)));
    }

    [Fact]
    public async Task RankingLooksOnlyAtTheEnginesBestMatches()
    {
        var word = Word();
        var inTitle = await PublishAsync(new { title = $"{word} reaches the coast", body = "A storm moved inland." });
        await PublishAsync(new { title = "Weather overnight", body = $"A storm called {word} moved inland." });
        await PublishAsync(new { title = "Weather today", body = $"The {word} storm is gone." });

        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var reads = scope.ServiceProvider.GetRequiredService<IArticleReadPath>();
        var best = await reads.BestHits(db, [word], limit: 2)!.ToListAsync(Cancel);

        Assert.Equal(2, best.Count);
        Assert.Equal(inTitle.Id(), best[0].ArticleId.ToString());
        Assert.True(best[0].Rank > best[1].Rank);
    }

    [Fact]
    public async Task TrashedArticlesAreNeverRankedAndTheTotalIsWhatThePagesHold()
    {
        var word = Word();
        var kept = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            kept.Add((await PublishAsync(new { body = $"{word} number {i}." })).Id());
        }
        var trashed = await PublishAsync(new { title = $"{word} in the title ranks first", body = $"{word} {word}." });
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).StatusCode);

        var first = await RankAsync(word, "&pageSize=2");
        var second = await RankAsync(word, "&pageSize=2&page=2");
        var beyond = await RankAsync(word, "&pageSize=2&page=3");

        Assert.Equal((3, 2), ((int)first["totalItems"]!, (int)first["totalPages"]!));
        Assert.Equal(kept.Order(), Ids(first).Concat(Ids(second)).Order());
        Assert.Empty(Ids(beyond));
        Assert.Equal(3, (int)beyond["totalItems"]!);
    }

    [Fact]
    public async Task EditingTheTextOfAnArticleUpdatesTheTotalOfASearchAtOnce()
    {
        var word = Word();
        var first = await PublishAsync(new { title = $"The {word} inquiry opens" }, Now.AddHours(-2));
        await PublishAsync(new { title = $"The {word} inquiry closes" }, Now.AddHours(-1));
        Assert.Equal(2, (int)(await FindAsync(word))["totalItems"]!);

        var edited = await Editor.PatchAsync($"/api/v1/articles/{first.Id()}", new { title = "The inquiry opens" });
        await edited.ReadJsonAsync(HttpStatusCode.OK);

        var after = await FindAsync(word);
        Assert.Equal(1, (int)after["totalItems"]!);
        Assert.DoesNotContain(first.Id(), Ids(after));
    }

    [Fact]
    public async Task ARankedSearchFollowsEveryKindOfWriteAtOnce()
    {
        var word = Word();
        var first = await PublishAsync(new { title = $"The {word} tender" });
        var second = await PublishAsync(new { title = "A quiet market" });
        Assert.Equal([first.Id()], Ids(await RankAsync(word)));

        (await Editor.PatchAsync($"/api/v1/articles/{second.Id()}", new { subtitle = $"Now about {word} too" })).EnsureSuccessStatusCode();
        var afterEdit = await RankAsync(word);
        Assert.Equal(new[] { first.Id(), second.Id() }.Order(), Ids(afterEdit).Order());
        Assert.Equal(2, (int)afterEdit["totalItems"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{first.Id()}", Cancel)).StatusCode);
        var afterTrash = await RankAsync(word);
        Assert.Equal([second.Id()], Ids(afterTrash));
        Assert.Equal(1, (int)afterTrash["totalItems"]!);

        var third = await PublishAsync(new { body = $"A third {word} story." });
        Assert.Equal(new[] { second.Id(), third.Id() }.Order(), Ids(await RankAsync(word)).Order());
    }

    /// <summary>Matching: sorted newest first, so a test knows the order without relying on ranking.</summary>
    private Task<JsonNode> FindAsync(string q, string more = "") => SearchAsync(q, "&sort=-publishedAt" + more);

    /// <summary>Ranking: no sort, so results come by relevance.</summary>
    private Task<JsonNode> RankAsync(string q, string more = "") => SearchAsync(q, more);

    private async Task<JsonNode> SearchAsync(string q, string more) =>
        await (await Client.GetAsync($"/api/v1/articles?q={Uri.EscapeDataString(q)}{more}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<JsonNode> PublishAsync(object fields, DateTimeOffset? at = null) =>
        await Editor.CreatePublishedArticleAsync(fields, at ?? Now.AddMinutes(-1));

    internal static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToArray();

    /// <summary>A made-up word of letters only, so no tokenizer splits it and no other article contains it.</summary>
    internal static string Word() =>
        "zq" + new string(Guid.NewGuid().ToString("N")[..10].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());
}

/// <summary>Readers search only what they may read, and the totals count only that.</summary>
public abstract class PublicArticleSearchTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ReadersFindOnlyPublishedArticlesWhoseTimeHasCome()
    {
        var (word, scheduled, published) = await HiddenAndVisibleMatchesAsync();

        var page = await SearchAsync(word, "&sort=-publishedAt");

        Assert.Equal([published.Id()], ArticleSearchTests.Ids(page));
        Assert.Equal((1, 1), ((int)page["totalItems"]!, (int)page["totalPages"]!));

        Api.Clock.Advance(TimeSpan.FromHours(1));
        var later = await SearchAsync(word, "&sort=-publishedAt");
        Assert.Equal([scheduled.Id(), published.Id()], ArticleSearchTests.Ids(later));
        Assert.Equal(2, (int)later["totalItems"]!);
    }

    [Fact]
    public async Task RankedSearchShowsReadersOnlyPublishedArticlesToo()
    {
        var (word, _, published) = await HiddenAndVisibleMatchesAsync();

        var page = await SearchAsync(word, "");

        Assert.Equal([published.Id()], ArticleSearchTests.Ids(page));
        Assert.Equal(1, (int)page["totalItems"]!);
    }

    [Fact]
    public async Task ARankedSearchShowsAScheduledArticleOnceItsTimeHasCome()
    {
        var (word, scheduled, published) = await HiddenAndVisibleMatchesAsync();
        Assert.Equal([published.Id()], ArticleSearchTests.Ids(await SearchAsync(word, "")));

        Api.Clock.Advance(TimeSpan.FromHours(1));
        var later = await SearchAsync(word, "");

        Assert.Equal(new[] { scheduled.Id(), published.Id() }.Order(), ArticleSearchTests.Ids(later).Order());
        Assert.Equal(2, (int)later["totalItems"]!);
    }

    [Fact]
    public async Task RankedPagesNeverShowReadersHiddenArticlesAndTheTotalIsWhatThePagesHold()
    {
        var (word, _, published) = await HiddenAndVisibleMatchesAsync();
        var now = Api.Clock.GetUtcNow();
        var other = await Editor.CreatePublishedArticleAsync(new { body = $"{word} again in the body." }, now.AddHours(-3));
        var trashed = await Editor.CreatePublishedArticleAsync(new { title = $"{word} {word} trashed" }, now.AddHours(-1));
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).StatusCode);

        var first = await SearchAsync(word, "&pageSize=1");
        var second = await SearchAsync(word, "&pageSize=1&page=2");
        var beyond = await SearchAsync(word, "&pageSize=1&page=3");

        Assert.Equal((2, 2), ((int)first["totalItems"]!, (int)first["totalPages"]!));
        Assert.Equal(new[] { published.Id(), other.Id() }.Order(),
            ArticleSearchTests.Ids(first).Concat(ArticleSearchTests.Ids(second)).Order());
        Assert.Empty(ArticleSearchTests.Ids(beyond));
    }

    [Fact]
    public async Task ReadersCanWalkSortedSearchResultsByCursor()
    {
        var word = ArticleSearchTests.Word();
        var now = Api.Clock.GetUtcNow();
        var older = await Editor.CreatePublishedArticleAsync(new { body = $"{word} first." }, now.AddHours(-2));
        await Editor.CreateArticleAsync(new { body = $"{word} unpublished." });
        var newer = await Editor.CreatePublishedArticleAsync(new { body = $"{word} second." }, now.AddHours(-1));

        var first = await SearchAsync(word, "&sort=publishedAt&pageSize=1");
        var second = await SearchAsync(word, $"&sort=publishedAt&pageSize=1&cursor={first["nextCursor"]}");

        Assert.Equal([older.Id()], ArticleSearchTests.Ids(first));
        Assert.Equal(2, (int)first["totalItems"]!);
        Assert.Equal([newer.Id()], ArticleSearchTests.Ids(second));
        Assert.Null(second["nextCursor"]);
    }

    /// <summary>Four articles matching a new word: a draft and an archived one, which readers never find, one
    /// scheduled an hour from now, which they find only then, and one published two hours ago.</summary>
    private async Task<(string Word, JsonNode Scheduled, JsonNode Published)> HiddenAndVisibleMatchesAsync()
    {
        var word = ArticleSearchTests.Word();
        var now = Api.Clock.GetUtcNow();
        await Editor.CreateArticleAsync(new { title = $"{word} draft", excerpt = "Draft." });
        var scheduled = await Editor.CreatePublishedArticleAsync(new { title = $"{word} scheduled" }, now.AddHours(1));
        var archived = await Editor.CreatePublishedArticleAsync(new { title = $"{word} archived" }, now.AddHours(-1));
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var published = await Editor.CreatePublishedArticleAsync(new { body = $"Only {word} in the body." }, now.AddHours(-2));
        return (word, scheduled, published);
    }

    private async Task<JsonNode> SearchAsync(string q, string more) =>
        await (await Client.GetAsync($"/api/v1/articles?q={Uri.EscapeDataString(q)}{more}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
}
