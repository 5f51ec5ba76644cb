using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>Anonymous callers on SQLite, with the output cache in a redis-server of the fixture's own.</summary>
public sealed class RedisOutageApi : SqliteApi
{
    public RedisServer Redis { get; } = new();

    public LogCapture Logs { get; } = new();

    protected override bool CallersAreEditors => false;

    public override string? SkipReason => RedisServer.SkipReason;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = Redis.Configuration,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public override async ValueTask InitializeAsync()
    {
        if (SkipReason is null)
        {
            await Redis.StartAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// Redis stops: reads are answered from the database (the cache bypassed, one warning logged), never a 5xx. When Redis
/// is back, caching resumes. A title changed behind the API's back shows whether an answer came from the cache.
/// </summary>
public sealed class RedisOutageTests(RedisOutageApi api) : ApiTest(api), IClassFixture<RedisOutageApi>
{
    private const string BypassWarning = "reads are answered from the database";
    private const string LocalBudgetsWarning = "each instance counts its own budgets";

    private RedisOutageApi Fixture => (RedisOutageApi)Api;

    private async Task<string> TitleAsync(string url)
    {
        var response = await Client.GetAsync(url, Cancel);
        return (string)(await response.ReadJsonAsync(HttpStatusCode.OK))["title"]!;
    }

    private async Task RetitleBehindTheApiAsync(string id, string title)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database
            .ExecuteSqlAsync($"UPDATE \"Articles\" SET \"Title\" = {title} WHERE \"Id\" = {id.ToUpperInvariant()}", Cancel);
    }

    [Fact]
    public async Task ReadsComeFromTheDatabaseWhileRedisIsDownAndCachingResumesWhenItIsBack()
    {
        var article = await Editor.CreatePublishedArticleAsync();
        var url = $"/api/v1/articles/{article.Id()}";
        var cached = await TitleAsync(url);
        await RetitleBehindTheApiAsync(article.Id(), "Changed behind the API");
        Assert.Equal(cached, await TitleAsync(url)); // served from Redis

        await Fixture.Redis.StopAsync();

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 30; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal("Changed behind the API", await TitleAsync(url));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }
        var list = await Client.GetAsync("/api/v1/articles", Cancel);
        await list.ReadJsonAsync(HttpStatusCode.OK);
        var edit = await Editor.PatchAsync(url, new { title = "Edited while Redis was down" });
        await edit.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edited while Redis was down", await TitleAsync(url));
        Assert.Single(Fixture.Logs.LinesAtOrAbove(LogLevel.Warning), l => l.Contains(BypassWarning, StringComparison.Ordinal));
        Assert.Single(Fixture.Logs.LinesAtOrAbove(LogLevel.Warning), l => l.Contains(LocalBudgetsWarning, StringComparison.Ordinal));
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a read took {slowest.TotalMilliseconds:0} ms while Redis was down");

        await Fixture.Redis.StartAsync();

        var turn = 0;
        var resumed = await LocalServices.WaitUntilAsync(async () =>
        {
            // A new article each turn: an entry stored by a turn's second read (Redis back in between) would
            // otherwise answer every later turn's first read with an older title.
            var fresh = await Editor.CreatePublishedArticleAsync();
            var freshUrl = $"/api/v1/articles/{fresh.Id()}";
            var title = $"Retitled {++turn}";
            await RetitleBehindTheApiAsync(fresh.Id(), title);
            var first = await TitleAsync(freshUrl);
            await RetitleBehindTheApiAsync(fresh.Id(), title + " again");
            return first == title && await TitleAsync(freshUrl) == title; // the second read came from the cache
        }, TimeSpan.FromSeconds(20), "caching resumes once Redis is back");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Redis: slowest read while down {slowest.TotalMilliseconds:0} ms; caching resumed {resumed.TotalMilliseconds:0} ms after Redis was back");
        Assert.Single(Fixture.Logs.LinesAtOrAbove(LogLevel.Warning), l => l.Contains(BypassWarning, StringComparison.Ordinal));
    }
}
