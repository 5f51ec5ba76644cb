using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Feeds;

/// <summary>The application with a site configured and no output cache, counting the SQL statements it runs.</summary>
public sealed class CountingSiteSqliteApi : CountingSqliteApi
{
    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings =>
        SiteSettings.Values.Append(new("OutputCache:Enabled", "false"));
}

public sealed class CountingSitePostgresApi : CountingPostgresApi
{
    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings =>
        SiteSettings.Values.Append(new("OutputCache:Enabled", "false"));
}

public sealed class FeedReadsOnSqlite(CountingSiteSqliteApi api) : FeedReadTests(api, api.Commands), IClassFixture<CountingSiteSqliteApi>;

public sealed class FeedReadsOnPostgres(CountingSitePostgresApi api) : FeedReadTests(api, api.Commands), IClassFixture<CountingSitePostgresApi>;

/// <summary>
/// What a feed reads: a fixed handful of statements whatever it holds, and the same articles whichever plan finds a
/// tag's or author's articles (a rare one's listed first, a common one's found walking the dates).
/// </summary>
public abstract class FeedReadTests(NewsApiFactory api, SqlCommandCounter commands) : ApiTest(api)
{
    private readonly HttpClient _reader = api.CreateAnonymousClient();

    private async Task<int> StatementsFor(string path)
    {
        commands.Reset();
        var response = await _reader.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return commands.Count;
    }

    private async Task<List<string>> IdsAsync(string path)
    {
        var response = await _reader.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        return feed["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
    }

    [Fact]
    public async Task AFeedOfFiftyCostsAsManyStatementsAsAFeedOfTwo()
    {
        var tag = await Editor.CreateTagAsync();
        var other = await Editor.CreateTagAsync();
        var authors = new[] { (await Editor.CreateAuthorAsync()).Id(), (await Editor.CreateAuthorAsync()).Id() };
        async Task PublishAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Editor.CreatePublishedArticleAsync(new { authorIds = authors, tagIds = new[] { tag.Id(), other.Id() } });
            }
        }
        await PublishAsync(2);
        var path = $"/feeds/tags/{tag["slug"]}.json";
        await StatementsFor(path);
        var two = await StatementsFor(path);
        await PublishAsync(50);
        await StatementsFor(path);
        var fifty = await StatementsFor(path);

        Assert.Equal(50, (await IdsAsync(path)).Count);
        Assert.Equal(two, fifty);
        // The tag, its share (counted up to 1%), the ids, the rows, the bylines and tags (on SQLite one statement with
        // the rows); the public total is remembered.
        Assert.InRange(fifty, 4, 6);
        Assert.InRange(await StatementsFor("/feeds/articles.rss"), 2, 4);
    }

    [Fact]
    public async Task ARareAndACommonTagEachListTheirPublicArticlesNewestFirst()
    {
        var rare = await Editor.CreateTagAsync();
        var common = await Editor.CreateTagAsync();
        var author = await Editor.CreateAuthorAsync();
        var authorIds = new[] { author.Id() };
        var commonIds = new List<string>();
        var rareIds = new List<string>();
        // Enough articles that the rare tag's two links (one in the trash) are under 1% of them.
        for (var i = 0; i < 320; i++)
        {
            var tags = i == 150 ? new[] { common.Id(), rare.Id() } : new[] { common.Id() };
            var id = (await Editor.CreatePublishedArticleAsync(new { authorIds, tagIds = tags })).Id();
            commonIds.Add(id);
            if (i == 150)
            {
                rareIds.Add(id);
            }
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        // Neither a draft, a scheduled article nor one in the trash shows.
        await Editor.CreateArticleAsync(new { authorIds, tagIds = new[] { common.Id() } });
        await Editor.CreatePublishedArticleAsync(new { authorIds, tagIds = new[] { common.Id() } }, publishAt: Api.Clock.GetUtcNow().AddDays(1));
        var trashed = await Editor.CreatePublishedArticleAsync(new { authorIds, tagIds = new[] { common.Id(), rare.Id() } });
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).StatusCode);

        Assert.Equal(rareIds.AsEnumerable().Reverse(), await IdsAsync($"/feeds/tags/{rare["slug"]}.json"));
        Assert.Equal(commonIds.AsEnumerable().Reverse().Take(50), await IdsAsync($"/feeds/tags/{common["slug"]}.json"));
        Assert.Equal(commonIds.AsEnumerable().Reverse().Take(50), await IdsAsync($"/feeds/authors/{author["slug"]}.json"));
    }
}
