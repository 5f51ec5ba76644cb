using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class RelatedArticlesOnSqlite(SqliteApi api) : RelatedArticlesTests(api), IClassFixture<SqliteApi>;

public sealed class RelatedArticlesOnPostgres(PostgresApi api) : RelatedArticlesTests(api), IClassFixture<PostgresApi>;

public sealed class RelatedArticlesOnSqliteThroughLinq(LinqSqliteApi api) : RelatedArticlesTests(api), IClassFixture<LinqSqliteApi>;

public sealed class RelatedArticlesOnPostgresThroughLinq(LinqPostgresApi api) : RelatedArticlesTests(api), IClassFixture<LinqPostgresApi>;

public sealed class PublicRelatedArticlesOnSqlite(PublicSqliteApi api) : PublicRelatedArticlesTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicRelatedArticlesOnPostgres(PublicPostgresApi api) : PublicRelatedArticlesTests(api), IClassFixture<PublicPostgresApi>;

public sealed class PublicRelatedArticlesOnSqliteThroughLinq(PublicLinqSqliteApi api) : PublicRelatedArticlesTests(api), IClassFixture<PublicLinqSqliteApi>;

public sealed class PublicRelatedArticlesOnPostgresThroughLinq(PublicLinqPostgresApi api) : PublicRelatedArticlesTests(api), IClassFixture<PublicLinqPostgresApi>;

/// <summary>
/// <c>GET /api/v1/articles/{id}/related</c>: the editor's "Also see" links first, in their order, then published
/// articles sharing the most tags, newest first among equals. Every test uses tags of its own, so the articles
/// of other tests never share one.
/// </summary>
public abstract class RelatedArticlesTests(NewsApiFactory api) : ApiTest(api)
{
    private DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task ExplicitLinksComeFirstThenArticlesSharingTheMostTagsNewestFirst()
    {
        var s = await NewsroomAsync();

        var related = await RelatedAsync(s.Subject, "?limit=20");

        Assert.Equal([s.Second.Id(), s.First.Id(), s.SharesThree.Id(), s.SharesTwoNewer.Id(), s.SharesTwoOlder.Id(), s.SharesOne.Id()], Ids(related));
        Assert.DoesNotContain(s.Subject.Id(), Ids(related));
        var card = related.AsArray()[0]!;
        Assert.Equal((string?)s.Second["title"], (string?)card["title"]);
        Assert.False(card.AsObject().ContainsKey("body"));
    }

