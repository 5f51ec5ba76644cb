using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class PagingOnSqlite(SqliteApi api) : PagingTests(api), IClassFixture<SqliteApi>;

public sealed class PagingOnPostgres(PostgresApi api) : PagingTests(api), IClassFixture<PostgresApi>;

/// <summary>Owns its database: the totals it checks are exact.</summary>
public abstract class PagingTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ListsArePagedInNameOrderWithExactTotals()
    {
        for (var i = 1; i <= 23; i++)
        {
            await Client.CreateTagAsync($"Tag {i:00}");
        }

        var first = await (await Client.GetAsync("/api/v1/tags")).ReadJsonAsync(HttpStatusCode.OK);
        var third = await (await Client.GetAsync("/api/v1/tags?page=3&pageSize=10")).ReadJsonAsync(HttpStatusCode.OK);
        var beyond = await (await Client.GetAsync("/api/v1/tags?page=9&pageSize=10")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(20, first["items"]!.AsArray().Count);
        Assert.Equal((1, 20, 23, 2), ((int)first["page"]!, (int)first["pageSize"]!, (int)first["totalItems"]!, (int)first["totalPages"]!));
        Assert.Equal("Tag 01", (string?)first["items"]![0]!["name"]);
        Assert.Equal(["Tag 21", "Tag 22", "Tag 23"], third["items"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(3, (int)third["totalPages"]!);
        Assert.Empty(beyond["items"]!.AsArray());
        Assert.Equal(23, (int)beyond["totalItems"]!);
    }
}
