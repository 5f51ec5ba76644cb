using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class QueryCountOnSqlite(CountingSqliteApi api) : QueryCountTests(api, api.Commands), IClassFixture<CountingSqliteApi>;

public sealed class QueryCountOnPostgres(CountingPostgresApi api) : QueryCountTests(api, api.Commands), IClassFixture<CountingPostgresApi>;

/// <summary>A list page costs a fixed number of SQL commands whatever its size: no N+1.</summary>
public abstract class QueryCountTests(NewsApiFactory api, SqlCommandCounter commands) : ApiTest(api)
{
    [Fact]
    public async Task AHundredItemPageCostsAsManyCommandsAsATenItemPage()
    {
        var tag = await Client.CreateTagAsync();
        var authors = new[] { await Client.CreateAuthorAsync(), await Client.CreateAuthorAsync(), await Client.CreateAuthorAsync() };
        var source = await Client.CreateSourceAsync();
        var tags = new[] { tag.Id(), (await Client.CreateTagAsync()).Id(), (await Client.CreateTagAsync()).Id() };
        for (var i = 0; i < 100; i++)
        {
            await Client.CreatePublishedArticleAsync(new { authorIds = authors.Select(a => a.Id()), tagIds = tags, sourceId = source.Id() });
        }

        // The first page counts the list (on PostgreSQL also the unfiltered list, to weigh the tag's share); the
        // totals are then remembered for the same filters.
        var cold = await CommandsFor($"/api/v1/articles?tag={tag["slug"]}&pageSize=1");
        var ten = await CommandsFor($"/api/v1/articles?tag={tag["slug"]}&pageSize=10");
        var hundred = await CommandsFor($"/api/v1/articles?tag={tag["slug"]}&pageSize=100");
        Assert.InRange(cold - hundred, 1, 2);
        var page = await (await Client.GetAsync($"/api/v1/articles?tag={tag["slug"]}&pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(100, page["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal(3, i!["authors"]!.AsArray().Count));
        Assert.Equal(ten, hundred);
        Assert.InRange(hundred, 2, 3); // page, authors, tags
    }

    [Fact]
    public async Task AnArticleWithEverythingEmbeddedIsAFixedHandfulOfCommands()
    {
        var related = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            related.Add((await Client.CreatePublishedArticleAsync()).Id());
        }
        var small = await Client.CreatePublishedArticleAsync();
        var big = await Client.CreatePublishedArticleAsync(new { relatedArticleIds = related });

        var forSmall = await CommandsFor($"/api/v1/articles/{small.Id()}");
        var forBig = await CommandsFor($"/api/v1/articles/{big.Id()}");

        Assert.Equal(forSmall, forBig);
        Assert.InRange(forBig, 1, 4); // article, authors, tags, related
    }

    private async Task<int> CommandsFor(string url)
    {
        commands.Reset();
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return commands.Count;
    }
}
