using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Postgres;
using NewsApi.Data.Sqlite;
using NewsApi.Http;

namespace NewsApi.Tests.Data;

/// <summary>
/// The forms of a tag or author filter (see <see cref="ArticleQueries.FilterPlan"/>): the date-order walk must keep
/// its subquery fenced with an OFFSET, or PostgreSQL merges it back into the join that collects every tagged article;
/// SQLite's member list must be one uncorrelated IN list per filter, not a test per article.
/// </summary>
public sealed class FilterShapeTests
{
    private static readonly ReadContext Public = new(Editor: false, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc));
    private static readonly ArticleListQuery Query = new(Tag: ["energy"], Author: "maria-keller");

    [Fact]
    public void TheDateOrderWalkFencesEachTestWithAnOffsetOnPostgreSql()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        var walk = Page(db, ArticleQueries.FilterPlan.WalkDates);
        var collect = Page(db, ArticleQueries.FilterPlan.PerArticle);

        Assert.Equal(2, CountOf(walk, "OFFSET"));
        Assert.Equal(0, CountOf(collect, "OFFSET"));
        Assert.Equal(2, CountOf(walk, "EXISTS"));
        Assert.Equal(2, CountOf(collect, "EXISTS"));
    }

    [Fact]
    public void BothFormsTranslateForSqlServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(2, CountOf(Page(db, ArticleQueries.FilterPlan.WalkDates), "EXISTS"));
        Assert.Equal(2, CountOf(Page(db, ArticleQueries.FilterPlan.PerArticle), "EXISTS"));
    }

    [Fact]
    public void TheMemberListIsOneInListPerFilterOnSqlite()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        var members = Page(db, ArticleQueries.FilterPlan.MemberList);

        Assert.Equal(2, CountOf(members, "\"a\".\"Id\" IN ("));
        Assert.Equal(0, CountOf(members, "EXISTS"));
        Assert.Equal(2, CountOf(Page(db, ArticleQueries.FilterPlan.PerArticle), "EXISTS"));
    }

    [Fact]
    public void EachDatabaseGetsItsPlan()
    {
        Assert.Equal(ArticleQueries.FilterPlan.WalkDates, new PostgresArticleReadPath().PlanFor(largeShare: true));
        Assert.Equal(ArticleQueries.FilterPlan.PerArticle, new PostgresArticleReadPath().PlanFor(largeShare: false));
        Assert.Equal(ArticleQueries.FilterPlan.PerArticle, new SqliteArticleReadPath().PlanFor(largeShare: true));
        Assert.Equal(ArticleQueries.FilterPlan.MemberList, new SqliteArticleReadPath().PlanFor(largeShare: false));
        Assert.Equal(ArticleQueries.FilterPlan.PerArticle, new LinqArticleReadPath().PlanFor(largeShare: false));
    }

    private static string Page(NewsDbContext db, ArticleQueries.FilterPlan plan) =>
        db.Articles.AsNoTracking().VisibleTo(Public.Editor, Public.Now).Filter(Query, Public, db, plan)
            .Order(ArticleSort.Default, Public.Editor).Take(21).Select(a => a.Id).ToQueryString();

    private static int CountOf(string sql, string word) =>
        sql.Split(word, StringSplitOptions.None).Length - 1;
}
