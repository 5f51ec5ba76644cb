using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>
/// The document states the rules the API enforces, in the form outside tools read (OpenAPI 3.1), and the committed
/// copy in docs/openapi.json is the one served, so every contract change shows in review.
/// </summary>
public sealed class OpenApiContractTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    private const string CommittedPath = "docs/openapi.json";

    private async Task<string> ServedAsync() =>
        await (await Client.GetAsync("/swagger/v1/swagger.json", Cancel)).Content.ReadAsStringAsync(Cancel);

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await ServedAsync())!;

    [Fact]
    public async Task TheServedDocumentIsTheCommittedOne()
    {
        var served = await ServedAsync();
        var path = Path.Combine(RepositoryRoot(), CommittedPath);
        if (Environment.GetEnvironmentVariable("NEWSAPI_UPDATE_OPENAPI") == "true")
        {
            await File.WriteAllTextAsync(path, served.ReplaceLineEndings("\n").TrimEnd() + "\n", Cancel);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, Cancel) : "";
        var servedLines = Normalize(served);
        var committedLines = Normalize(committed);
        var first = Enumerable.Range(0, Math.Max(servedLines.Length, committedLines.Length))
            .FirstOrDefault(i => i >= servedLines.Length || i >= committedLines.Length || servedLines[i] != committedLines[i], -1);
        Assert.True(first < 0,
            $"{CommittedPath} differs from the served document at line {first + 1}: served \"{servedLines.ElementAtOrDefault(first)}\", "
            + $"committed \"{committedLines.ElementAtOrDefault(first)}\". If the change is intended, run "
            + "NEWSAPI_UPDATE_OPENAPI=true dotnet test --filter TheServedDocumentIsTheCommittedOne and commit the file.");
    }

    [Fact]
    public async Task TheDocumentIsOpenApi31WithServersAndDescribedTags()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1.", (string?)document["openapi"]);
        Assert.Equal("/", (string?)document["servers"]![0]!["url"]);
        Assert.Equal("MIT", (string?)document["info"]!["license"]!["identifier"]);
        var tags = document["tags"]!.AsArray();
        Assert.Equal(["Articles", "Authors", "Changes", "Feeds", "Import and export", "Keys", "Media", "Preview", "Sitemaps", "Sources", "Tags", "Trash", "Webhooks"], tags.Select(t => (string)t!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["description"])));
    }

    [Fact]
    public async Task QueryParametersHaveTheirCamelCaseNamesBoundsDefaultsAndEnums()
    {
        var document = await DocumentAsync();

        var list = Parameters(document, "/api/v1/articles", "get");
        Assert.Equal(
            ["page", "pageSize", "cursor", "sort", "tag", "author", "source", "featured", "publishedFrom", "publishedTo", "status", "q", "If-None-Match"],
            list.Select(p => (string)p["name"]!));
        var page = list.Single(p => (string?)p["name"] == "page")["schema"]!;
        Assert.Equal((1, 1), ((int)page["minimum"]!, (int)page["default"]!));
        var pageSize = list.Single(p => (string?)p["name"] == "pageSize")["schema"]!;
        Assert.Equal((1, PageRequest.MaxPageSize, PageRequest.DefaultPageSize), ((int)pageSize["minimum"]!, (int)pageSize["maximum"]!, (int)pageSize["default"]!));
        Assert.Equal(ArticleSort.Names, Strings(list.Single(p => (string?)p["name"] == "sort")["schema"]!["enum"]));
        Assert.Equal(ArticleListQueryValidator.Statuses, Strings(list.Single(p => (string?)p["name"] == "status")["schema"]!["enum"]));
        var tag = list.Single(p => (string?)p["name"] == "tag");
        // style: form and explode: true are OpenAPI's defaults for a query parameter, which the writer leaves out.
        Assert.Equal(("form", true), ((string?)tag["style"] ?? "form", (bool?)tag["explode"] ?? true));
        Assert.Contains("?tag=a&tag=b", (string?)tag["description"], StringComparison.Ordinal);
        Assert.Equal(Slug.Pattern, (string?)tag["schema"]!["items"]!["pattern"]);
        Assert.Contains("not combined", (string?)list.Single(p => (string?)p["name"] == "cursor")["description"], StringComparison.OrdinalIgnoreCase);

        var authors = Parameters(document, "/api/v1/authors", "get");
        Assert.Equal(NamedListQuery.SortNames, Strings(authors.Single(p => (string?)p["name"] == "sort")["schema"]!["enum"]));
        Assert.Equal(100, (int?)authors.Single(p => (string?)p["name"] == "q")["schema"]!["maxLength"]);
    }

    [Fact]
    public async Task RequestSchemasCarryTheValidatorsRules()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        var article = schemas["ArticleRequest"]!["properties"]!;
        Assert.Equal((Slug.Pattern, 200), ((string?)article["slug"]!["pattern"], (int)article["slug"]!["maxLength"]!));
        Assert.Equal((1, 200), ((int)article["title"]!["minLength"]!, (int)article["title"]!["maxLength"]!));
        Assert.Equal((1, 10, true), ((int)article["authorIds"]!["minItems"]!, (int)article["authorIds"]!["maxItems"]!, (bool)article["authorIds"]!["uniqueItems"]!));
        Assert.Equal((20, true), ((int)article["tagIds"]!["maxItems"]!, (bool)article["tagIds"]!["uniqueItems"]!));
        Assert.Equal(("uri", 2048), ((string?)article["canonicalUrl"]!["format"], (int)article["canonicalUrl"]!["maxLength"]!));
        Assert.Contains("absolute http or https URL", (string?)article["canonicalUrl"]!["description"], StringComparison.Ordinal);
        Assert.Equal(Scopes.All, Strings(schemas["CreateKeyRequest"]!["properties"]!["scopes"]!["items"]!["enum"]));
        Assert.Equal("email", (string?)schemas["AuthorRequest"]!["properties"]!["email"]!["format"]);
        // Merge patches take the same rules, field by field.
        Assert.Equal(Slug.Pattern, (string?)schemas["ArticleMergePatch"]!["properties"]!["slug"]!["pattern"]);
    }

    public static TheoryData<string, string, string> RefusedAsTheSchemaSays => new()
    {
        { "/api/v1/tags", """{"name":"Energy","slug":"Not A Slug"}""", "slug" },
        { "/api/v1/tags", """{"name":"   "}""", "name" },
        { "/api/v1/sources", """{"name":"Dawn","homepageUrl":""}""", "homepageUrl" },
        { "/api/v1/sources", """{"name":"Dawn","homepageUrl":"ftp://dawn.example.com"}""", "homepageUrl" },
        { "/api/v1/keys", """{"name":"Night desk","scopes":["content:read","everything"]}""", "scopes[1]" },
        { "/api/v1/keys", """{"name":"Night desk","scopes":[]}""", "scopes" },
    };

    [Theory]
    [MemberData(nameof(RefusedAsTheSchemaSays))]
    public async Task WhatTheSchemaRefusesTheApiRefusesNamingTheField(string path, string body, string field)
    {
        var response = await Editor.PostRawAsync(path, body);

        Assert.NotEmpty(await response.ReadValidationErrorAsync(field));
    }

    [Theory]
    [InlineData("status=DRAFT", "status")]
    [InlineData("sort=PublishedAt", "sort")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("tag=Energy", "tag[0]")]
    [InlineData("q=%21%21%21", "q")]
    public async Task ListParametersOutsideTheirDocumentedValuesAreRefused(string query, string field)
    {
        var response = await Editor.GetAsync($"/api/v1/articles?{query}", Cancel);

        Assert.NotEmpty(await response.ReadValidationErrorAsync(field));
    }

    [Fact]
    public async Task AnArticleWithTooManyOrRepeatedAuthorsIsRefused()
    {
        var author = (await Editor.CreateAuthorAsync()).Id();

        var repeated = await Editor.PostJsonAsync("/api/v1/articles", new { title = "Twice", authorIds = new[] { author, author } });
        var tooMany = await Editor.PostJsonAsync("/api/v1/articles",
            new { title = "Crowded", authorIds = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray() });

        Assert.NotEmpty(await repeated.ReadValidationErrorAsync("authorIds"));
        Assert.NotEmpty(await tooMany.ReadValidationErrorAsync("authorIds"));
    }

    [Fact]
    public async Task EveryFieldAMergePatchMarksNullableTakesNullAndEveryOtherRefusesIt()
    {
        var properties = (await DocumentAsync())["components"]!["schemas"]!["ArticleMergePatch"]!["properties"]!.AsObject();
        var article = await Editor.CreateArticleAsync();

        var wrong = new List<string>();
        foreach (var (name, schema) in properties)
        {
            var response = await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", $$"""{"{{name}}":null}""");
            var accepted = response.StatusCode == HttpStatusCode.OK;
            if (accepted != OpenApiDocumentTests.IsNullable(schema!))
            {
                wrong.Add($"{name}: documented {(accepted ? "not nullable" : "nullable")}, answered {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task EveryKindOfProblemCarriesWhatTheProblemSchemasRequire()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var required = Strings(schemas["ProblemDetails"]!["required"]);
        Assert.Equal(["instance", "status", "title", "traceId", "type"], required.Order(StringComparer.Ordinal));
        Assert.Contains("errors", Strings(schemas["HttpValidationProblemDetails"]!["required"]));

        var anonymousWrite = await Api.CreateAnonymousClient().PostJsonAsync("/api/v1/tags", new { name = "x" });
        var problems = new[]
        {
            await Editor.GetAsync("/api/v1/articles?page=0", Cancel),
            await Editor.GetAsync($"/api/v1/tags/{Guid.NewGuid()}", Cancel),
            await Editor.GetAsync("/api/v1/nowhere", Cancel),
            await Editor.PutAsync("/api/v1/tags", null, Cancel),
            await Editor.PostRawAsync("/api/v1/tags", "x", "text/plain"),
            await Editor.PostRawAsync("/api/v1/tags", ""),
            await Editor.PostRawAsync("/api/v1/tags", "[1, 2]"),
            await Api.CreateClient().WithKey("nk_not_a_key_of_this_server_0123456789ab").GetAsync("/api/v1/tags", Cancel),
        };

        foreach (var response in problems.Append(anonymousWrite))
        {
            var body400 = response.StatusCode == HttpStatusCode.BadRequest ? "errors" : null;
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} as {response.Content.Headers.ContentType}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
            Assert.All(required.Append(body400).OfType<string>(), field => Assert.True(body.ContainsKey(field), $"{(int)response.StatusCode} lacks {field}"));
        }
    }

    [Fact]
    public async Task ATimeInABodyIsAFullDateTimeAsTheSchemaSays()
    {
        var article = await Editor.CreateArticleAsync(new { excerpt = "Ready.", body = "Ready to go." });

        var dateAlone = await Editor.PostRawAsync($"/api/v1/articles/{article.Id()}/publish", """{"publishAt":"2030-01-01"}""");
        var key = await Editor.PostRawAsync("/api/v1/keys", """{"name":"Night desk","scopes":["content:read"],"expiresAt":"2030-01-01"}""");

        Assert.NotEmpty(await dateAlone.ReadValidationErrorAsync("publishAt"));
        Assert.NotEmpty(await key.ReadValidationErrorAsync("expiresAt"));
        var full = await Editor.PostRawAsync("/api/v1/keys", """{"name":"Night desk","scopes":["content:read"],"expiresAt":"2030-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
    }

    [Fact]
    public async Task ANestedObjectInAMergePatchIsMergedAsItsPatchSchemaSays()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        Assert.Equal("#/components/schemas/FeaturedImageMergePatch",
            OpenApiDocumentTests.ReferenceOf(schemas["ArticleMergePatch"]!["properties"]!["featuredImage"]!));
        Assert.Null(schemas["FeaturedImageMergePatch"]!["required"]);
        var article = await Editor.CreateArticleAsync(new { featuredImage = new { url = "https://i.example.com/a.jpg", alt = "Before" } });

        var patched = await (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { featuredImage = new { alt = "After" } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(("https://i.example.com/a.jpg", "After"), ((string?)patched["featuredImage"]!["url"], (string?)patched["featuredImage"]!["alt"]));
    }

    [Fact]
    public async Task OperationsDocumentTheHeadersTheyReadAndSend()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;

        var list = paths["/api/v1/articles"]!["get"]!;
        Assert.Equal(["Cache-Control", "ETag", "Link"], HeaderNames(list["responses"]!["200"]!));
        Assert.Equal(["ETag"], HeaderNames(list["responses"]!["304"]!));
        Assert.Equal(["Retry-After"], HeaderNames(list["responses"]!["429"]!));
        Assert.Equal(["Retry-After"], HeaderNames(list["responses"]!["503"]!));
        Assert.Equal(["Cache-Control", "ETag"], HeaderNames(paths["/api/v1/articles/{id}"]!["get"]!["responses"]!["200"]!));
        Assert.Equal(["ETag", "Idempotent-Replayed", "Location"], HeaderNames(paths["/api/v1/articles"]!["post"]!["responses"]!["201"]!));
        Assert.Equal(["Location"], HeaderNames(paths["/api/v1/articles/slug/{slug}"]!["get"]!["responses"]!["301"]!));
        Assert.Contains(Parameters(document, "/api/v1/articles/{id}", "get"), p => (string?)p["name"] == "If-None-Match" && (string?)p["in"] == "header");
        var limit = Parameters(document, "/api/v1/articles/{id}/related", "get").Single(p => (string?)p["name"] == "limit")["schema"]!;
        Assert.Equal((1, ArticleEndpoints.MaxRelatedLimit, ArticleEndpoints.DefaultRelatedLimit), ((int)limit["minimum"]!, (int)limit["maximum"]!, (int)limit["default"]!));
        Assert.Equal(1, (int?)Parameters(document, "/api/v1/tags/slug/{slug}", "get").Single(p => (string?)p["name"] == "slug")["schema"]!["minLength"]);
        var ifMatch = Parameters(document, "/api/v1/articles/{id}", "put").Single(p => (string?)p["name"] == "If-Match");
        Assert.Contains("428", (string?)ifMatch["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDocumentedHeadersAreTheOnesSent()
    {
        var article = await Editor.CreatePublishedArticleAsync();

        var list = await Client.GetAsync("/api/v1/articles?pageSize=1", Cancel);
        var one = await Client.GetAsync($"/api/v1/articles/{article.Id()}", Cancel);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.NotNull(list.Headers.ETag);
        Assert.NotNull(list.Headers.CacheControl);
        Assert.True(list.Headers.Contains("Link"));
        Assert.NotNull(one.Headers.ETag);
        Assert.NotNull(one.Headers.CacheControl);
    }

    private static IReadOnlyList<JsonNode> Parameters(JsonNode document, string path, string method) =>
        document["paths"]![path]![method]!["parameters"]!.AsArray().Select(p => p!).ToList();

    private static string[] HeaderNames(JsonNode response) =>
        response["headers"]?.AsObject().Select(h => h.Key).Order(StringComparer.Ordinal).ToArray() ?? [];

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => (string)n!).ToArray();

    private static string[] Normalize(string json) => json.Length == 0
        ? []
        : JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Split('\n');

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsApi.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: NewsApi.sln not found above them.");
    }
}
