using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class TrashOnSqlite(SqliteApi api) : TrashTests(api), IClassFixture<SqliteApi>;

public sealed class TrashOnPostgres(PostgresApi api) : TrashTests(api), IClassFixture<PostgresApi>;

public sealed class PublicTrashOnSqlite(PublicSqliteApi api) : PublicTrashTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicTrashOnPostgres(PublicPostgresApi api) : PublicTrashTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>
/// Deleting an article moves it to the trash: hidden everywhere, slug reserved, restorable with its status, until it
/// is deleted for good or the purge takes it after the retention period.
/// </summary>
public abstract class TrashTests(NewsApiFactory api) : ApiTest(api)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public async Task DeletingMovesAnArticleToTheTrashAndHidesItEverywhere()
    {
        var (article, tag, author, linking, word) = await CreateLinkedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";

        var response = await Editor.DeleteAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        await (await Editor.GetAsync(url, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"/api/v1/articles/slug/{article["slug"]}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"{url}/related", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.GetAsync($"{url}/revisions", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.PatchAsync(url, new { subtitle = "Too late" }, ifMatch: "*")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListedIdsAsync($"tag={tag["slug"]}"));
        Assert.Empty(await ListedIdsAsync($"author={author["slug"]}"));
        Assert.Empty(await ListedIdsAsync($"q={word}&sort=-publishedAt"));
        Assert.Equal(0, await ArticleCountAsync($"/api/v1/tags/{tag.Id()}"));
        Assert.Equal(0, await ArticleCountAsync($"/api/v1/authors/{author.Id()}"));
        var linked = await (await Editor.GetAsync($"/api/v1/articles/{linking.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(linked["relatedArticles"]!.AsArray());
        var related = await (await Editor.GetAsync($"/api/v1/articles/{linking.Id()}/related", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(article.Id(), related.AsArray().Select(r => r!.Id()));

        var trashed = await TrashedAsync(article.Id());
        Assert.NotNull(trashed);
        Assert.Equal((string?)article["slug"], (string?)trashed["slug"]);
        Assert.Equal((string?)article["title"], (string?)trashed["title"]);
        Assert.Equal("published", (string?)trashed["status"]);
        var deletedAt = DateTimeOffset.Parse((string)trashed["deletedAt"]!, CultureInfo.InvariantCulture);
        Assert.Equal(Api.Clock.GetUtcNow(), deletedAt);
        Assert.Equal(deletedAt + Retention, DateTimeOffset.Parse((string)trashed["purgeAfter"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheTrashListsTheMostRecentlyDeletedFirst()
    {
        var earlier = await Editor.CreateArticleAsync();
        var later = await Editor.CreateArticleAsync();
        await TrashAsync(earlier.Id());
        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        await TrashAsync(later.Id());

        var trash = await (await Editor.GetAsync("/api/v1/trash/articles?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        var ids = trash["items"]!.AsArray().Select(i => i!.Id()).ToList();
        Assert.Equal(later.Id(), ids[0]);
        Assert.True(ids.IndexOf(earlier.Id()) > 0);
        Assert.True((int)trash["totalItems"]! >= 2);
    }

    [Fact]
    public async Task DeletingAnArticleAlreadyInTheTrashIs404()
    {
        var article = await Editor.CreateArticleAsync();
        await TrashAsync(article.Id());

        await (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"/api/v1/articles/{Guid.NewGuid()}", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.NotNull(await TrashedAsync(article.Id()));
    }

    [Fact]
    public async Task ATrashedArticlesSlugStaysReserved()
    {
        var title = TestData.Unique("Reserved slug");
        var trashed = await Editor.CreateArticleAsync(new { title });
        var slug = (string)trashed["slug"]!;
        var other = await Editor.CreateArticleAsync();
        await TrashAsync(trashed.Id());

        var author = await Editor.CreateAuthorAsync();
        var taken = await Editor.PostJsonAsync("/api/v1/articles", new { title = "Another story", slug, authorIds = new[] { author.Id() } });
        await taken.ReadProblemAsync(HttpStatusCode.Conflict);
        var patched = await Editor.PatchAsync($"/api/v1/articles/{other.Id()}", new { slug });
        await patched.ReadProblemAsync(HttpStatusCode.Conflict);
        var sameTitle = await Editor.CreateArticleAsync(new { title });
        Assert.Equal($"{slug}-2", (string?)sameTitle["slug"]);
    }

    [Fact]
    public async Task RestoringBringsAnArticleBackWithItsStatusAndLinks()
    {
        var (article, tag, _, linking, _) = await CreateLinkedArticleAsync();
        var draft = await Editor.CreateArticleAsync();
        await TrashAsync(article.Id());
        await TrashAsync(draft.Id());
        Api.Clock.Advance(TimeSpan.FromDays(3));

        var response = await Editor.PostAsync($"/api/v1/articles/{article.Id()}/restore", null, Cancel);

        var restored = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", (string?)restored["status"]);
        Assert.Equal((string?)article["publishedAt"], (string?)restored["publishedAt"]);
        Assert.Equal((string?)article["slug"], (string?)restored["slug"]);
        var bySlug = await Editor.GetAsync($"/api/v1/articles/slug/{article["slug"]}", Cancel);
        Assert.Equal(restored.ToJsonString(), (await bySlug.ReadJsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(bySlug.Headers.ETag, response.Headers.ETag);
        Assert.Equal([article.Id()], await ListedIdsAsync($"tag={tag["slug"]}"));
        Assert.Equal(1, await ArticleCountAsync($"/api/v1/tags/{tag.Id()}"));
        var linked = await (await Editor.GetAsync($"/api/v1/articles/{linking.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([article.Id()], linked["relatedArticles"]!.AsArray().Select(r => r!.Id()));
        var revisions = await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}/revisions", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)revisions["totalItems"]!);
        Assert.Null(await TrashedAsync(article.Id()));

        var restoredDraft = await (await Editor.PostAsync($"/api/v1/articles/{draft.Id()}/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", (string?)restoredDraft["status"]);
        Assert.Null(restoredDraft["publishedAt"]);
    }

    [Fact]
    public async Task RestoringAnArticleNotInTheTrashIs409AndAnUnknownOneIs404()
    {
        var article = await Editor.CreateArticleAsync();

        var live = await Editor.PostAsync($"/api/v1/articles/{article.Id()}/restore", null, Cancel);
        var unknown = await Editor.PostAsync($"/api/v1/articles/{Guid.NewGuid()}/restore", null, Cancel);

        await live.ReadProblemAsync(HttpStatusCode.Conflict);
        await unknown.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("draft", (string?)(await (await Editor.GetAsync($"/api/v1/articles/{article.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["status"]);
    }

    [Fact]
    public async Task DeletingATrashedArticlePermanentlyRemovesItForGoodAndFreesItsSlug()
    {
        var slug = $"for-good-{Guid.NewGuid():N}";
        var article = await Editor.CreateArticleAsync(new { slug });
        await TrashAsync(article.Id());

        var response = await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await TrashedAsync(article.Id()));
        await (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true", Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await StoredRowsAsync(article.Id()));
        var successor = await Editor.CreateArticleAsync(new { slug });
        Assert.Equal(slug, (string?)successor["slug"]);
    }

    [Fact]
    public async Task DeletingALiveArticlePermanentlyRemovesItItsRevisionsAndTheLinksToIt()
    {
        var (article, tag, _, linking, _) = await CreateLinkedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        await (await Editor.PatchAsync(url, new { subtitle = "A second revision" })).ReadJsonAsync(HttpStatusCode.OK);

        var response = await Editor.DeleteAsync($"{url}?permanent=true", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Editor.GetAsync(url, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(await TrashedAsync(article.Id()));
        await (await Editor.PostAsync($"{url}/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await StoredRowsAsync(article.Id()));
        var linked = await (await Editor.GetAsync($"/api/v1/articles/{linking.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(linked["relatedArticles"]!.AsArray());
        Assert.Equal(0, await ArticleCountAsync($"/api/v1/tags/{tag.Id()}"));
        // The link is gone from the database, not just hidden: the linking article can be saved as it is.
        await (await Editor.PatchAsync($"/api/v1/articles/{linking.Id()}", new { subtitle = "Still fine" })).ReadJsonAsync(HttpStatusCode.OK);
        var successor = await Editor.CreateArticleAsync(new { slug = (string)article["slug"]! });
        Assert.Equal((string?)article["slug"], (string?)successor["slug"]);
    }

    [Fact]
    public async Task ThePurgeDeletesArticlesTrashedLongerThanTheRetentionPeriodAndKeepsTheRest()
    {
        var (expiring, _, _, linking, _) = await CreateLinkedArticleAsync();
        await (await Editor.PatchAsync($"/api/v1/articles/{expiring.Id()}", new { subtitle = "A second revision" })).ReadJsonAsync(HttpStatusCode.OK);
        var recent = await Editor.CreatePublishedArticleAsync();
        await TrashAsync(expiring.Id());
        Api.Clock.Advance(TimeSpan.FromDays(20));
        await TrashAsync(recent.Id());
        Api.Clock.Advance(TimeSpan.FromDays(11));

        await Api.Services.GetRequiredService<TrashPurger>().PurgeAsync(Cancel);

        Assert.Null(await TrashedAsync(expiring.Id()));
        await (await Editor.PostAsync($"/api/v1/articles/{expiring.Id()}/restore", null, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await StoredRowsAsync(expiring.Id()));
        var successor = await Editor.CreateArticleAsync(new { slug = (string)expiring["slug"]! });
        Assert.Equal((string?)expiring["slug"], (string?)successor["slug"]);
        await (await Editor.PatchAsync($"/api/v1/articles/{linking.Id()}", new { subtitle = "Still fine" })).ReadJsonAsync(HttpStatusCode.OK);

        var kept = await TrashedAsync(recent.Id());
        Assert.NotNull(kept);
        Assert.Equal(Api.Clock.GetUtcNow() + TimeSpan.FromDays(19),
            DateTimeOffset.Parse((string)kept["purgeAfter"]!, CultureInfo.InvariantCulture));
        var restored = await (await Editor.PostAsync($"/api/v1/articles/{recent.Id()}/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", (string?)restored["status"]);
    }

    /// <summary>A published article with a tag, an author and a search word of its own, and a second article linking to it.</summary>
    private async Task<(JsonNode Article, JsonNode Tag, JsonNode Author, JsonNode Linking, string Word)> CreateLinkedArticleAsync()
    {
        var tag = await Editor.CreateTagAsync();
        var author = await Editor.CreateAuthorAsync();
        var word = $"trashword{Guid.NewGuid():N}"[..20];
        var article = await Editor.CreatePublishedArticleAsync(new
        {
            body = $"A story about {word}.", tagIds = new[] { tag.Id() }, authorIds = new[] { author.Id() },
        });
        var linking = await Editor.CreateArticleAsync(new { relatedArticleIds = new[] { article.Id() } });

        Assert.Equal([article.Id()], await ListedIdsAsync($"tag={tag["slug"]}"));
        Assert.Equal([article.Id()], await ListedIdsAsync($"author={author["slug"]}"));
        Assert.Equal([article.Id()], await ListedIdsAsync($"q={word}&sort=-publishedAt"));
        Assert.Equal(1, await ArticleCountAsync($"/api/v1/tags/{tag.Id()}"));
        return (article, tag, author, linking, word);
    }

    private async Task TrashAsync(string id) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{id}", Cancel)).StatusCode);

    private async Task<JsonNode?> TrashedAsync(string id)
    {
        var trash = await (await Editor.GetAsync("/api/v1/trash/articles?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        return trash["items"]!.AsArray().SingleOrDefault(i => i!.Id() == id);
    }

    private async Task<string[]> ListedIdsAsync(string query)
    {
        var page = await (await Editor.GetAsync($"/api/v1/articles?{query}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.Id()).ToArray();
    }

    private async Task<int> ArticleCountAsync(string url) =>
        (int)(await (await Editor.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK))["articleCount"]!;

    /// <summary>
    /// What is left of an article in the database, trash and filters aside: the article, its revisions, its old
    /// slugs and links to or from it. The API cannot show these once the article is gone.
    /// </summary>
    private async Task<int> StoredRowsAsync(string id)
    {
        var articleId = Guid.Parse(id);
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        return await db.Articles.IgnoreQueryFilters().CountAsync(a => a.Id == articleId, Cancel)
               + await db.ArticleRevisions.IgnoreQueryFilters().CountAsync(r => r.ArticleId == articleId, Cancel)
               + await db.ArticleSlugRedirects.IgnoreQueryFilters().CountAsync(r => r.ArticleId == articleId, Cancel)
               + await db.RelatedArticles.IgnoreQueryFilters().CountAsync(r => r.ArticleId == articleId || r.RelatedId == articleId, Cancel);
    }
}

/// <summary>What a reader sees of the trash: nothing at all.</summary>
public abstract class PublicTrashTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ATrashedArticleDisappearsForReadersAndARestoredOneComesBack()
    {
        var tag = await Editor.CreateTagAsync();
        var article = await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { tag.Id() } });
        var urls = new[] { $"/api/v1/articles/{article.Id()}", $"/api/v1/articles/slug/{article["slug"]}" };
        foreach (var url in urls)
        {
            await (await Client.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync(urls[0], Cancel)).StatusCode);

        foreach (var url in urls)
        {
            await (await Client.GetAsync(url, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
        }
        var listed = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(listed["items"]!.AsArray());
        Assert.Equal(0, (int)listed["totalItems"]!);
        Assert.Equal(0, (int)(await (await Client.GetAsync($"/api/v1/tags/{tag.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK))["articleCount"]!);

        await (await Editor.PostAsync($"{urls[0]}/restore", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var url in urls)
        {
            var back = await (await Client.GetAsync(url, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("published", (string?)back["status"]);
        }
    }

    [Fact]
    public async Task TheTrashNeedsAKeyThatReadsUnpublishedContent()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}", Cancel)).StatusCode);

        var response = await Client.GetAsync("/api/v1/trash/articles", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(article.Id(), problem.ToJsonString());
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }
}
