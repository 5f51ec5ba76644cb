using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

/// <summary>
/// Checking an article's related links must cost a few key lookups, however many articles there are. A newsroom that
/// started empty has no planner statistics, and SQLite then answers "which of these ids are articles not in the trash"
/// by walking the trash index through every article: every write grew slower with the archive.
/// </summary>
public sealed partial class RelatedCheckPlanTests(CountingSqliteApi api) : ApiTest(api), IClassFixture<CountingSqliteApi>
{
    [Fact]
    public async Task TheRelatedArticleCheckLooksArticlesUpByKey()
    {
        var related = await Client.CreateArticleAsync();
        var commands = api.Commands;
        commands.Reset();
        await Client.CreateArticleAsync(new { relatedArticleIds = new[] { related.Id() } });
        var check = Assert.Single(commands.Texts, t => t.Contains("RelatedArticleIds") && t.Contains("FROM \"Articles\""));

        var plan = await PlanAsync(check);

        Assert.Contains(plan, step => step.Contains("sqlite_autoindex_Articles_1 (Id=?)"));
        Assert.DoesNotContain(plan, step => step.Contains("IX_Articles_DeletedAt"));
    }

    [Fact]
    public async Task RelatingToATrashedArticleIsStillRefused()
    {
        var trashed = await Client.CreateArticleAsync();
        var article = await Client.CreateArticleAsync();
        (await Client.DeleteAsync($"/api/v1/articles/{trashed.Id()}", Cancel)).EnsureSuccessStatusCode();

        var response = await Client.PatchAsync($"/api/v1/articles/{article.Id()}", new { relatedArticleIds = new[] { trashed.Id() } });

        var messages = await response.ReadValidationErrorAsync("relatedArticleIds[0]");
        Assert.Equal([$"No article has the id {trashed.Id()}."], messages);
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = "[]";
            command.Parameters.Add(parameter);
        }
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            steps.Add(reader.GetString(3));
        }
        return steps;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
