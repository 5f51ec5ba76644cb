using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Authors;

public sealed class AuthorEndpointsOnSqlite(SqliteApi api) : AuthorEndpointsTests(api), IClassFixture<SqliteApi>;

public sealed class AuthorEndpointsOnPostgres(PostgresApi api) : AuthorEndpointsTests(api), IClassFixture<PostgresApi>;

public abstract class AuthorEndpointsTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task CreatingAnAuthorAnswers201WithLocationAndTheStoredAuthor()
    {
        var response = await Client.PostJsonAsync("/api/v1/authors", new
        {
            name = "Ana Oliveira",
            bio = "Ana covers science.",
            email = "ana@example.com",
            avatarUrl = "https://images.example.com/ana.jpg",
            websiteUrl = "https://ana.example.com",
            socialHandle = "@ana",
        });

        var author = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/authors/{author.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Ana Oliveira", (string?)author["name"]);
        Assert.StartsWith("ana-oliveira", (string?)author["slug"]);
        Assert.Equal("ana@example.com", (string?)author["email"]);
        Assert.Equal("@ana", (string?)author["socialHandle"]);
        Assert.Equal(0, (int)author["articleCount"]!);
        Assert.Equal(7, Guid.Parse(author.Id()).Version);
        Assert.Equal(Api.Clock.GetUtcNow().UtcDateTime, (DateTime)author["createdAt"]!);
        Assert.Equal((DateTime)author["createdAt"]!, (DateTime)author["updatedAt"]!);

        var fetched = await (await Client.GetAsync(response.Headers.Location)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(author.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task OmittedSlugIsGeneratedFromTheNameWithANumberedSuffixOnCollision()
    {
        var name = TestData.Unique("Zoë Ångström");
        var first = await Client.CreateAuthorAsync(name);
        var second = await Client.CreateAuthorAsync(name);
        var third = await Client.CreateAuthorAsync(name);

        var stem = "zoe-angstrom-" + name[^8..];
        Assert.Equal(stem, (string?)first["slug"]);
        Assert.Equal(stem + "-2", (string?)second["slug"]);
        Assert.Equal(stem + "-3", (string?)third["slug"]);
    }

    [Fact]
    public async Task GettingByIdAndBySlugFindsTheAuthorAndUnknownOnesAre404()
    {
        var author = await Client.CreateAuthorAsync();
        var slug = (string)author["slug"]!;

        var byId = await (await Client.GetAsync($"/api/v1/authors/{author.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        var bySlug = await (await Client.GetAsync($"/api/v1/authors/slug/{slug.ToUpperInvariant()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(author.Id(), byId.Id());
        Assert.Equal(author.Id(), bySlug.Id());

        var missingId = await (await Client.GetAsync($"/api/v1/authors/{Guid.NewGuid()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("No author has the id", (string?)missingId["detail"]);
        await (await Client.GetAsync("/api/v1/authors/slug/nobody-here")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnExplicitSlugThatIsTakenIs409AndNothingIsWritten()
    {
        var existing = await Client.CreateAuthorAsync();
        var name = TestData.Unique("Copycat");

        var response = await Client.PostJsonAsync("/api/v1/authors", new { name, slug = (string)existing["slug"]! });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains((string)existing["slug"]!, (string?)problem["detail"]);
        var list = await (await Client.GetAsync("/api/v1/authors?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), a => (string?)a!["name"] == name);
    }

    [Fact]
    public async Task PutReplacesEveryFieldAndKeepsTheSlugWhenOmitted()
    {
        var author = await Client.CreateAuthorAsync(extra: new { bio = "Old bio", email = "old@example.com" });
        Api.Clock.Advance(TimeSpan.FromMinutes(5));

        var replaced = await (await Client.PutJsonAsync($"/api/v1/authors/{author.Id()}", new { name = "Renamed Person" }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Renamed Person", (string?)replaced["name"]);
        Assert.Equal((string?)author["slug"], (string?)replaced["slug"]);
        Assert.Null(replaced["bio"]);
        Assert.Null(replaced["email"]);
        Assert.Equal((DateTime)author["createdAt"]!, (DateTime)replaced["createdAt"]!);
        Assert.Equal((DateTime)author["updatedAt"]! + TimeSpan.FromMinutes(5), (DateTime)replaced["updatedAt"]!);
    }

    [Fact]
    public async Task PatchChangesOnlyTheGivenFieldsAndNullClearsOne()
    {
        var author = await Client.CreateAuthorAsync(extra: new { bio = "Keeps this", email = "me@example.com", socialHandle = "@me" });

        var patched = await (await Client.PatchAsync($"/api/v1/authors/{author.Id()}", """{"email":"new@example.com","socialHandle":null}"""))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("new@example.com", (string?)patched["email"]);
        Assert.Null(patched["socialHandle"]);
        Assert.Equal("Keeps this", (string?)patched["bio"]);
        Assert.Equal((string?)author["name"], (string?)patched["name"]);
    }

    [Fact]
    public async Task PatchIsValidatedLikeAPut()
    {
        var author = await Client.CreateAuthorAsync();

        var response = await Client.PatchAsync($"/api/v1/authors/{author.Id()}", """{"websiteUrl":"not a url","name":""}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["websiteUrl"]);
        Assert.NotNull(problem["errors"]!["name"]);
        var unchanged = await (await Client.GetAsync($"/api/v1/authors/{author.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)author["name"], (string?)unchanged["name"]);
    }

    [Fact]
    public async Task PatchWithPlainJsonContentTypeIs415()
    {
        var author = await Client.CreateAuthorAsync();

        var response = await Client.PatchAsync($"/api/v1/authors/{author.Id()}", """{"bio":"x"}""", "application/json");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/merge-patch+json", (string?)problem["detail"]);
    }

    [Fact]
    public async Task InvalidFieldsAreReportedTogetherByCamelCaseName()
    {
        var response = await Client.PostJsonAsync("/api/v1/authors", new
        {
            name = new string('x', 121),
            slug = "Not A Slug",
            email = "not-an-email",
            avatarUrl = "ftp://images.example.com/a.png",
        });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["avatarUrl", "email", "name", "slug"], errors.Select(e => e.Key).Order().ToArray());
    }

    [Fact]
    public async Task DeletingAnAuthorOnABylineIs409WithTheArticleCount()
    {
        var author = await Client.CreateAuthorAsync();
        await Client.CreateArticleAsync(new { authorIds = new[] { author.Id() } });
        await Client.CreateArticleAsync(new { authorIds = new[] { author.Id() } });

        var problem = await (await Client.DeleteAsync($"/api/v1/authors/{author.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("2 article", (string?)problem["detail"]);
        var still = await (await Client.GetAsync($"/api/v1/authors/{author.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)still["articleCount"]!);
    }

    [Fact]
    public async Task DeletingAnUnusedAuthorIs204ThenItIsGone()
    {
        var author = await Client.CreateAuthorAsync();

        var response = await Client.DeleteAsync($"/api/v1/authors/{author.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await Client.GetAsync($"/api/v1/authors/{author.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"/api/v1/authors/{author.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
