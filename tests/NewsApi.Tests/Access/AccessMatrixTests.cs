using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

public sealed class AccessMatrixOnSqlite(SqliteApi api) : AccessMatrixTests(api), IClassFixture<SqliteApi>;

public sealed class AccessMatrixOnPostgres(PostgresApi api) : AccessMatrixTests(api), IClassFixture<PostgresApi>;

/// <summary>
/// Who may call what, written down independently of the product: the scope each operation needs, by its operationId.
/// An operation the rules do not know is reported, so a new endpoint cannot slip in without someone deciding.
/// </summary>
internal static class AccessRules
{
    public const string Read = "content:read";
    public const string Write = "content:write";
    public const string Admin = "admin";
    public const string MediaWrite = "media:write";

    private static readonly string[] WriteVerbs = ["create", "replace", "patch", "delete", "publish", "unpublish", "archive", "restore"];

    /// <summary>The scope an operation needs, null for a public read; false when the rules do not know the operation.</summary>
    public static bool TryRequiredScope(string operationId, out string? scope)
    {
        scope = operationId switch
        {
            "createKey" or "listKeys" or "revokeKey" => Admin,
            "exportContent" or "importContent" or "getImport" => Admin,
            "createMedia" or "replaceMedia" or "patchMedia" or "deleteMedia" => MediaWrite,
            _ when operationId.Contains("Webhook", StringComparison.Ordinal) => Admin,
            "listArticleRevisions" or "getArticleRevision" or "listTrashedArticles" => Read,
            _ when WriteVerbs.Any(v => operationId.StartsWith(v, StringComparison.Ordinal)) => Write,
            _ => null,
        };
        return scope is not null || operationId.StartsWith("get", StringComparison.Ordinal) || operationId.StartsWith("list", StringComparison.Ordinal);
    }

    /// <summary>What a key's scopes let it do: admin implies content:write, which implies content:read.</summary>
    public static IReadOnlySet<string> Effective(string scope) => scope switch
    {
        Admin => new HashSet<string> { Admin, Write, Read, MediaWrite },
        Write => new HashSet<string> { Write, Read },
        _ => new HashSet<string> { scope },
    };

    public static async Task<JsonNode> DocumentAsync(HttpClient client) =>
        await (await client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>A key is required when every security requirement names a scheme; an empty one makes it optional.</summary>
    public static bool RequiresKey(JsonNode operation) =>
        operation["security"] is JsonArray { Count: > 0 } requirements
        && requirements.All(r => r is JsonObject { Count: > 0 });

    public static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key.ToUpperInvariant(), op.Value!)));
}

/// <summary>Every operation in the OpenAPI document, called by every kind of caller.</summary>
public abstract partial class AccessMatrixTests(NewsApiFactory api) : ApiTest(api)
{
    private sealed record Caller(string Name, string? Key, IReadOnlySet<string>? Scopes, bool Bearer = false)
    {
        public bool Anonymous => Key is null;
        public bool BadKey => Key is not null && Scopes is null;
    }

    private sealed record Call(string Method, string Path, string OperationId, string Url, bool HasBody, string? Scope, bool Multipart = false);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();

