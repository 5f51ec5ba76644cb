using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Data.Sqlite;
using NewsApi.Feeds;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Feeds;

/// <summary>
/// SQLite's own feed statement answers exactly what the EF path (every other database's) answers for the same ids:
/// the same entries, fields, bylines and tags in the editor's order, and the same articles left out.
/// </summary>
public sealed class SqliteFeedRowsTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public async Task TheStatementAnswersWhatTheEfPathAnswers()
    {
        var first = await Editor.CreateAuthorAsync(TestData.Unique("Zoë \"Quoted\" Author"));
        var second = await Editor.CreateAuthorAsync();
        var tag = await Editor.CreateTagAsync(TestData.Unique("Café & <Tag>"));
        var other = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        var whole = await Editor.CreatePublishedArticleAsync(new
        {
            title = TestData.Unique("Grid <switch> & \"more\""),
            excerpt = "The switch-over — at dawn.",
            body = "The switch-over took place **at dawn**.\n\n<script>x</script> ]]> 漢字",
            authorIds = new[] { second.Id(), first.Id() },
            tagIds = new[] { other.Id(), tag.Id() },
            sourceId = source.Id(),
            sourceUrl = "https://wire.example.com/2026/06/grid",
            featuredImage = new { url = "https://images.example.com/grid.jpg", alt = "A substation", caption = "Near Tallinn", credit = "Image via X/@elering" },
        });
        var bare = await Editor.CreatePublishedArticleAsync(new { body = "Short." });
        var draft = await Editor.CreateArticleAsync();
        var scheduled = await Editor.CreatePublishedArticleAsync(publishAt: Api.Clock.GetUtcNow().AddDays(1));

        List<Guid> ids = [Guid.Parse(bare.Id()), Guid.Parse(draft.Id()), Guid.Parse(whole.Id()), Guid.Parse(scheduled.Id()), Guid.NewGuid()];
        var now = Api.Clock.GetUtcNow().UtcDateTime;
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        var statement = await new SqliteFeedRows().ReadAsync(db, ids, now, Cancel);
        var ef = await FeedEntries.RowsAsync(db, ids, now, Cancel);

        Assert.Equal([Guid.Parse(bare.Id()), Guid.Parse(whole.Id())], statement.Select(e => e.Id));
        Assert.Equal(JsonSerializer.Serialize(ef), JsonSerializer.Serialize(statement));
        var entry = statement[1];
        Assert.Equal([second.Id(), first.Id()], entry.Authors.Select(a => a.Id.ToString()));
        Assert.Equal([other.Id(), tag.Id()], entry.Tags.Select(t => t.Id.ToString()));
        Assert.Equal((string)tag["name"]!, entry.Tags[1].Name);
        Assert.Equal("Image via X/@elering", entry.ImageCredit);
        Assert.Equal(DateTimeKind.Utc, entry.PublishedAt.Kind);
    }

    [Fact]
    public async Task TheApplicationReadsFeedsThroughTheStatementOnSqlite() =>
        Assert.IsType<SqliteFeedRows>(Api.Services.GetRequiredService<IFeedRows>());
}