    [Fact]
    public async Task AnArticlesAlsoSeeLinksGiveTheirPublicationTimeInUtc()
    {
        var linked = await Editor.CreatePublishedArticleAsync(publishAt: Now.AddHours(-2));
        var article = await Editor.CreateArticleAsync(new { relatedArticleIds = new[] { linked.Id() } });

        var read = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var publishedAt = (string?)read["relatedArticles"]![0]!["publishedAt"];
        Assert.Equal((string?)linked["publishedAt"], publishedAt);
        Assert.EndsWith("Z", publishedAt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultLimitIsFive()
    {
        var s = await NewsroomAsync();

        var related = await RelatedAsync(s.Subject);

        Assert.Equal([s.Second.Id(), s.First.Id(), s.SharesThree.Id(), s.SharesTwoNewer.Id(), s.SharesTwoOlder.Id()], Ids(related));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public async Task TheLimitCutsTheListAndExplicitLinksFillItFirst(int limit, int expected)
    {
        var s = await NewsroomAsync();

        var related = await RelatedAsync(s.Subject, $"?limit={limit}");

        Assert.Equal(new[] { s.Second.Id(), s.First.Id(), s.SharesThree.Id() }.Take(expected), Ids(related));
    }

    [Fact]
    public async Task NeighboursEqualInTagsAndTimeAreOrderedByIdDescending()
    {
        var tag = await Editor.CreateTagAsync();
        var at = Now.AddHours(-1);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, at)).Id());
        }
        var subject = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });

        var related = await RelatedAsync(subject);

        Assert.Equal(ids.Order(StringComparer.Ordinal).Reverse(), Ids(related));
    }

    [Fact]
    public async Task EditorsSeeExplicitLinksToUnpublishedArticlesButTagNeighboursAreAlwaysPublished()
    {
        var tag = await Editor.CreateTagAsync();
        var tagged = new { tagIds = new[] { tag.Id() } };
        var linkedDraft = await Editor.CreateArticleAsync();
        var draftNeighbour = await Editor.CreateArticleAsync(tagged);
        var scheduledNeighbour = await Editor.CreatePublishedArticleAsync(tagged, Now.AddDays(1));
        var archivedNeighbour = await Editor.CreatePublishedArticleAsync(tagged);
        await (await Editor.PostAsync($"/api/v1/articles/{archivedNeighbour.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var publishedNeighbour = await Editor.CreatePublishedArticleAsync(tagged);
        var subject = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() }, relatedArticleIds = new[] { linkedDraft.Id() } });

        var related = await RelatedAsync(subject, "?limit=20");

        Assert.Equal([linkedDraft.Id(), publishedNeighbour.Id()], Ids(related));
        Assert.Equal("draft", (string?)related[0]!["status"]);
        Assert.DoesNotContain(draftNeighbour.Id(), Ids(related));
        Assert.DoesNotContain(scheduledNeighbour.Id(), Ids(related));
    }

    [Fact]
    public async Task EditorsGetTheRelatedListOfADraft()
    {
        var tag = await Editor.CreateTagAsync();
        var neighbour = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        var draft = await Editor.CreateArticleAsync(new { tagIds = new[] { tag.Id() } });

        Assert.Equal([neighbour.Id()], Ids(await RelatedAsync(draft)));
    }

    [Fact]
    public async Task AnArticleWithoutLinksOrTagsHasAnEmptyList()
    {
        var lonely = await Editor.CreatePublishedArticleAsync();

        Assert.Empty(Ids(await RelatedAsync(lonely)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("-1")]
    [InlineData("five")]
    public async Task ALimitOutsideOneToTwentyIs400(string limit)
    {
        var article = await Editor.CreatePublishedArticleAsync();

        var response = await Client.GetAsync($"/api/v1/articles/{article.Id()}/related?limit={limit}", Cancel);

        await response.ReadValidationErrorAsync("limit");
    }

    [Fact]
    public async Task TheLimitMayBeTwenty()
    {
        var article = await Editor.CreatePublishedArticleAsync();

        var response = await Client.GetAsync($"/api/v1/articles/{article.Id()}/related?limit=20", Cancel);

        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownArticleIs404()
    {
        var id = Guid.NewGuid();

        var problem = await (await Client.GetAsync($"/api/v1/articles/{id}/related", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
    }

    [Fact]
    public async Task AnUnknownQueryParameterIs400()
    {
        var article = await Editor.CreatePublishedArticleAsync();

        var response = await Client.GetAsync($"/api/v1/articles/{article.Id()}/related?count=3", Cancel);

        await response.ReadValidationErrorAsync("count");
    }

    /// <summary>
    /// A subject tagged with three new tags that links to <c>Second</c> then <c>First</c> (which shares one tag, yet
    /// comes where the editor put it), and four published articles sharing three, two, two and one of its tags.
    /// The one-tag neighbour is the newest and the three-tag one the oldest, so only the tag count can order them.
    /// </summary>
    private async Task<Newsroom> NewsroomAsync()
    {
        var (t1, t2, t3) = (await Editor.CreateTagAsync(), await Editor.CreateTagAsync(), await Editor.CreateTagAsync());
        var first = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { t1.Id() } }, Now.AddDays(-9));
        var second = await Editor.CreatePublishedArticleAsync(null, Now.AddDays(-8));
        var sharesThree = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { t3.Id(), t2.Id(), t1.Id() } }, Now.AddDays(-5));
        var sharesTwoOlder = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { t1.Id(), t3.Id() } }, Now.AddDays(-2));
        var sharesTwoNewer = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { t2.Id(), t3.Id() } }, Now.AddDays(-1));
        var sharesOne = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { t2.Id() } }, Now.AddHours(-1));
        var subject = await Editor.CreatePublishedArticleAsync(new
        {
            tagIds = new[] { t1.Id(), t2.Id(), t3.Id() },
            relatedArticleIds = new[] { second.Id(), first.Id() },
        });
        return new Newsroom(subject, first, second, sharesThree, sharesTwoNewer, sharesTwoOlder, sharesOne);
    }

    private sealed record Newsroom(JsonNode Subject, JsonNode First, JsonNode Second, JsonNode SharesThree,
        JsonNode SharesTwoNewer, JsonNode SharesTwoOlder, JsonNode SharesOne);

    private async Task<JsonNode> RelatedAsync(JsonNode article, string query = "") =>
        await (await Client.GetAsync($"/api/v1/articles/{article.Id()}/related{query}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

    internal static string[] Ids(JsonNode list) => list.AsArray().Select(i => i!.Id()).ToArray();
}

/// <summary>Readers never see an unpublished article in a related list, and have no related list for one.</summary>
public abstract class PublicRelatedArticlesTests(NewsApiFactory api) : ApiTest(api)
{
    private DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task ReadersSeeOnlyPublishedArticlesWhetherLinkedOrSharingTags()
    {
        var tag = await Editor.CreateTagAsync();
        var tagged = new { tagIds = new[] { tag.Id() } };
        var linkedDraft = await Editor.CreateArticleAsync(new { excerpt = "Draft." });
        var linkedArchived = await ArchivedAsync(null);
        var linkedPublished = await Editor.CreatePublishedArticleAsync(null, Now.AddDays(-3));
        await Editor.CreateArticleAsync(tagged);
        await Editor.CreatePublishedArticleAsync(tagged, Now.AddDays(1));
        await ArchivedAsync(tagged);
        var publishedNeighbour = await Editor.CreatePublishedArticleAsync(tagged, Now.AddDays(-1));
        var subject = await Editor.CreatePublishedArticleAsync(new
        {
            tagIds = new[] { tag.Id() },
            relatedArticleIds = new[] { linkedDraft.Id(), linkedArchived.Id(), linkedPublished.Id() },
        });

        var related = await RelatedAsync(subject, "?limit=20");

        Assert.Equal([linkedPublished.Id(), publishedNeighbour.Id()], RelatedArticlesTests.Ids(related));
        Assert.All(related.AsArray(), r => Assert.Equal("published", (string?)r!["status"]));
    }

    [Fact]
    public async Task AScheduledLinkTakesItsPlaceInTheEditorsOrderWhenItsTimeComes()
    {
        var scheduled = await Editor.CreatePublishedArticleAsync(null, Now.AddHours(1));
        var published = await Editor.CreatePublishedArticleAsync(null, Now.AddHours(-1));
        var subject = await Editor.CreatePublishedArticleAsync(new { relatedArticleIds = new[] { scheduled.Id(), published.Id() } });
        Assert.Equal([published.Id()], RelatedArticlesTests.Ids(await RelatedAsync(subject)));

        Api.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([scheduled.Id(), published.Id()], RelatedArticlesTests.Ids(await RelatedAsync(subject)));
    }

    [Fact]
    public async Task ADraftHasNoRelatedListForReaders()
    {
        var neighbour = await Editor.CreatePublishedArticleAsync();
        var draft = await Editor.CreateArticleAsync(new { relatedArticleIds = new[] { neighbour.Id() } });

        await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}/related", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AScheduledArticleHasNoRelatedListForReadersUntilItsTime()
    {
        var neighbour = await Editor.CreatePublishedArticleAsync();
        var scheduled = await Editor.CreatePublishedArticleAsync(new { relatedArticleIds = new[] { neighbour.Id() } }, Now.AddMinutes(5));

        await (await Client.GetAsync($"/api/v1/articles/{scheduled.Id()}/related", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Api.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([neighbour.Id()], RelatedArticlesTests.Ids(await RelatedAsync(scheduled)));
    }

    private async Task<JsonNode> ArchivedAsync(object? fields)
    {
        var article = await Editor.CreatePublishedArticleAsync(fields, Now.AddDays(-2));
        return await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task<JsonNode> RelatedAsync(JsonNode article, string query = "") =>
        await (await Client.GetAsync($"/api/v1/articles/{article.Id()}/related{query}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
}
