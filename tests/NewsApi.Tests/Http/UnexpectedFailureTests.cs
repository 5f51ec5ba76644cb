using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

public sealed class UnexpectedFailureOnSqlite(SqliteApi api) : UnexpectedFailureTests(api), IClassFixture<SqliteApi>;

public sealed class UnexpectedFailureOnPostgres(PostgresApi api) : UnexpectedFailureTests(api), IClassFixture<PostgresApi>;

/// <summary>A real server-side failure (a table gone from under the API) answers 500 with a trace id and nothing internal.</summary>
public abstract class UnexpectedFailureTests(NewsApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task AnUnexpectedFailureIs500WithATraceIdAndNoInternals()
    {
        await Client.CreateTagAsync();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"ArticleTags\"", Cancel);
        }

        var response = await Client.GetAsync("/api/v1/tags");

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.ToJsonString();
        Assert.DoesNotContain("ArticleTags", body);
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body);
        Assert.Equal(["detail", "instance", "status", "title", "traceId", "type"],
            problem.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }
}
