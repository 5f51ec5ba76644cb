using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Tags;

namespace NewsApi.Tests.Data;

/// <summary>
/// SQL Server is the production target but no server runs in CI: this at least proves that every read query the
/// API composes translates to T-SQL (EF throws on anything it cannot translate), by generating the SQL offline.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private static readonly ReadContext Public = new(Editor: false, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc));
    private static readonly ReadContext Editorial = Public with { Editor = true };

    [Theory]
    [InlineData("publishedAt")]
    [InlineData("-publishedAt")]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    public void ArticleListsWithEveryFilterSortAndCursorTranslate(string sortName)
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.True(ArticleSort.TryParse(sortName, out var sort));
        var query = new ArticleListQuery(Tag: ["energy", "europe"], Author: "maria-keller", Source: "baltic-wire", Featured: true,
            PublishedFrom: DateTimeOffset.UnixEpoch, PublishedTo: DateTimeOffset.UtcNow, Status: "scheduled", Q: "grid \"last link\"");
        var cursor = new ArticleCursor(sort.Name, sort.Field == ArticleSortField.Title ? null : DateTime.UtcNow.Ticks,
            sort.Field == ArticleSortField.Title ? "Grid" : null, Guid.CreateVersion7(), "fp");

        foreach (var read in new[] { Public, Editorial })
        {
            var articles = ArticleSearch.LikeFallback(
                db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now).Filter(query, read, db), SearchTerms.Parse(query.Q));
            var sql = articles.After(sort, cursor, read.Editor).Order(sort, read.Editor).Take(21)
                .Select(ArticleRows.Summary(read.Now)).ToQueryString();
            Assert.Contains("SELECT", sql);
        }
    }

    [Fact]
    public void ArticleDetailsAndNamedListsTranslate()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var id = Guid.CreateVersion7();

        Assert.Contains("SELECT", db.Articles.Where(a => a.Id == id).Select(ArticleRows.Response(Public.Now)).ToQueryString());
        foreach (var read in new[] { Public, Editorial })
        {
            Assert.Contains("UNION ALL", ArticleEmbeddedLists.Rows(db, [id, Guid.CreateVersion7()], read, related: true).ToQueryString());
        }
        foreach (var sort in NamedListQuery.SortNames)
        {
            var query = new NamedListQuery(Sort: sort, Q: "Émile");
            var authors = db.Authors.Where(NamedListQuery.NameContains<NewsApi.Data.Entities.Author>(a => a.Name, query.Q!))
                .Select(AuthorProjections.ToResponse(Public));
            Assert.Contains("SELECT", query.Order(authors).Skip(20).Take(20).ToQueryString());
            Assert.Contains("SELECT", query.Order(db.Tags.Select(TagProjections.ToResponse(Editorial))).Take(20).ToQueryString());
        }
    }
}
