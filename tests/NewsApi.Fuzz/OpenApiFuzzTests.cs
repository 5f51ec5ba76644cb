using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace NewsApi.Fuzz;

/// <summary>
/// Schema-valid and schema-invalid requests for every operation of the served document, against the real API
/// process, as an editor (the admin key) and anonymously. Every answer must be one the document describes; valid
/// requests are never refused as malformed, invalid ones always are (a documented 4xx).
/// <c>NEWSAPI_FUZZ_REQUESTS</c> sets the requests per run (default 3,000), <c>NEWSAPI_FUZZ_SECONDS</c> the time
/// budget per run (default 110), <c>NEWSAPI_FUZZ_MIN_REQUESTS</c> how many must have been sent when the budget ends
/// a run early (default: all) and <c>NEWSAPI_FUZZ_SEED</c> replays a run.
/// </summary>
public sealed class OpenApiFuzzTests(ApiProcess api) : IClassFixture<ApiProcess>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public Task AsAnEditorEveryAnswerIsOneTheDocumentDescribes() => FuzzAsync(ApiProcess.AdminKey, "admin", 1);

    [Fact]
    public Task AnonymouslyEveryAnswerIsOneTheDocumentDescribes() => FuzzAsync(null, "anonymous", 2);

    private async Task FuzzAsync(string? key, string who, ulong stream)
    {
        Assert.SkipWhen(api.SkipReason is not null && !ApiProcess.Required, api.SkipReason ?? "");
        Assert.True(api.SkipReason is null, api.SkipReason);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var document = new ApiDocument((await http.GetFromJsonAsync<JsonNode>(new Uri("/swagger/v1/swagger.json", UriKind.Relative), Cancel))!);
        using var admin = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", ApiProcess.AdminKey);
        var pools = await Seed.NewsroomAsync(admin, who, Cancel);

        var seed = Setting("NEWSAPI_FUZZ_SEED") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : (ulong)Random.Shared.NextInt64() ^ stream;
        var count = int.Parse(Setting("NEWSAPI_FUZZ_REQUESTS") ?? "3000", CultureInfo.InvariantCulture);
        var budget = TimeSpan.FromSeconds(double.Parse(Setting("NEWSAPI_FUZZ_SECONDS") ?? "110", CultureInfo.InvariantCulture));
        var minimum = int.Parse(Setting("NEWSAPI_FUZZ_MIN_REQUESTS") ?? count.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        var report = await new Fuzzer(http, document, key, pools).RunAsync(seed, count, budget, Cancel);

        var summary = report.Summary(who, seed);
        TestContext.Current.TestOutputHelper?.WriteLine("fuzz " + summary);
        Assert.True(report.Failures.Count == 0,
            $"{summary}\nReplay with NEWSAPI_FUZZ_SEED={seed} NEWSAPI_FUZZ_REQUESTS={count}.\n{report.Findings()}\nAPI log:\n{api.Log()}");
        // The budget bounds the run on a loaded machine; below the minimum, too little was tried to count.
        Assert.True(report.Requests >= minimum, $"{summary}: only {report.Requests} of {count} requests (at least {minimum}) within {budget.TotalSeconds} s.");
        Assert.Equal(document.Operations.Count, report.OperationsCovered.Count);
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
