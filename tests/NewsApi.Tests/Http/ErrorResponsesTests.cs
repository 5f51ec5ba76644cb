using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class ErrorResponsesOnSqlite(SqliteApi api) : ErrorResponsesTests(api), IClassFixture<SqliteApi>;

public sealed class ErrorResponsesOnPostgres(PostgresApi api) : ErrorResponsesTests(api), IClassFixture<PostgresApi>;

/// <summary>Every error class of the API answers with an RFC 9457 problem that names what was wrong.</summary>
public abstract class ErrorResponsesTests(NewsApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("/api/v1/export", "application/x-ndjson")]
    [InlineData("/api/v1/keys", "text/html")]
    [InlineData("/api/v1/webhooks", "image/webp")]
    public async Task AKeylessCallerIsAnswered401AsAProblemWhateverItAccepts(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var response = await Api.CreateAnonymousClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("API key", (string?)problem["detail"]);
    }

    [Fact]
    public async Task MalformedJsonIs400()
    {
        var response = await Client.PostRawAsync("/api/v1/tags", """{"name": "Energy",""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.ToJsonString());
    }

    [Fact]
    public async Task AMissingBodyIs400()
    {
        var response = await Client.PostRawAsync("/api/v1/tags", "");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("body", (string?)problem["detail"] ?? problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"title": 42, "authorIds": []}""", "title", "string")]
    [InlineData("""{"title": "T", "authorIds": "abc"}""", "authorIds", "array")]
    [InlineData("""{"title": "T", "authorIds": ["not-a-guid"]}""", "authorIds[0]", "uuid")]
    [InlineData("""{"title": "T", "authorIds": [], "featured": "yes"}""", "featured", "boolean")]
    [InlineData("""{"title": "T", "authorIds": [], "sourceId": 7}""", "sourceId", "uuid")]
    [InlineData("""{"title": "T", "authorIds": [], "featuredImage": {"url": 5}}""", "featuredImage.url", "string")]
    [InlineData("""{"title": null, "authorIds": []}""", "title", "null")]
    public async Task WrongJsonTypesAre400NamingTheField(string json, string field, string expected)
    {
        var response = await Client.PostRawAsync("/api/v1/articles", json);

        var messages = await response.ReadValidationErrorAsync(field);
        Assert.Contains(expected, messages[0]);
    }

    [Fact]
    public async Task UnknownJsonMembersAre400NamingThem()
    {
        var author = await Client.CreateAuthorAsync();

        var topLevel = await Client.PostRawAsync("/api/v1/articles", $$"""{"title":"T","authorIds":["{{author.Id()}}"],"titel":"typo"}""");
        Assert.Contains("titel", (await topLevel.ReadValidationErrorAsync("titel"))[0]);

        var nested = await Client.PostRawAsync("/api/v1/articles",
            $$$"""{"title":"T","authorIds":["{{{author.Id()}}}"],"featuredImage":{"url":"https://i.example.com/a.jpg","width":300}}""");
        await nested.ReadValidationErrorAsync("featuredImage.width");

        var patch = await Client.PatchAsync($"/api/v1/authors/{author.Id()}", """{"nmae":"typo"}""");
        await patch.ReadValidationErrorAsync("nmae");
    }

    [Fact]
    public async Task ABadGuidInTheRouteIs400NamingTheParameter()
    {
        var response = await Client.GetAsync("/api/v1/articles/not-a-guid");

        var messages = await response.ReadValidationErrorAsync("id");
        Assert.Contains("not-a-guid", messages[0]);
        Assert.Contains("uuid", messages[0]);
    }

    [Fact]
    public async Task UnknownQueryParametersAre400NamingThem()
    {
        var response = await Client.GetAsync("/api/v1/authors?page_size=5&page=1");

        var messages = await response.ReadValidationErrorAsync("page_size");
        Assert.Contains("pageSize", messages[0]);

        var onRead = await Client.GetAsync($"/api/v1/authors/{Guid.NewGuid()}?expand=articles");
        await onRead.ReadValidationErrorAsync("expand");

        var computed = await Client.GetAsync("/api/v1/authors?skip=5");
        await computed.ReadValidationErrorAsync("skip");

        var routeValueAsQuery = await Client.GetAsync($"/api/v1/authors/{Guid.NewGuid()}?id={Guid.NewGuid()}");
        await routeValueAsQuery.ReadValidationErrorAsync("id");
    }

    [Fact]
    public async Task QueryParameterNamesAreCaseInsensitive()
    {
        var response = await Client.GetAsync("/api/v1/authors?PageSize=5");

        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, (int)page["pageSize"]!);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task OutOfRangeOrMalformedPagingIs400(string query, string field)
    {
        var response = await Client.GetAsync($"/api/v1/articles?{query}");

        var messages = await response.ReadValidationErrorAsync(field);
        Assert.Contains($"'{field}'", messages[0]);
    }

    [Fact]
    public async Task AnUnknownRouteIs404Problem()
    {
        var problem = await (await Client.GetAsync("/api/v1/nothing-here")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("/api/v1/nothing-here", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AWrongMethodIs405Problem()
    {
        var response = await Client.PutAsync("/api/v1/articles", new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task AWrongContentTypeIs415Problem()
    {
        var response = await Client.PostAsync("/api/v1/tags", new StringContent("name=Energy", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", (string?)problem["detail"]);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIs413AndNothingIsWritten()
    {
        var name = TestData.Unique("Huge");
        var json = $$"""{"name":"{{name}}","description":"{{new string('x', 1024 * 1024)}}"}""";
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.ContentLength = Encoding.UTF8.GetByteCount(json);

        var response = await Client.PostAsync("/api/v1/tags", content);

        var problem = await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MiB", (string?)problem["detail"]);
        var list = await (await Client.GetAsync("/api/v1/tags?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), t => (string?)t!["name"] == name);
    }

    [Fact]
    public async Task AValidationFailureWritesNothing()
    {
        var name = TestData.Unique("Half");
        var response = await Client.PostJsonAsync("/api/v1/sources", new { name, homepageUrl = "not a url" });

        await response.ReadValidationErrorAsync("homepageUrl");
        var list = await (await Client.GetAsync("/api/v1/sources?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), t => (string?)t!["name"] == name);
    }

    [Fact]
    public async Task ProblemsAreNeverPlainJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tags/{Guid.NewGuid()}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Tag not found", (string?)problem["title"]);
    }
}