    [Theory]
    [InlineData("anonymous")]
    [InlineData("content:read")]
    [InlineData("content:write")]
    [InlineData("admin")]
    [InlineData("admin as Bearer")]
    [InlineData("bootstrap admin")]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("unknown")]
    [InlineData("malformed")]
    public async Task EveryOperationAnswersEachCallerAsTheAccessRulesSay(string who)
    {
        var mismatches = new List<string>();
        var calls = await CallsAsync(mismatches);
        Assert.NotEmpty(calls);
        var caller = await CallerAsync(who);
        var client = Api.CreateAnonymousClient();

        foreach (var call in calls)
        {
            // Headers only: the change stream never ends by itself; disposing the answer ends it.
            using var response = await client.SendAsync(Request(call, caller), HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            var expected = caller.BadKey ? 401
                : call.Scope is null ? 0
                : caller.Anonymous ? 401
                : caller.Scopes!.Contains(call.Scope) ? 0
                : 403;
            var what = $"{caller.Name}: {call.Method} {call.Url} ({call.OperationId}, needs {call.Scope ?? "nothing"})";
            if (expected == 0 && status is 401 or 403 or >= 500 || expected != 0 && status != expected)
            {
                var body = await response.Content.ReadAsStringAsync();
                mismatches.Add($"{what}: expected {(expected == 0 ? "neither 401 nor 403" : expected)}, got {status} {body[..Math.Min(body.Length, 200)]}");
                continue;
            }
            if (status is 401 or 403)
            {
                mismatches.AddRange(await ProblemMismatchAsync(response, what));
            }
            if (status == 401 && !response.Headers.NonValidated.Contains("WWW-Authenticate"))
            {
                mismatches.Add($"{what}: 401 without WWW-Authenticate");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {calls.Count} calls answered wrongly:\n{string.Join('\n', mismatches)}");
    }

    [Fact]
    public async Task EveryBadKeyGetsTheSameAnswerSoNoneRevealsWhetherItExists()
    {
        var revoked = await Editor.CreateKeyAsync([AccessRules.Admin]);
        await Editor.RevokeKeyAsync(revoked.Id);
        var expired = await Editor.CreateKeyAsync([AccessRules.Admin], Api.Clock.GetUtcNow().AddHours(1));
        Api.Clock.Advance(TimeSpan.FromHours(2));
        var badKeys = new[] { revoked.Secret, expired.Secret, KeyTestData.UnknownSecret(), "nk_not valid!", "nk_", "not-even-a-key" };

        var answers = new List<string>();
        foreach (var key in badKeys)
        {
            foreach (var (method, url) in new[] { ("GET", "/api/v1/tags"), ("POST", "/api/v1/keys"), ("GET", "/api/v1/trash/articles") })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
                var response = await Api.CreateAnonymousClient().SendAsync(request);
                var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
                Assert.DoesNotContain(key, problem.ToJsonString(), StringComparison.Ordinal);
                answers.Add(string.Join(" | ", (string?)problem["type"], (string?)problem["title"], (string?)problem["detail"],
                    response.Headers.NonValidated["WWW-Authenticate"].ToString(), (string?)problem["instance"]));
            }
        }

        Assert.Equal(3, answers.Distinct().Count()); // one answer per request, whichever bad key came with it
    }

    [Fact]
    public async Task AKeyWithoutTheScopeGetsA403ThatDoesNotSayWhoTheKeyIs()
    {
        var reader = await Editor.CreateKeyAsync([AccessRules.Read], name: "Very identifiable reader");

        var response = await Api.CreateClient().WithKey(reader.Secret).PostJsonAsync("/api/v1/keys", new { name = "x", scopes = new[] { "admin" } });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("identifiable", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(reader.Secret[..7], problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content:read", "true", 403)]
    [InlineData("content:write", "true", 403)]
    [InlineData("admin", "true", 404)]
    [InlineData("content:read", "false", 403)]
    [InlineData("content:write", "false", 404)]
    [InlineData("admin", "false", 404)]
    public async Task DeletingAnArticleForGoodNeedsAdminAndToTheTrashContentWrite(string scope, string permanent, int expected)
    {
        var key = await Editor.CreateKeyAsync([scope]);

        var response = await Api.CreateClient().WithKey(key.Secret).DeleteAsync($"/api/v1/articles/{Guid.NewGuid()}?permanent={permanent}");

        await response.ReadProblemAsync((HttpStatusCode)expected);
    }

    [Fact]
    public async Task AContentWriteKeyMovesAnArticleToTheTrashButCannotDeleteItForGood()
    {
        var article = await Editor.CreateArticleAsync();
        var writer = Api.CreateClient().WithKey((await Editor.CreateKeyAsync([AccessRules.Write])).Secret);

        await (await writer.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Editor.GetAsync($"/api/v1/articles/{article.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{article.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true")).StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersDoNotSeeAuthorEmailsButReadersDo()
    {
        var author = await Editor.CreateAuthorAsync(extra: new { email = "reporter@example.com" });
        var reader = Api.CreateClient().WithKey((await Editor.CreateKeyAsync([AccessRules.Read])).Secret);
        var anonymous = Api.CreateAnonymousClient();

        var hidden = await (await anonymous.GetAsync($"/api/v1/authors/{author.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        var shown = await (await reader.GetAsync($"/api/v1/authors/{author.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        var hiddenInList = await (await anonymous.GetAsync("/api/v1/authors?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Null((string?)hidden["email"]);
        Assert.Equal("reporter@example.com", (string?)shown["email"]);
        Assert.DoesNotContain("reporter@example.com", hiddenInList.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyCallersWhoMayReadDraftsMayFilterByStatus()
    {
        var draft = await Editor.CreateArticleAsync();
        var reader = Api.CreateClient().WithKey((await Editor.CreateKeyAsync([AccessRules.Read])).Secret);
        var anonymous = Api.CreateAnonymousClient();

        await (await anonymous.GetAsync("/api/v1/articles?status=draft")).ReadValidationErrorAsync("status");
        var drafts = await (await reader.GetAsync("/api/v1/articles?status=draft&pageSize=100")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(draft.Id(), drafts["items"]!.AsArray().Select(a => a!.Id()));
        await (await anonymous.GetAsync($"/api/v1/articles/{draft.Id()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"/api/v1/articles/{draft.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Every operation of the document as a request, plus the permanent delete, which needs more than its operation says.</summary>
    private async Task<List<Call>> CallsAsync(List<string> mismatches)
    {
        var document = await AccessRules.DocumentAsync(Api.CreateAnonymousClient());
        var calls = new List<Call>();
        foreach (var (path, method, operation) in AccessRules.Operations(document))
        {
            var operationId = (string)operation["operationId"]!;
            if (!AccessRules.TryRequiredScope(operationId, out var scope))
            {
                mismatches.Add($"{method} {path} ({operationId}): the access rules do not say who may call it; add it to {nameof(AccessRules)}");
                scope = AccessRules.Admin; // until someone decides, expect the strictest
            }
            var documented = AccessRules.RequiresKey(operation);
            if (documented != scope is not null)
            {
                mismatches.Add($"{method} {path} ({operationId}): the document {(documented ? "asks for a key" : "asks for no key")}, the rules say it needs {scope ?? "none"}");
            }
            var unfillable = PathParameter().Matches(path).Select(m => m.Groups[1].Value).Where(n => Fill(n) is null).ToList();
            if (unfillable.Count > 0)
            {
                mismatches.Add($"{method} {path} ({operationId}): the matrix cannot fill {string.Join(", ", unfillable)}; teach {nameof(Fill)}");
                continue;
            }
            var url = PathParameter().Replace(path, m => Fill(m.Groups[1].Value)!);
            calls.Add(new Call(method, path, operationId, url, operation["requestBody"] is not null, scope,
                operation["requestBody"]?["content"]?["multipart/form-data"] is not null));
            if (operationId == "deleteArticle")
            {
                calls.Add(new Call(method, path, operationId, url + "?permanent=true", false, AccessRules.Admin));
            }
        }
        return calls;
    }

    private static string? Fill(string parameter) => parameter switch
    {
        "id" or "linkId" => Guid.NewGuid().ToString(),
        "slug" => "some-slug",
        "preset" => "card",
        "number" or "page" or "deliveryId" => "1",
        "format" => "rss",
        "kind" => "tags",
        "token" => "pv_" + new string('x', 43),
        _ => null,
    };

    private async Task<Caller> CallerAsync(string who)
    {
        switch (who)
        {
            case "anonymous":
                return new Caller(who, null, null);
            case "bootstrap admin":
                return new Caller(who, NewsApiFactory.AdminKey, AccessRules.Effective(AccessRules.Admin));
            case "admin as Bearer":
                return new Caller(who, (await Editor.CreateKeyAsync([AccessRules.Admin])).Secret, AccessRules.Effective(AccessRules.Admin), Bearer: true);
            case AccessRules.Read or AccessRules.Write or AccessRules.Admin:
                return new Caller(who, (await Editor.CreateKeyAsync([who])).Secret, AccessRules.Effective(who));
            case "revoked":
                var revoked = await Editor.CreateKeyAsync([AccessRules.Admin]);
                await Editor.RevokeKeyAsync(revoked.Id);
                return new Caller(who, revoked.Secret, null);
            case "expired":
                // The clock is the class's: moving it on does not hurt the other callers, whose keys never expire.
                var expired = await Editor.CreateKeyAsync([AccessRules.Admin], Api.Clock.GetUtcNow().AddHours(1));
                Api.Clock.Advance(TimeSpan.FromHours(2));
                return new Caller(who, expired.Secret, null);
            case "unknown":
                return new Caller(who, KeyTestData.UnknownSecret(), null);
            case "malformed":
                return new Caller(who, "nk_not valid!", null);
            default:
                throw new ArgumentOutOfRangeException(nameof(who), who, "no such caller");
        }
    }

    private static HttpRequestMessage Request(Call call, Caller caller)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url);
        if (call.HasBody)
        {
            // Routing answers 415 to a body of a type the operation does not take, before anyone checks the key.
            request.Content = call.Multipart
                ? new MultipartFormDataContent()
                : new StringContent("{}", Encoding.UTF8, call.Method == "PATCH" ? "application/merge-patch+json" : "application/json");
        }
        if (caller.Key is not null)
        {
            request.Headers.TryAddWithoutValidation(caller.Bearer ? "Authorization" : "X-Api-Key", caller.Bearer ? $"Bearer {caller.Key}" : caller.Key);
        }
        return request;
    }

    private static async Task<IEnumerable<string>> ProblemMismatchAsync(HttpResponseMessage response, string what)
    {
        try
        {
            await response.ReadProblemAsync(response.StatusCode);
            return [];
        }
        catch (Xunit.Sdk.XunitException e)
        {
            return [$"{what}: not a problem document: {e.Message}"];
        }
    }
}

/// <summary>What the OpenAPI document says about keys; the same document whatever the provider.</summary>
public sealed class AccessDocumentTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public async Task TheDocumentDeclaresBothWaysToSendAKey()
    {
        var schemes = (await AccessRules.DocumentAsync(Client))["components"]!["securitySchemes"]!;

        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
    }

    [Fact]
    public async Task EveryWriteAndEveryEditorReadAsksForAKeyAndPublicReadsDoNot()
    {
        var document = await AccessRules.DocumentAsync(Client);

        var wrong = new List<string>();
        foreach (var (path, method, operation) in AccessRules.Operations(document))
        {
            var operationId = (string)operation["operationId"]!;
            var known = AccessRules.TryRequiredScope(operationId, out var scope);
            var needsKey = method != "GET" || !known || scope is not null;
            var security = operation["security"]?.AsArray().Select(r => string.Join('+', r!.AsObject().Select(s => s.Key))).ToArray() ?? [];
            // Public reads list an empty requirement first: a key is optional there, and shows drafts to editors.
            string[] expected = needsKey ? ["ApiKey", "Bearer"] : ["", "ApiKey", "Bearer"];
            if (!security.SequenceEqual(expected))
            {
                wrong.Add($"{method} {path} ({operationId}): security [{string.Join(", ", security)}], expected [{string.Join(", ", expected)}]");
            }
            var requiredScope = (string?)operation["x-required-scope"];
            if (requiredScope != (needsKey ? scope ?? AccessRules.Admin : null))
            {
                wrong.Add($"{method} {path} ({operationId}): x-required-scope is {requiredScope ?? "absent"}, expected {(needsKey ? scope : "absent")}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Null(document["security"]); // no document-wide requirement: public reads stay public
    }

    [Fact]
    public async Task The403OfEverySecuredOperationNamesOnlyScopesAKeyCanHave()
    {
        var document = await AccessRules.DocumentAsync(Client);

        var wrong = new List<string>();
        foreach (var (path, method, operation) in AccessRules.Operations(document).Where(o => AccessRules.RequiresKey(o.Operation)))
        {
            var operationId = (string)operation["operationId"]!;
            AccessRules.TryRequiredScope(operationId, out var scope);
            var description = (string?)operation["responses"]!["403"]?["description"] ?? "";
            var named = Regex.Matches(description, @"\b(content:\w+|media:\w+|admin)\b").Select(m => m.Value).ToList();
            if (!named.Contains(scope!) || named.Any(n => n is not (AccessRules.Read or AccessRules.Write or AccessRules.MediaWrite or AccessRules.Admin)))
            {
                wrong.Add($"{method} {path} ({operationId}) needs {scope ?? "no key"}; its 403 says \"{description}\"");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}
