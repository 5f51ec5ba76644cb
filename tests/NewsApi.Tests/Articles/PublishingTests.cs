using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class PublishingOnSqlite(SqliteApi api) : PublishingTests(api), IClassFixture<SqliteApi>;

public sealed class PublishingOnPostgres(PostgresApi api) : PublishingTests(api), IClassFixture<PostgresApi>;

public sealed class PublicPublishingOnSqlite(PublicSqliteApi api) : PublicPublishingTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicPublishingOnPostgres(PublicPostgresApi api) : PublicPublishingTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>
/// The publishing workflow as an editor sees it: every transition, every refused one, and when an article is
/// published. The clock is shared by the tests of a class, so each test reads "now" from it instead of assuming it.
/// </summary>
public abstract class PublishingTests(NewsApiFactory api) : ApiTest(api)
{
    private DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task PublishingADraftWithoutATimePublishesItNow()
    {
        var draft = await Editor.CreateArticleAsync(new { excerpt = "Ready." });

        var published = await (await Editor.PostAsync($"/api/v1/articles/{draft.Id()}/publish", null, Cancel))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("published", (string?)published["status"]);
        Assert.Equal(Now, PublishedAt(published));
        var stored = await GetAsync(draft.Id());
        Assert.Equal("published", (string?)stored["status"]);
        Assert.Equal(Now, PublishedAt(stored));
    }

    [Fact]
    public async Task PublishingWithAPastTimeBackdatesTheArticle()
    {
        var draft = await Editor.CreateArticleAsync(new { excerpt = "From the archive." });
        var yesterday = Now.AddDays(-1);

        var published = await Editor.PublishAsync(draft.Id(), yesterday);

        Assert.Equal("published", (string?)published["status"]);
        Assert.Equal(yesterday, PublishedAt(published));
    }

    [Fact]
    public async Task PublishingWithAFutureTimeSchedulesTheArticleUntilTheClockGetsThere()
    {
        var draft = await Editor.CreateArticleAsync(new { excerpt = "Embargoed." });
        var inTwoHours = Now.AddHours(2);

        var scheduled = await Editor.PublishAsync(draft.Id(), inTwoHours);

        Assert.Equal("scheduled", (string?)scheduled["status"]);
        Assert.Equal(inTwoHours, PublishedAt(scheduled));

        Api.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal("scheduled", (string?)(await GetAsync(draft.Id()))["status"]);

        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await GetAsync(draft.Id());
        Assert.Equal("published", (string?)due["status"]);
        Assert.Equal(inTwoHours, PublishedAt(due));
    }

    [Fact]
    public async Task RepublishingKeepsTheOriginalPublicationTime()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var firstPublished = PublishedAt(article);
        Api.Clock.Advance(TimeSpan.FromHours(1));

        var again = await Editor.PublishAsync(article.Id());

