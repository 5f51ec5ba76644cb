using System.Net;
using System.Text.RegularExpressions;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>Requests as a browser sends them across origins: preflights and simple requests with an Origin.</summary>
internal static class CrossOrigin
{
    public const string Allowed = "https://www.example.com";
    public const string Evil = "https://evil.example.org";

    public static HttpRequestMessage Preflight(string origin, string url = "/api/v1/tags/01980000-0000-7000-8000-000000000000")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "if-match,x-api-key,content-type");
        return request;
    }

    public static HttpRequestMessage Get(string origin, string url = "/api/v1/tags")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return request;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    public static string[] List(HttpResponseMessage response, string name) =>
        (Header(response, name) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static void AssertNoCorsHeaders(HttpResponseMessage response) =>
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A deployment that lets one front end's scripts call the API.</summary>
public sealed class OneOriginApi : SqliteApi
{
    protected override bool CallersAreEditors => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cors:AllowedOrigins:0"] = CrossOrigin.Allowed,
    };
}

/// <summary>CORS is configuration and middleware, the same on every provider: SQLite only.</summary>
public sealed class CorsTests(OneOriginApi api) : ApiTest(api), IClassFixture<OneOriginApi>
{
    [Fact]
    public async Task APreflightFromAnAllowedOriginMayPutWithAKeyAndAnIfMatch()
    {
        var response = await Client.SendAsync(CrossOrigin.Preflight(CrossOrigin.Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(CrossOrigin.Allowed, CrossOrigin.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", CrossOrigin.List(response, "Access-Control-Allow-Methods"));
        var headers = CrossOrigin.List(response, "Access-Control-Allow-Headers");
        Assert.All(new[] { "if-match", "x-api-key", "content-type" }, h => Assert.Contains(h, headers, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task APreflightFromAnotherOriginIsNotAllowed()
    {
        var response = await Client.SendAsync(CrossOrigin.Preflight(CrossOrigin.Evil));

        Assert.Null(CrossOrigin.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(CrossOrigin.Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task AGetFromTheAllowedOriginExposesTheHeadersAClientNeeds()
    {
        var response = await Client.SendAsync(CrossOrigin.Get(CrossOrigin.Allowed));

        await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(CrossOrigin.Allowed, CrossOrigin.Header(response, "Access-Control-Allow-Origin"));
        var exposed = CrossOrigin.List(response, "Access-Control-Expose-Headers");
        Assert.All(new[] { "ETag", "Link", "Location", "Retry-After" }, h => Assert.Contains(h, exposed, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AGetFromAnotherOriginGetsNoCorsHeaders()
    {
        var response = await Client.SendAsync(CrossOrigin.Get(CrossOrigin.Evil));

        await response.ReadJsonAsync(HttpStatusCode.OK);
        CrossOrigin.AssertNoCorsHeaders(response);
    }

    [Fact]
    public async Task ARefusalCarriesCorsHeadersSoTheScriptCanReadWhy()
    {
        var request = CrossOrigin.Get(CrossOrigin.Allowed);
        request.Headers.Add("X-Api-Key", KeyTestData.UnknownSecret());

        var response = await Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(CrossOrigin.Allowed, CrossOrigin.Header(response, "Access-Control-Allow-Origin"));
    }
}

/// <summary>Out of the box (no origins configured, not Development) no origin is allowed.</summary>
public sealed class DefaultCorsTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Theory]
    [InlineData(CrossOrigin.Allowed)]
    [InlineData(CrossOrigin.Evil)]
    [InlineData("http://localhost:3000")]
    public async Task NoOriginIsAllowed(string origin)
    {
        var preflight = await Client.SendAsync(CrossOrigin.Preflight(origin));
        var get = await Client.SendAsync(CrossOrigin.Get(origin));

        CrossOrigin.AssertNoCorsHeaders(preflight);
        await get.ReadJsonAsync(HttpStatusCode.OK);
        CrossOrigin.AssertNoCorsHeaders(get);
    }
}

/// <summary>In Development any origin may call, so a front end on any local port works without configuration.</summary>
public sealed class DevelopmentCorsTests(DevelopmentApi api) : ApiTest(api), IClassFixture<DevelopmentApi>
{
    [Theory]
    [InlineData(CrossOrigin.Allowed)]
    [InlineData(CrossOrigin.Evil)]
    [InlineData("http://localhost:3000")]
    public async Task AnyOriginIsAllowed(string origin)
    {
        var preflight = await Client.SendAsync(CrossOrigin.Preflight(origin));
        var get = await Client.SendAsync(CrossOrigin.Get(origin));

        Assert.Equal("*", CrossOrigin.Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("x-api-key", CrossOrigin.List(preflight, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase);
        await get.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("*", CrossOrigin.Header(get, "Access-Control-Allow-Origin"));
    }
}

/// <summary>Headers every answer carries, whatever it is; the same on every provider.</summary>
public sealed partial class SecurityHeadersTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [Theory]
    [InlineData("GET", "/api/v1/tags", null, 200)]
    [InlineData("GET", "/api/v1/tags/01980000-0000-7000-8000-000000000000", null, 404)]
    [InlineData("GET", "/api/v1/no-such-resource", null, 404)]
    [InlineData("GET", "/api/v1/tags", "nk_not valid!", 401)]
    [InlineData("POST", "/api/v1/tags", null, 401)]
    [InlineData("GET", "/swagger/v1/swagger.json", null, 200)]
    [InlineData("OPTIONS", "/api/v1/tags", null, 204)]
    public async Task EveryAnswerOfTheApiCarriesTheStrictHeaders(string method, string url, string? key, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }
        if (method == "OPTIONS")
        {
            request.Headers.Add("Origin", CrossOrigin.Allowed);
            request.Headers.Add("Access-Control-Request-Method", "GET");
        }

        var response = await Api.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        AssertCommonHeaders(response);
        var policy = CrossOrigin.Header(response, "Content-Security-Policy")!;
        if (!url.StartsWith("/swagger", StringComparison.Ordinal))
        {
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SwaggerUiGetsAPolicyThatLetsOnlyItsOwnScriptsRun()
    {
        var response = await Client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        var policy = CrossOrigin.Header(response, "Content-Security-Policy")!;
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        // The page must then have no inline script, or the policy would stop Swagger UI from working at all.
        Assert.DoesNotMatch(InlineScript(), await response.Content.ReadAsStringAsync());
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", CrossOrigin.Header(response, "X-Content-Type-Options"));
        Assert.False(string.IsNullOrEmpty(CrossOrigin.Header(response, "Referrer-Policy")), "Referrer-Policy is set");
        Assert.Equal("DENY", CrossOrigin.Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", CrossOrigin.Header(response, "Content-Security-Policy") ?? "", StringComparison.Ordinal);
    }
}
