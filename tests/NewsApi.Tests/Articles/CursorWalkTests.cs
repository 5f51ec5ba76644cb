using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

public sealed class CursorWalkOnSqlite(PublicSqliteApi api) : CursorWalkTests(api), IClassFixture<PublicSqliteApi>;

public sealed class CursorWalkOnPostgres(PublicPostgresApi api) : CursorWalkTests(api), IClassFixture<PublicPostgresApi>;

public sealed class CursorWalkOnSqliteThroughLinq(PublicLinqSqliteApi api) : CursorWalkTests(api), IClassFixture<PublicLinqSqliteApi>;

public sealed class CursorWalkOnPostgresThroughLinq(PublicLinqPostgresApi api) : CursorWalkTests(api), IClassFixture<PublicLinqPostgresApi>;

/// <summary>Keyset paging over a few hundred articles, with ties on publishedAt and publishing between pages.</summary>
public abstract class CursorWalkTests(NewsApiFactory api) : ApiTest(api)
{
    private const int Count = 300;

    [Fact]
    public async Task WalkingWithCursorsNeverRepeatsOrSkipsEvenWhileArticlesArePublished()
    {
        var (tag, expected) = await SeedAsync();
        var seen = new List<string>();
        var url = $"/api/v1/articles?tag={tag}&pageSize=25";
        var pages = 0;

        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            var page = await response.ReadJsonAsync(HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!.Id()));
            var next = (string?)page["nextCursor"];
            if (pages > 0)
            {
                // Cursor pages link to the next page only, and only while there is one.
                Assert.Equal(next is not null, response.Headers.Contains("Link"));
                if (next is not null)
                {
                    var link = response.Headers.GetValues("Link").Single();
                    Assert.EndsWith("; rel=\"next\"", link);
                    Assert.Contains($"cursor={Uri.EscapeDataString(next)}", link);
                }
            }
            url = next is null ? null : $"/api/v1/articles?tag={tag}&pageSize=25&cursor={Uri.EscapeDataString(next)}";
            pages++;

            // Newsrooms keep publishing while a reader pages: these are newer than the cursor and must not show up.
            Api.Clock.Advance(TimeSpan.FromMinutes(1));
            await Editor.CreatePublishedArticleAsync(new { tagIds = new[] { await TagIdAsync(tag) } });
        }

        Assert.Equal(Count / 25, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task CursorPagesMatchOffsetPagesForEverySort()
    {
        var (tag, _) = await SeedAsync();
        foreach (var sort in new[] { "publishedAt", "-publishedAt", "title", "-title", "updatedAt", "-updatedAt" })
        {
            var offset = new List<string>();
            for (var page = 1; page <= 4; page++)
            {
                var items = await (await Client.GetAsync($"/api/v1/articles?tag={tag}&sort={sort}&pageSize=100&page={page}")).ReadJsonAsync(HttpStatusCode.OK);
                offset.AddRange(items["items"]!.AsArray().Select(i => i!.Id()));
            }

            var walked = new List<string>();
            string? cursor = null;
            do
            {
                var query = $"/api/v1/articles?tag={tag}&sort={sort}&pageSize=40" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var page = await (await Client.GetAsync(query)).ReadJsonAsync(HttpStatusCode.OK);
                walked.AddRange(page["items"]!.AsArray().Select(i => i!.Id()));
                cursor = (string?)page["nextCursor"];
                if (walked.Count > 40)
                {
                    Assert.Null(page["totalItems"]);
                }
            }
            while (cursor is not null);

            Assert.Equal(Count, offset.Count);
            Assert.Equal(offset, walked);
        }
    }

    /// <summary>
    /// Writes the articles straight to the database (fast, and with exact times): three share each publication
    /// time so the id must break ties, and a few drafts and future ones are mixed in that must never show.
    /// </summary>
    private async Task<(string TagSlug, List<string> NewestFirst)> SeedAsync()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var slug = TestData.Unique("walk").Replace(' ', '-');
        var tag = new Tag { Name = slug, Slug = slug };
        var author = new Author { Name = slug, Slug = slug };
        db.AddRange(tag, author);
        var now = Api.Clock.GetUtcNow().UtcDateTime;
        var published = new List<Article>();
        for (var i = 0; i < Count + 30; i++)
        {
            var hidden = i % 11 == 0;
            var article = new Article
            {
                Id = Guid.CreateVersion7(),
                Title = $"{(char)('a' + i % 26)} walk {i:000}",
                Slug = $"{slug}-{i}",
                Excerpt = "x",
                Body = "x",
                Status = hidden && i % 2 == 0 ? ArticleStatus.Draft : ArticleStatus.Published,
                PublishedAt = hidden && i % 2 == 1 ? now.AddDays(1) : now.AddHours(-1 - i / 3),
                Authors = [new ArticleAuthor { Author = author }],
                Tags = [new ArticleTag { Tag = tag }],
            };
            db.Add(article);
            if (!hidden && published.Count < Count)
            {
                published.Add(article);
            }
            else if (!hidden)
            {
                article.Status = ArticleStatus.Draft;
            }
        }
        await db.SaveChangesAsync(Cancel);
        var expected = published
            .OrderByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id.ToString(), StringComparer.OrdinalIgnoreCase)
            .Select(a => a.Id.ToString())
            .ToList();
        return (slug, expected);
    }

    private async Task<string> TagIdAsync(string slug) =>
        (await (await Client.GetAsync($"/api/v1/tags/slug/{slug}")).ReadJsonAsync(HttpStatusCode.OK)).Id();
}
