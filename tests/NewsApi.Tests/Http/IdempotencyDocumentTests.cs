using System.Text.Json.Nodes;
using NewsApi.Tests.Access;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>Every POST of the served document, today's and those added later, documents the Idempotency-Key it honours.</summary>
public sealed class IdempotencyDocumentTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public async Task EveryPostDocumentsTheIdempotencyKeyHeaderAndItsAnswers()
    {
        var document = await AccessRules.DocumentAsync(Api.CreateAnonymousClient());

        var posts = AccessRules.Operations(document).Where(o => o.Method == "POST").ToList();

        Assert.NotEmpty(posts);
        Assert.All(posts, post =>
        {
            var what = $"POST {post.Path}";
            var header = post.Operation["parameters"]?.AsArray()
                .SingleOrDefault(p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
            Assert.True(header is not null, $"{what} documents the Idempotency-Key header");
            var responses = post.Operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("409") && responses.ContainsKey("422"), $"{what} documents 409 and 422");
        });
        // Nothing else takes one.
        Assert.DoesNotContain(AccessRules.Operations(document).Where(o => o.Method != "POST"),
            o => o.Operation["parameters"]?.AsArray().Any(p => (string?)p!["name"] == "Idempotency-Key") == true);
    }
}
