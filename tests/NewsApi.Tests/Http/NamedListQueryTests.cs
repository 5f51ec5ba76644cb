using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class NamedListQueryOnSqlite(SqliteApi api) : NamedListQueryTests(api), IClassFixture<SqliteApi>;

public sealed class NamedListQueryOnPostgres(PostgresApi api) : NamedListQueryTests(api), IClassFixture<PostgresApi>;

public sealed class PublicNamedListQueryOnSqlite(PublicSqliteApi api) : PublicNamedListQueryTests(api), IClassFixture<PublicSqliteApi>;

public sealed class PublicNamedListQueryOnPostgres(PublicPostgresApi api) : PublicNamedListQueryTests(api), IClassFixture<PublicPostgresApi>;

/// <summary>
/// The author, tag and source lists share one query: <c>sort</c> and a case-insensitive name filter <c>q</c>. Each
/// test names its items with a made-up prefix and filters by it, so it sees only what it created.
/// </summary>
public abstract class NamedListQueryTests(NewsApiFactory api) : ApiTest(api)
{
    public static readonly TheoryData<string> Resources = ["authors", "tags", "sources"];

    public static readonly TheoryData<string, string?, int[]> Sorts = SortCases();

    /// <summary>
    /// Alpha (0), Bravo (1) and Charlie (2), created in the order Bravo, Charlie, Alpha, carrying 1, 0 and 2
    /// articles: each of the six sorts gives a different order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task EachSortOrdersTheList(string resource, string? sort, int[] expected)
    {
        var prefix = NamedLists.Prefix();
        var byName = new Dictionary<string, JsonNode>();
        foreach (var (name, articles) in new[] { ("Bravo", 0), ("Charlie", 2), ("Alpha", 1) })
        {
            var item = await Editor.CreateNamedAsync(resource, $"{prefix} {name}");
            for (var i = 0; i < articles; i++)
            {
                await Editor.CreateArticleAsync(NamedLists.Carrying(resource, item));
            }
            byName[name] = item;
            Api.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var items = new[] { byName["Alpha"], byName["Bravo"], byName["Charlie"] };

        var page = await Client.ListNamedAsync(resource, $"q={prefix}" + (sort is null ? "" : $"&sort={sort}"));

        Assert.Equal(expected.Select(i => items[i].Id()), NamedLists.Ids(page));
        Assert.Equal([1, 0, 2], items.Select(i => (int)NamedLists.Item(page, i)["articleCount"]!));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ItemsEqualInTheSortFieldAreOrderedById(string resource)
    {
        var prefix = NamedLists.Prefix();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Editor.CreateNamedAsync(resource, $"{prefix} {i}")).Id());
        }
        var byId = ids.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(byId, NamedLists.Ids(await Client.ListNamedAsync(resource, $"q={prefix}&sort=createdAt")));
        Assert.Equal(byId.Reverse(), NamedLists.Ids(await Client.ListNamedAsync(resource, $"q={prefix}&sort=-articleCount")));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task TheNameFilterIsACaseInsensitiveSubstringMatch(string resource)
    {
        var prefix = NamedLists.Prefix();
        var harbour = await Editor.CreateNamedAsync(resource, $"{prefix} Harbour Authority");
        var northHarbour = await Editor.CreateNamedAsync(resource, $"North {prefix} harbourside");
        await Editor.CreateNamedAsync(resource, $"{prefix} Airport");

        var page = await Client.ListNamedAsync(resource, $"q={Uri.EscapeDataString($"{prefix.ToUpperInvariant()} HARBOUR")}");

        Assert.Equal([northHarbour.Id(), harbour.Id()], NamedLists.Ids(page));
        Assert.Equal(2, (int)page["totalItems"]!);
        Assert.Equal([harbour.Id()], NamedLists.Ids(await Client.ListNamedAsync(resource, $"q={prefix}%20harbour%20a")));
        Assert.Equal([northHarbour.Id()], NamedLists.Ids(await Client.ListNamedAsync(resource, $"q={prefix}%20HARBOURSIDE")));
        Assert.Equal(3, (int)(await Client.ListNamedAsync(resource, $"q={prefix.ToLowerInvariant()}"))["totalItems"]!);
        Assert.Empty(NamedLists.Ids(await Client.ListNamedAsync(resource, $"q={prefix}%20harbor")));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task TheNameFilterIgnoresTheCaseOfAccentedLetters(string resource)
    {
        var prefix = NamedLists.Prefix();
        var item = await Editor.CreateNamedAsync(resource, $"{prefix} Émile Österreich");

        var page = await Client.ListNamedAsync(resource, $"q={Uri.EscapeDataString($"{prefix} émile österreich")}");

        Assert.Equal([item.Id()], NamedLists.Ids(page));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    public async Task TheNameFilterTakesWildcardCharactersLiterally(string wildcard)
    {
        var prefix = NamedLists.Prefix();
        var literal = await Editor.CreateTagAsync($"{prefix} 100{wildcard} renewable");
        await Editor.CreateTagAsync($"{prefix} 1000 renewable");

        var page = await Client.ListNamedAsync("tags", $"q={Uri.EscapeDataString($"{prefix} 100{wildcard}")}");

        Assert.Equal([literal.Id()], NamedLists.Ids(page));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task EditorsCountEveryArticle(string resource)
    {
        var item = await Editor.CreateNamedAsync(resource, $"{NamedLists.Prefix()} Counted");
        await Editor.CreatePublishedArticleAsync(NamedLists.Carrying(resource, item));
        await Editor.CreateArticleAsync(NamedLists.Carrying(resource, item));

        var page = await Client.ListNamedAsync(resource, $"q={Uri.EscapeDataString((string)item["name"]!)}");

        Assert.Equal(2, (int)NamedLists.Item(page, item)["articleCount"]!);
    }

    [Theory]
    [InlineData("sort=popularity", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("search=energy", "search")]
    public async Task AnInvalidParameterIs400NamingIt(string query, string field)
    {
        foreach (var resource in new[] { "authors", "tags", "sources" })
        {
            await (await Client.GetAsync($"/api/v1/{resource}?{query}", Cancel)).ReadValidationErrorAsync(field);
        }
    }

    [Fact]
    public async Task AFilterLongerThanAHundredCharactersIs400()
    {
        var response = await Client.GetAsync($"/api/v1/tags?q={new string('x', 101)}", Cancel);

        await response.ReadValidationErrorAsync("q");
    }

    private static TheoryData<string, string?, int[]> SortCases()
    {
        var cases = new TheoryData<string, string?, int[]>();
        foreach (var resource in new[] { "authors", "tags", "sources" })
        {
            cases.Add(resource, null, [0, 1, 2]);
            cases.Add(resource, "name", [0, 1, 2]);
            cases.Add(resource, "-name", [2, 1, 0]);
            cases.Add(resource, "createdAt", [1, 2, 0]);
            cases.Add(resource, "-createdAt", [0, 2, 1]);
            cases.Add(resource, "articleCount", [1, 0, 2]);
            cases.Add(resource, "-articleCount", [2, 0, 1]);
        }
        return cases;
    }
}

/// <summary>Anonymous readers: an article count counts only the articles they may read.</summary>
public abstract class PublicNamedListQueryTests(NewsApiFactory api) : ApiTest(api)
{
    public static readonly TheoryData<string> Resources = NamedListQueryTests.Resources;

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ReadersCountOnlyPublishedArticlesWhoseTimeHasCome(string resource)
    {
        var now = Api.Clock.GetUtcNow();
        var item = await Editor.CreateNamedAsync(resource, $"{NamedLists.Prefix()} Counted");
        var carrying = NamedLists.Carrying(resource, item);
        await Editor.CreatePublishedArticleAsync(carrying);
        await Editor.CreateArticleAsync(carrying);
        await Editor.CreatePublishedArticleAsync(carrying, now.AddHours(1));
        var archived = await Editor.CreatePublishedArticleAsync(carrying);
        await (await Editor.PostAsync($"/api/v1/articles/{archived.Id()}/archive", null, Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var query = $"q={Uri.EscapeDataString((string)item["name"]!)}";

        Assert.Equal(1, (int)NamedLists.Item(await Client.ListNamedAsync(resource, query), item)["articleCount"]!);
        var single = await (await Client.GetAsync($"/api/v1/{resource}/{item.Id()}", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)single["articleCount"]!);

        Api.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(2, (int)NamedLists.Item(await Client.ListNamedAsync(resource, query), item)["articleCount"]!);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task SortingByArticleCountUsesTheCountReadersSee(string resource)
    {
        var prefix = NamedLists.Prefix();
        var manyDrafts = await Editor.CreateNamedAsync(resource, $"{prefix} Many drafts");
        var onePublished = await Editor.CreateNamedAsync(resource, $"{prefix} One published");
        for (var i = 0; i < 3; i++)
        {
            await Editor.CreateArticleAsync(NamedLists.Carrying(resource, manyDrafts));
        }
        await Editor.CreatePublishedArticleAsync(NamedLists.Carrying(resource, onePublished));

        var page = await Client.ListNamedAsync(resource, $"q={prefix}&sort=-articleCount");

        Assert.Equal([onePublished.Id(), manyDrafts.Id()], NamedLists.Ids(page));
        Assert.Equal([1, 0], page["items"]!.AsArray().Select(i => (int)i!["articleCount"]!));
    }
}

internal static class NamedLists
{
    /// <summary>A made-up word of letters only that no other test's names contain.</summary>
    public static string Prefix() =>
        "Zq" + new string(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());

    public static Task<JsonNode> CreateNamedAsync(this HttpClient client, string resource, string name) => resource switch
    {
        "authors" => client.CreateAuthorAsync(name),
        "tags" => client.CreateTagAsync(name),
        _ => client.CreateSourceAsync(name),
    };

    /// <summary>The article fields that make an article carry <paramref name="item"/>.</summary>
    public static object Carrying(string resource, JsonNode item) => resource switch
    {
        "authors" => new { authorIds = new[] { item.Id() } },
        "tags" => new { tagIds = new[] { item.Id() } },
        _ => (object)new { sourceId = item.Id() },
    };

    public static async Task<JsonNode> ListNamedAsync(this HttpClient client, string resource, string query) =>
        await (await client.GetAsync($"/api/v1/{resource}?{query}", TestContext.Current.CancellationToken)).ReadJsonAsync(HttpStatusCode.OK);

    public static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToArray();

    public static JsonNode Item(JsonNode page, JsonNode item) => page["items"]!.AsArray().Single(i => i!.Id() == item.Id())!;
}
