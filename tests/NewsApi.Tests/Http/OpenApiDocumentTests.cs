using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>The OpenAPI document describes the API exactly; checked against the document and against real answers.</summary>
public sealed class OpenApiDocumentTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    private static readonly string[] Resources = ["Article", "Author", "Tag", "Source"];

    private async Task<JsonNode> DocumentAsync() =>
        await (await Client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(op => (path.Key, op.Key, op.Value!)));

    [Fact]
    public async Task EveryOperationHasItsStableOperationIdSummaryAndOneTag()
    {
        var document = await DocumentAsync();

        var expected = Resources.SelectMany(r => new[]
            {
                $"list{r}s", $"get{r}", $"get{r}BySlug", $"create{r}", $"replace{r}", $"patch{r}", $"delete{r}",
            })
            .Concat([
                "getRelatedArticles", "publishArticle", "unpublishArticle", "archiveArticle", "restoreArticle",
                "listArticleRevisions", "getArticleRevision", "restoreArticleRevision", "listTrashedArticles",
                "createKey", "listKeys", "revokeKey",
                "listWebhooks", "getWebhook", "createWebhook", "replaceWebhook", "patchWebhook", "deleteWebhook",
                "rotateWebhookSecret", "testWebhook", "listWebhookDeliveries", "redeliverWebhookDelivery",
                "getArticleJsonLd", "getArticleJsonLdBySlug", "createPreviewLink", "deletePreviewLink", "getPreview",
                "getArticlesFeed", "getTagFeed", "getAuthorFeed", "getSourceFeed",
                "getSitemapIndex", "getArticleSitemap", "getPageSitemap", "getNewsSitemap",
                "listChanges", "getChangeStream",
                "exportContent", "importContent", "getImport",
                "listMedia", "getMedia", "createMedia", "replaceMedia", "patchMedia", "deleteMedia", "getMediaRendition",
            ])
            .Order(StringComparer.Ordinal);
        var operations = Operations(document).ToList();
        Assert.Equal(expected, operations.Select(o => (string)o.Operation["operationId"]!).Order(StringComparer.Ordinal));
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has a summary");
            Assert.Single(o.Operation["tags"]!.AsArray());
        });
    }

    [Fact]
    public async Task EveryErrorResponseIsDocumentedAsProblemJson()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            Assert.Contains("500", responses.Select(r => r.Key));
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var content = response!["content"]!.AsObject();
                Assert.True(content.Select(c => c.Key).SequenceEqual(["application/problem+json"]),
                    $"{method} {path} {status} is problem+json");
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/articles", "post", new[] { "201", "400", "401", "403", "409", "413", "415", "422", "429", "500", "503" })]
    [InlineData("/api/v1/articles/{id}", "get", new[] { "200", "304", "400", "401", "404", "429", "500", "503" })]
    [InlineData("/api/v1/articles/{id}", "patch", new[] { "200", "400", "401", "403", "404", "409", "412", "413", "415", "428", "429", "500", "503" })]
    [InlineData("/api/v1/articles/slug/{slug}", "get", new[] { "200", "301", "304", "400", "401", "404", "429", "500", "503" })]
    [InlineData("/api/v1/authors/{id}", "delete", new[] { "204", "400", "401", "403", "404", "409", "412", "429", "500", "503" })]
    [InlineData("/api/v1/tags/{id}", "delete", new[] { "204", "400", "401", "403", "404", "412", "429", "500", "503" })]
    [InlineData("/api/v1/tags/{id}", "put", new[] { "200", "400", "401", "403", "404", "409", "412", "413", "415", "428", "429", "500", "503" })]
    [InlineData("/api/v1/sources", "get", new[] { "200", "304", "400", "401", "429", "500", "503" })]
    [InlineData("/api/v1/articles/{id}/publish", "post", new[] { "200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "429", "500", "503" })]
    [InlineData("/api/v1/articles/{id}/revisions", "get", new[] { "200", "304", "400", "401", "403", "404", "429", "500", "503" })]
    [InlineData("/api/v1/keys", "post", new[] { "201", "400", "401", "403", "409", "413", "415", "422", "429", "500", "503" })]
    [InlineData("/api/v1/changes", "get", new[] { "200", "400", "401", "410", "429", "500", "503" })]
    [InlineData("/api/v1/changes/stream", "get", new[] { "200", "400", "401", "410", "429", "500", "503" })]
    public async Task OperationsListEveryStatusTheyCanAnswer(string path, string method, string[] statuses)
    {
        var document = await DocumentAsync();

        var responses = document["paths"]![path]![method]!["responses"]!.AsObject();

        Assert.Equal(statuses, responses.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PatchTakesAMergePatchDocumentWithNoRequiredFields()
    {
        var document = await DocumentAsync();

        foreach (var resource in Resources)
        {
            var path = $"/api/v1/{resource.ToLowerInvariant()}s/{{id}}";
            var content = document["paths"]![path]!["patch"]!["requestBody"]!["content"]!.AsObject();
            Assert.Equal(["application/merge-patch+json"], content.Select(c => c.Key));
            Assert.Equal($"#/components/schemas/{resource}MergePatch", (string?)content["application/merge-patch+json"]!["schema"]!["$ref"]);
            var schema = document["components"]!["schemas"]![$"{resource}MergePatch"]!;
            Assert.Null(schema["required"]);
            Assert.Equal(
                document["components"]!["schemas"]![$"{resource}Request"]!["properties"]!.AsObject().Select(p => p.Key),
                schema["properties"]!.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public async Task SchemasCarryRequiredFieldsNullabilityFormatsAndEnums()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        Assert.Equal(["authorIds", "title"], Strings(schemas["ArticleRequest"]!["required"]));
        Assert.Equal(["name"], Strings(schemas["AuthorRequest"]!["required"]));
        var article = schemas["ArticleResponse"]!["properties"]!;
        Assert.Equal("uuid", (string?)article["id"]!["format"]);
        Assert.Equal("date-time", (string?)article["createdAt"]!["format"]);
        Assert.True(IsNullable(article["publishedAt"]!));
        Assert.False(IsNullable(article["title"]!));
        Assert.True(IsNullable(article["featuredImage"]!));
        Assert.Equal("#/components/schemas/ArticleImage", (string?)ReferenceOf(article["featuredImage"]!));
        Assert.Equal("uri", (string?)article["canonicalUrl"]!["format"]);
        Assert.Equal("uri", (string?)schemas["FeaturedImage"]!["properties"]!["url"]!["format"]);
        Assert.Equal("uri", (string?)schemas["ArticleImage"]!["properties"]!["url"]!["format"]);
        Assert.DoesNotContain("renditions", Strings(schemas["ArticleImage"]!["required"]));
        Assert.Equal("email", (string?)schemas["AuthorRequest"]!["properties"]!["email"]!["format"]);
        Assert.Equal(["draft", "scheduled", "published", "archived"], Strings(schemas["ArticleStatus"]!["enum"]));
        Assert.Equal(["items", "page", "pageSize", "totalItems", "totalPages"], Strings(schemas["TagResponsePage"]!["required"]).Order());
        Assert.Equal(["items", "nextCursor", "page", "pageSize", "totalItems", "totalPages"], Strings(schemas["ArticlePage"]!["required"]).Order());
        Assert.True(IsNullable(schemas["ArticlePage"]!["properties"]!["nextCursor"]!));
    }

    [Fact]
    public async Task RealResponsesHaveExactlyTheDocumentedProperties()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var source = await Client.CreateSourceAsync();
        var tag = await Client.CreateTagAsync();
        var related = await Client.CreateArticleAsync(new { featuredImage = new { url = "https://i.example.com/r.jpg" } });
        var article = await Client.CreateArticleAsync(new
        {
            sourceId = source.Id(),
            tagIds = new[] { tag.Id() },
            relatedArticleIds = new[] { related.Id() },
            featuredImage = new { url = "https://i.example.com/a.jpg" },
        });
        var author = await (await Client.GetAsync($"/api/v1/authors/{article["authors"]![0]!.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        var page = await (await Client.GetAsync("/api/v1/articles")).ReadJsonAsync(HttpStatusCode.OK);

        AssertMatches(schemas, "ArticleResponse", article);
        AssertMatches(schemas, "SourceResponse", source);
        AssertMatches(schemas, "TagResponse", tag);
        AssertMatches(schemas, "AuthorResponse", author);
        AssertMatches(schemas, "ArticlePage", page);
    }

    [Fact]
    public async Task SwaggerUiIsServedAndTheRootRedirectsToIt()
    {
        var ui = await Client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);

        var noRedirects = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var root = await noRedirects.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/swagger", root.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        var live = await Client.GetAsync("/health/live");
        var ready = await Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();

    /// <summary>
    /// Every required property the schema declares is present, no undeclared one is, and non-nullable ones are
    /// non-null; recursively.
    /// </summary>
    /// <summary>OpenAPI 3.1: <c>type: [.., "null"]</c>, or <c>oneOf: [{type: null}, {$ref}]</c> for a reference.</summary>
    internal static bool IsNullable(JsonNode property) =>
        property["type"] is JsonArray types ? types.Any(t => (string?)t == "null")
        : property["oneOf"] is JsonArray oneOf && oneOf.Any(s => (string?)s?["type"] == "null");

    internal static string? ReferenceOf(JsonNode property) =>
        (string?)property["$ref"] ?? (string?)property["oneOf"]?.AsArray().FirstOrDefault(s => s?["$ref"] is not null)?["$ref"];

    private static void AssertMatches(JsonNode schemas, string schemaName, JsonNode? value)
    {
        var schema = schemas[schemaName]!;
        var declared = schema["properties"]!.AsObject();
        var actual = value!.AsObject();
        var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        Assert.Equal(declared.Select(p => p.Key).Where(k => required.Contains(k) || actual.ContainsKey(k)).Order(StringComparer.Ordinal),
            actual.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (name, property) in declared)
        {
            if (!actual.ContainsKey(name) && !required.Contains(name))
            {
                continue;
            }
            var item = actual[name];
            if (item is null)
            {
                Assert.True(IsNullable(property!), $"{schemaName}.{name} is null but not nullable");
                continue;
            }
            var reference = ReferenceOf(property!);
            if (reference is not null && item is JsonObject)
            {
                AssertMatches(schemas, reference.Split('/')[^1], item);
            }
            else if (property!["type"]?.ToString() == "array" && (string?)property["items"]?["$ref"] is { } itemRef)
            {
                foreach (var element in item.AsArray())
                {
                    AssertMatches(schemas, itemRef.Split('/')[^1], element);
                }
            }
        }
    }
}
