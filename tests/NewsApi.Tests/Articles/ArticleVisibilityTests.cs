using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class ArticleVisibilityOnSqlite(PublicSqliteApi api) : ArticleVisibilityTests(api), IClassFixture<PublicSqliteApi>;

public sealed class ArticleVisibilityOnPostgres(PublicPostgresApi api) : ArticleVisibilityTests(api), IClassFixture<PublicPostgresApi>;

public sealed class ArticleVisibilityOnSqliteThroughLinq(PublicLinqSqliteApi api) : ArticleVisibilityTests(api), IClassFixture<PublicLinqSqliteApi>;

public sealed class ArticleVisibilityOnPostgresThroughLinq(PublicLinqPostgresApi api) : ArticleVisibilityTests(api), IClassFixture<PublicLinqPostgresApi>;

/// <summary>What an anonymous front end may see: published articles whose time has come, and nothing else, anywhere.</summary>
public abstract class ArticleVisibilityTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ADraftIsInvisibleByIdBySlugInListsInCountsAndInRelatedLists()
    {
        var tag = await Editor.CreateTagAsync();
        var author = await Editor.CreateAuthorAsync();
        var source = await Editor.CreateSourceAsync();
        var draft = await Editor.CreateArticleAsync(new
        {
            authorIds = new[] { author.Id() }, tagIds = new[] { tag.Id() }, sourceId = source.Id(), excerpt = "Not yet",
        });
        var published = await Editor.CreatePublishedArticleAsync(new
        {
            authorIds = new[] { author.Id() }, tagIds = new[] { tag.Id() }, sourceId = source.Id(),
            relatedArticleIds = new[] { draft.Id() },
        });

        await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/v1/articles/slug/{draft["slug"]}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/v1/articles/{draft.Id()}/related")).ReadProblemAsync(HttpStatusCode.NotFound);

        var byTag = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([published.Id()], byTag["items"]!.AsArray().Select(i => i!.Id()));
        Assert.Equal(1, (int)byTag["totalItems"]!);

        foreach (var (resource, id) in new[] { ("tags", tag.Id()), ("authors", author.Id()), ("sources", source.Id()) })
        {
            var counted = await (await Client.GetAsync($"/api/v1/{resource}/{id}")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, (int)counted["articleCount"]!);
        }

        var shown = await (await Client.GetAsync($"/api/v1/articles/{published.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(shown["relatedArticles"]!.AsArray());
        var related = await (await Client.GetAsync($"/api/v1/articles/{published.Id()}/related")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(related.AsArray(), r => r!.Id() == draft.Id());
    }

    [Fact]
    public async Task AScheduledArticleAppearsWhenTheClockPassesItsTimeWithNoJob()
    {
        var tag = await Editor.CreateTagAsync();
        var at = Api.Clock.GetUtcNow().AddHours(2);
        var scheduled = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } }, publishAt: at);
        Assert.Equal("scheduled", (string?)scheduled["status"]);

        await (await Client.GetAsync($"/api/v1/articles/{scheduled.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var before = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(before["items"]!.AsArray());

        Api.Clock.Advance(TimeSpan.FromHours(2));

        var after = await (await Client.GetAsync($"/api/v1/articles/{scheduled.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", (string?)after["status"]);
        Assert.Equal(at.UtcDateTime, (DateTime)after["publishedAt"]!);
        var listed = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([scheduled.Id()], listed["items"]!.AsArray().Select(i => i!.Id()));
    }

    [Fact]
    public async Task ArchivedAndUnpublishedArticlesDisappearFromThePublic()
    {
        var archived = await Editor.CreatePublishedArticleAsync();
        var unpublished = await Editor.CreatePublishedArticleAsync();
        await (await Client.GetAsync($"/api/v1/articles/{archived.Id()}")).ReadJsonAsync(HttpStatusCode.OK);

        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Editor.PostAsync($"/api/v1/articles/{unpublished.Id()}/unpublish", null)).ReadJsonAsync(HttpStatusCode.OK);

        await (await Client.GetAsync($"/api/v1/articles/{archived.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/api/v1/articles/slug/{unpublished["slug"]}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TotalsFollowEveryWriteAtOnceThoughTheyAreRemembered()
    {
        var tag = await Editor.CreateTagAsync();
        var list = $"/api/v1/articles?tag={tag["slug"]}&pageSize=1";
        var first = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        Assert.Equal(1, (int)(await (await Client.GetAsync(list)).ReadJsonAsync(HttpStatusCode.OK))["totalItems"]!);

        await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        Assert.Equal(2, (int)(await (await Client.GetAsync(list)).ReadJsonAsync(HttpStatusCode.OK))["totalItems"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{first.Id()}")).StatusCode);
        Assert.Equal(1, (int)(await (await Client.GetAsync(list)).ReadJsonAsync(HttpStatusCode.OK))["totalItems"]!);
    }

    [Fact]
    public async Task TheStatusFilterIsForEditorsOnly()
    {
        var response = await Client.GetAsync("/api/v1/articles?status=draft");

        var messages = await response.ReadValidationErrorAsync("status");
        Assert.Contains("unpublished", messages[0]);
    }
}
