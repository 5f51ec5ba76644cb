using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Sources;

public sealed class SourceEndpointsOnSqlite(SqliteApi api) : SourceEndpointsTests(api), IClassFixture<SqliteApi>;

public sealed class SourceEndpointsOnPostgres(PostgresApi api) : SourceEndpointsTests(api), IClassFixture<PostgresApi>;

public abstract class SourceEndpointsTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ASourceGoesThroughCreateReadReplacePatchAndDelete()
    {
        var created = await Client.PostJsonAsync("/api/v1/sources", new
        {
            name = TestData.Unique("Baltic Wire"),
            homepageUrl = "https://balticwire.example.com",
            description = "A regional wire.",
        });
        var source = await created.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/sources/{source.Id()}", created.Headers.Location?.OriginalString);
        Assert.StartsWith("baltic-wire-", (string?)source["slug"]);
        Assert.Equal("https://balticwire.example.com", (string?)source["homepageUrl"]);

        var bySlug = await (await Client.GetAsync($"/api/v1/sources/slug/{source["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(source.Id(), bySlug.Id());

        var replaced = await (await Client.PutJsonAsync($"/api/v1/sources/{source.Id()}", new { name = "Baltic Wire Service" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(replaced["homepageUrl"]);
        Assert.Equal((string?)source["slug"], (string?)replaced["slug"]);

        var patched = await (await Client.PatchAsync($"/api/v1/sources/{source.Id()}", new { homepageUrl = "https://bws.example.org/" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("https://bws.example.org/", (string?)patched["homepageUrl"]);
        Assert.Equal("Baltic Wire Service", (string?)patched["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/sources/{source.Id()}")).StatusCode);
        await (await Client.GetAsync($"/api/v1/sources/{source.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingASourceThatArticlesStillUseIs409WithTheirCount()
    {
        var source = await Client.CreateSourceAsync();
        await Client.CreateArticleAsync(new { sourceId = source.Id(), sourceUrl = "https://wire.example.com/a" });
        await Client.CreateArticleAsync(new { sourceId = source.Id() });
        await Client.CreateArticleAsync(new { sourceId = source.Id() });

        var problem = await (await Client.DeleteAsync($"/api/v1/sources/{source.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("3 article", (string?)problem["detail"]);
        var still = await (await Client.GetAsync($"/api/v1/sources/{source.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, (int)still["articleCount"]!);
    }

    [Fact]
    public async Task TheHomepageMustBeAnAbsoluteHttpUrl()
    {
        foreach (var url in new[] { "balticwire.example.com", "javascript:alert(1)", "ftp://files.example.com", "/relative" })
        {
            var response = await Client.PostJsonAsync("/api/v1/sources", new { name = TestData.Unique("Wire"), homepageUrl = url });
            await response.ReadValidationErrorAsync("homepageUrl");
        }
    }
}
