using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class VisibilityRuleOnSqlite(SqliteApi api) : VisibilityRuleTests(api), IClassFixture<SqliteApi>;

public sealed class VisibilityRuleOnPostgres(PostgresApi api) : VisibilityRuleTests(api), IClassFixture<PostgresApi>;

/// <summary>
/// What the public may see is stated once for LINQ (<see cref="ArticleVisibility"/>, with the query filter for the
/// trash), once for SQL (<see cref="ArticleVisibilitySql"/>) and once for values in memory (the webhooks' view): all
/// three give the same answers, and the right ones, over an article in each state.
/// </summary>
public abstract class VisibilityRuleTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task LinqSqlAndMemoryAgreeOnWhatThePublicSeesAndWhatIsScheduled()
    {
        var draft = await Editor.CreateArticleAsync();
        var published = await Editor.CreatePublishedArticleAsync();
        var scheduled = await Editor.CreatePublishedArticleAsync(publishAt: Api.Clock.GetUtcNow().AddDays(2));
        var archived = await Editor.CreatePublishedArticleAsync();
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var trashed = await Editor.CreatePublishedArticleAsync();
        (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).EnsureSuccessStatusCode();
        var ids = new[] { draft, published, scheduled, archived, trashed }.Select(a => Guid.Parse(a.Id())).ToList();
        var now = Api.Clock.GetUtcNow().UtcDateTime;

        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var linqPublic = await db.Articles.Where(a => ids.Contains(a.Id)).Where(ArticleVisibility.PublicAt(now)).Select(a => a.Id)
            .ToListAsync(Cancel);
        var linqScheduled = await db.Articles.Where(a => ids.Contains(a.Id)).Where(ArticleVisibility.ScheduledAt(now)).Select(a => a.Id)
            .ToListAsync(Cancel);
        var publicSql = $"""SELECT a."Id" AS "Value" FROM "Articles" AS a WHERE {ArticleVisibilitySql.IsPublic("a", "{0}")}""";
        var sqlPublic = (await db.Database.SqlQueryRaw<Guid>(publicSql, now).ToListAsync(Cancel)).Intersect(ids);
        var stored = await db.Articles.IgnoreQueryFilters().Where(a => ids.Contains(a.Id)).AsNoTracking().ToListAsync(Cancel);
        var memoryPublic = stored.Where(a => ArticleVisibility.IsPublic(a.Status, a.PublishedAt, a.DeletedAt, now)).Select(a => a.Id);

        Assert.Equal([ids[1]], linqPublic);
        Assert.Equal([ids[1]], sqlPublic);
        Assert.Equal([ids[1]], memoryPublic);
        Assert.Equal([ids[2]], linqScheduled);
        var statusSql = $"""SELECT {ArticleVisibilitySql.Status("a", "{0}")} AS "Value" FROM "Articles" AS a WHERE a."Id" = {"{1}"}""";
        foreach (var article in stored)
        {
            var sqlStatus = await db.Database.SqlQueryRaw<string>(statusSql, now, article.Id).SingleAsync(Cancel);
            var linqStatus = await db.Articles.IgnoreQueryFilters().Where(a => a.Id == article.Id).Select(ArticleRows.Summary(now))
                .Select(s => s.Status).SingleAsync(Cancel);
            var memoryStatus = ArticleVisibility.Effective(article.Status, article.PublishedAt, now);
            Assert.Equal(memoryStatus, linqStatus);
            Assert.Equal(memoryStatus.ToString().ToLowerInvariant(), sqlStatus);
        }
        Assert.Equal(
            [ArticleStatus.Draft, ArticleStatus.Published, ArticleStatus.Scheduled, ArticleStatus.Archived, ArticleStatus.Published],
            ids.Select(id => ArticleVisibility.Effective(stored.Single(a => a.Id == id).Status, stored.Single(a => a.Id == id).PublishedAt, now)));
    }
}
