using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Site;

public sealed class NoSiteOnSqlite(SqliteApi api) : NoSiteTests(api), IClassFixture<SqliteApi>;

public sealed class NoSiteOnPostgres(PostgresApi api) : NoSiteTests(api), IClassFixture<PostgresApi>;

/// <summary>Without Site:BaseUrl nothing links to a site: no url in responses, and no feed or sitemap to serve.</summary>
public abstract class NoSiteTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ResponsesCarryNoUrlAndFeedsAndSitemapsAre404Problems()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        Assert.Null((string?)article["url"]);
        var reader = Api.CreateAnonymousClient();
        foreach (var path in new[] { "/feeds/articles.rss", "/feeds/articles.json", "/sitemap.xml", "/sitemap-news.xml", "/sitemaps/articles-1.xml" })
        {
            var problem = await (await reader.GetAsync(path, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("Site:BaseUrl", (string?)problem["detail"]);
        }
    }
}
