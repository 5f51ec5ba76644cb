using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Tags;

public sealed class TagEndpointsOnSqlite(SqliteApi api) : TagEndpointsTests(api), IClassFixture<SqliteApi>;

public sealed class TagEndpointsOnPostgres(PostgresApi api) : TagEndpointsTests(api), IClassFixture<PostgresApi>;

public abstract class TagEndpointsTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task ATagGoesThroughCreateReadReplacePatchAndDelete()
    {
        var created = await Client.PostJsonAsync("/api/v1/tags", new { name = "Électricité & Énergie", description = "Power." });
        var tag = await created.ReadJsonAsync(HttpStatusCode.Created);
        Assert.StartsWith("electricite-energie", (string?)tag["slug"]);
        Assert.Equal($"/api/v1/tags/{tag.Id()}", created.Headers.Location?.OriginalString);

        var bySlug = await (await Client.GetAsync($"/api/v1/tags/slug/{tag["slug"]}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Power.", (string?)bySlug["description"]);

        var replaced = await (await Client.PutJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "Energy", slug = TestData.Unique("energy").Replace(' ', '-') }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Energy", (string?)replaced["name"]);
        Assert.Null(replaced["description"]);
        Assert.StartsWith("energy-", (string?)replaced["slug"]);

        var patched = await (await Client.PatchAsync($"/api/v1/tags/{tag.Id()}", """{"description":"Oil, gas, wind and sun."}"""))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Oil, gas, wind and sun.", (string?)patched["description"]);
        Assert.Equal("Energy", (string?)patched["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/tags/{tag.Id()}")).StatusCode);
        await (await Client.GetAsync($"/api/v1/tags/{tag.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingATagDetachesItFromItsArticles()
    {
        var keep = await Client.CreateTagAsync();
        var doomed = await Client.CreateTagAsync();
        var article = await Client.CreateArticleAsync(new { tagIds = new[] { doomed.Id(), keep.Id() } });
        var counted = await (await Client.GetAsync($"/api/v1/tags/{doomed.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)counted["articleCount"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/tags/{doomed.Id()}")).StatusCode);

        var after = await (await Client.GetAsync($"/api/v1/articles/{article.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([keep.Id()], after["tags"]!.AsArray().Select(t => t!.Id()).ToArray());
    }

    [Fact]
    public async Task RenamingATagToATakenSlugIs409()
    {
        var first = await Client.CreateTagAsync();
        var second = await Client.CreateTagAsync();

        var response = await Client.PatchAsync($"/api/v1/tags/{second.Id()}", new { slug = (string)first["slug"]! });

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await (await Client.GetAsync($"/api/v1/tags/{second.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)second["slug"], (string?)unchanged["slug"]);
    }

    [Fact]
    public async Task ANameIsRequired()
    {
        var errors = await (await Client.PostJsonAsync("/api/v1/tags", new { description = "no name" })).ReadValidationErrorAsync("name");
        Assert.NotEmpty(errors);
    }
}
