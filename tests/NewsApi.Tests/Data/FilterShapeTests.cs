using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Tests.Data;

/// <summary>
/// The two forms of a tag or author filter (see <see cref="ArticleQueries.Filter"/>): the date-order walk must keep
/// its subquery fenced with an OFFSET, or PostgreSQL merges it back into the join that collects every tagged article.
/// </summary>
public sealed class FilterShapeTests
{
    private static readonly ReadContext Public = new(Editor: false, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc));
    private static readonly ArticleListQuery Query = new(Tag: ["energy"], Author: "maria-keller");

    [Fact]
    public void TheDateOrderWalkFencesEachTestWithAnOffsetOnPostgreSql()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        var walk = Page(db, walkDateOrder: true);
        var collect = Page(db, walkDateOrder: false);

        Assert.Equal(2, CountOf(walk, "OFFSET"));
        Assert.Equal(0, CountOf(collect, "OFFSET"));
        Assert.Equal(2, CountOf(walk, "EXISTS"));
        Assert.Equal(2, CountOf(collect, "EXISTS"));
    }

    [Fact]
    public void BothFormsTranslateForSqlServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(2, CountOf(Page(db, walkDateOrder: true), "EXISTS"));
        Assert.Equal(2, CountOf(Page(db, walkDateOrder: false), "EXISTS"));
    }

    private static string Page(NewsDbContext db, bool walkDateOrder) =>
        db.Articles.AsNoTracking().VisibleTo(Public.Editor, Public.Now).Filter(Query, Public, walkDateOrder)
            .Order(ArticleSort.Default, Public.Editor).Take(21).Select(a => a.Id).ToQueryString();

    private static int CountOf(string sql, string word) =>
        sql.Split(word, StringSplitOptions.None).Length - 1;
}