        Assert.Equal("published", (string?)again["status"]);
        Assert.Equal(firstPublished, PublishedAt(again));
    }

    [Fact]
    public async Task RepublishingWithATimeMovesThePublicationTime()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var correction = Now.AddMinutes(-30);

        var moved = await Editor.PublishAsync(article.Id(), correction);

        Assert.Equal(correction, PublishedAt(moved));
    }

    [Fact]
    public async Task RepublishingWithAFutureTimeTakesAPublishedArticleBackToScheduled()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var tomorrow = Now.AddDays(1);

        var rescheduled = await Editor.PublishAsync(article.Id(), tomorrow);

        Assert.Equal("scheduled", (string?)rescheduled["status"]);
        Assert.Equal(tomorrow, PublishedAt(rescheduled));
    }

    [Fact]
    public async Task PublishingAScheduledArticleWithoutATimePublishesItAtOnce()
    {
        // A scheduled article was never public, so "publish" without a time means now, not its planned time.
        var article = await Editor.CreatePublishedArticleAsync(publishAt: Now.AddDays(1));

        var published = await Editor.PublishAsync(article.Id());

        Assert.Equal("published", (string?)published["status"]);
        Assert.Equal(Now, PublishedAt(published));
    }

    [Fact]
    public async Task UnpublishingReturnsAPublishedArticleToDraftAndPublishingAgainRestoresItsTime()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var firstPublished = PublishedAt(article);
        Api.Clock.Advance(TimeSpan.FromHours(3));

        var unpublished = await (await TransitionAsync(article.Id(), "unpublish")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", (string?)unpublished["status"]);
        Assert.Equal("draft", (string?)(await GetAsync(article.Id()))["status"]);

        Api.Clock.Advance(TimeSpan.FromHours(3));
        var republished = await Editor.PublishAsync(article.Id());

        Assert.Equal("published", (string?)republished["status"]);
        Assert.Equal(firstPublished, PublishedAt(republished));
    }

    [Fact]
    public async Task UnpublishingReturnsAScheduledArticleToDraft()
    {
        var article = await Editor.CreatePublishedArticleAsync(publishAt: Now.AddDays(2));
        Assert.Equal("scheduled", (string?)article["status"]);

        var unpublished = await (await TransitionAsync(article.Id(), "unpublish")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("draft", (string?)unpublished["status"]);
    }

    [Fact]
    public async Task UnpublishingADraftIs409NamingItsStatus()
    {
        var draft = await Editor.CreateArticleAsync();

        var problem = await (await TransitionAsync(draft.Id(), "unpublish")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Cannot unpublish an article that is draft.", (string?)problem["detail"]);
        Assert.Equal("draft", (string?)problem["currentStatus"]);
        Assert.Equal("draft", (string?)(await GetAsync(draft.Id()))["status"]);
    }

    [Fact]
    public async Task UnpublishingAnArchivedArticleIs409NamingItsStatus()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        await (await TransitionAsync(article.Id(), "archive")).ReadJsonAsync(HttpStatusCode.OK);

        var problem = await (await TransitionAsync(article.Id(), "unpublish")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Cannot unpublish an article that is archived.", (string?)problem["detail"]);
        Assert.Equal("archived", (string?)problem["currentStatus"]);
    }

    [Fact]
    public async Task PublishingAnArchivedArticleIs409NamingItsStatus()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        await (await TransitionAsync(article.Id(), "archive")).ReadJsonAsync(HttpStatusCode.OK);

        var withoutTime = await (await TransitionAsync(article.Id(), "publish")).ReadProblemAsync(HttpStatusCode.Conflict);
        var withTime = await (await Editor.PostJsonAsync($"/api/v1/articles/{article.Id()}/publish", new { publishAt = Now.AddDays(1) }))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Cannot publish an article that is archived.", (string?)withoutTime["detail"]);
        Assert.Equal("archived", (string?)withoutTime["currentStatus"]);
        Assert.Equal("archived", (string?)withTime["currentStatus"]);
        Assert.Equal("archived", (string?)(await GetAsync(article.Id()))["status"]);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("published")]
    [InlineData("scheduled")]
    [InlineData("archived")]
    public async Task EveryStatusCanBeArchived(string status)
    {
        var article = await CreateInStatusAsync(status);

        var archived = await (await TransitionAsync(article.Id(), "archive")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("archived", (string?)archived["status"]);
        Assert.Equal("archived", (string?)(await GetAsync(article.Id()))["status"]);
    }

    [Fact]
    public async Task AnArchivedArticleKeepsItsSlugReserved()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        await (await TransitionAsync(article.Id(), "archive")).ReadJsonAsync(HttpStatusCode.OK);
        var author = await Editor.CreateAuthorAsync();

        var response = await Editor.PostJsonAsync("/api/v1/articles",
            new { title = "Same slug", slug = (string)article["slug"]!, authorIds = new[] { author.Id() } });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains((string)article["slug"]!, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("unpublish")]
    [InlineData("archive")]
    public async Task EveryActionOnAnUnknownArticleIs404(string action)
    {
        var id = Guid.NewGuid();

        var problem = await (await TransitionAsync(id.ToString(), action)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
    }

    [Fact]
    public async Task PublishingReportsEveryMissingFieldAtOnceAndLeavesTheDraftAlone()
    {
        var draft = await Editor.CreateArticleAsync(new
        {
            body = "",
            featuredImage = new { url = "https://images.example.com/unlabelled.jpg" },
        });

        var problem = await (await TransitionAsync(draft.Id(), "publish")).ReadProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["body", "excerpt", "featuredImage.alt"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        var stored = await GetAsync(draft.Id());
        Assert.Equal("draft", (string?)stored["status"]);
        Assert.Null(stored["publishedAt"]);
    }

    [Fact]
    public async Task WhitespaceCountsAsMissingWhenPublishing()
    {
        var draft = await Editor.CreateArticleAsync(new
        {
            excerpt = "   ",
            body = " \n ",
            featuredImage = new { url = "https://images.example.com/blank.jpg", alt = " " },
        });

        var problem = await (await TransitionAsync(draft.Id(), "publish")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["body", "excerpt", "featuredImage.alt"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFeaturedImageWithAltTextDoesNotStopPublishing()
    {
        var draft = await Editor.CreateArticleAsync(new
        {
            excerpt = "Pictured.",
            featuredImage = new { url = "https://images.example.com/labelled.jpg", alt = "A harbour at dusk" },
        });

        var published = await Editor.PublishAsync(draft.Id());

        Assert.Equal("published", (string?)published["status"]);
    }

    [Fact]
    public async Task APublishTimeThatIsNotADateIs400NamingIt()
    {
        var draft = await Editor.CreateArticleAsync(new { excerpt = "Ready." });

        var response = await Editor.PostRawAsync($"/api/v1/articles/{draft.Id()}/publish", """{"publishAt":"tomorrow"}""");

        var messages = await response.ReadValidationErrorAsync("publishAt");
        Assert.Contains("date-time", messages[0]);
    }

    private async Task<JsonNode> CreateInStatusAsync(string status)
    {
        var article = await Editor.CreatePublishedArticleAsync(publishAt: status == "scheduled" ? Now.AddDays(1) : null);
        if (status is "draft" or "archived")
        {
            await (await TransitionAsync(article.Id(), status == "draft" ? "unpublish" : "archive")).ReadJsonAsync(HttpStatusCode.OK);
        }
        Assert.Equal(status, (string?)(await GetAsync(article.Id()))["status"]);
        return article;
    }

    private Task<HttpResponseMessage> TransitionAsync(string id, string action) =>
        Editor.PostAsync($"/api/v1/articles/{id}/{action}", null, Cancel);

    private async Task<JsonNode> GetAsync(string id) =>
        await (await Client.GetAsync($"/api/v1/articles/{id}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

    private static DateTimeOffset PublishedAt(JsonNode article) => (DateTimeOffset)article["publishedAt"]!;
}

/// <summary>What the publishing workflow means for anonymous readers, who see only published articles whose time has come.</summary>
public abstract class PublicPublishingTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task AScheduledArticleAppearsForReadersWhenItsTimeComes()
    {
        var tag = await Editor.CreateTagAsync();
        var draft = await Editor.CreateArticleAsync(new { excerpt = "Embargoed.", tagIds = new[] { tag.Id() } });
        var inAnHour = Api.Clock.GetUtcNow().AddHours(1);

        var scheduled = await Editor.PublishAsync(draft.Id(), inAnHour);

        Assert.Equal("scheduled", (string?)scheduled["status"]);
        await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/v1/articles/slug/{scheduled["slug"]}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListIdsAsync(tag));

        Api.Clock.Advance(TimeSpan.FromHours(1));

        var visible = await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", (string?)visible["status"]);
        Assert.Equal(inAnHour, (DateTimeOffset)visible["publishedAt"]!);
        await (await Client.GetAsync($"/api/v1/articles/slug/{scheduled["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([draft.Id()], await ListIdsAsync(tag));
    }

    [Fact]
    public async Task DraftsAreHiddenFromReaders()
    {
        var tag = await Editor.CreateTagAsync();
        var draft = await Editor.CreateArticleAsync(new { excerpt = "Not yet.", tagIds = new[] { tag.Id() } });

        await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListIdsAsync(tag));
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("archive")]
    public async Task UnpublishingOrArchivingHidesAPublishedArticleFromReaders(string action)
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        await (await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/{action}", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        await (await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/v1/articles/slug/{article["slug"]}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListIdsAsync(tag));
    }

    [Fact]
    public async Task AHiddenArchivedArticleStillKeepsItsSlug()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var author = await Editor.CreateAuthorAsync();

        var response = await Editor.PostJsonAsync("/api/v1/articles",
            new { title = "Same slug", slug = (string)article["slug"]!, authorIds = new[] { author.Id() } });

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    private async Task<string[]> ListIdsAsync(JsonNode tag)
    {
        var page = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.Id()).ToArray();
    }
}
