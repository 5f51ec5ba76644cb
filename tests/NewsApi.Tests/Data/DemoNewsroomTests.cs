using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Data;

public sealed class DemoNewsroomInDevelopmentTests(DevelopmentApi api) : ApiTest(api), IClassFixture<DevelopmentApi>
{
    [Fact]
    public async Task AFreshDevelopmentDatabaseIsSeededWithACoherentNewsroom()
    {
        var articles = await (await Client.GetAsync("/api/v1/articles?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        var authors = await (await Client.GetAsync("/api/v1/authors?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        var tags = await (await Client.GetAsync("/api/v1/tags?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        var sources = await (await Client.GetAsync("/api/v1/sources?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.InRange((int)articles["totalItems"]!, 25, 40);
        Assert.InRange((int)tags["totalItems"]!, 10, 15);
        Assert.InRange((int)sources["totalItems"]!, 3, 6);
        Assert.Contains(authors["items"]!.AsArray(), a => (string?)a!["slug"] == "news-desk");
        Assert.All(articles["items"]!.AsArray(), a => Assert.NotEmpty(a!["authors"]!.AsArray()));
        Assert.Contains(articles["items"]!.AsArray(), a => a!["featuredImage"] is not null);

        var withRelated = 0;
        foreach (var item in articles["items"]!.AsArray())
        {
            var article = await (await Client.GetAsync($"/api/v1/articles/slug/{item!["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
            withRelated += article["relatedArticles"]!.AsArray().Count > 0 ? 1 : 0;
        }
        Assert.True(withRelated >= 5, $"{withRelated} demo articles have related links");
    }
}

public sealed class DemoNewsroomInProductionTests(ProductionApi api) : ApiTest(api), IClassFixture<ProductionApi>
{
    [Fact]
    public async Task ProductionIsNeverSeeded()
    {
        var articles = await (await Client.GetAsync("/api/v1/articles")).ReadJsonAsync(HttpStatusCode.OK);
        var authors = await (await Client.GetAsync("/api/v1/authors")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(0, (int)articles["totalItems"]!);
        Assert.Equal(0, (int)authors["totalItems"]!);
    }
}
