using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

public sealed class SecretsInLogsOnSqlite(LoggedSqliteApi api)
    : SecretsInLogsTests(api, api.Logs, () => api.ConnectionStringForTests), IClassFixture<LoggedSqliteApi>
{
    /// <summary>
    /// EF Core's own Debug events name the database "server", which for SQLite is the file, so at Debug and below the
    /// path is logged by the framework, by design. What a deployment logs (Information and up) must not carry it.
    /// </summary>
    [Fact]
    public async Task TheDatabaseFileIsNotLoggedAtInformationOrAbove()
    {
        await (await Editor.PostJsonAsync("/api/v1/tags", new { name = "" })).ReadValidationErrorAsync("name");
        await (await Editor.GetAsync($"/api/v1/tags/{Guid.NewGuid()}")).ReadProblemAsync(HttpStatusCode.NotFound);

        var leaks = Leaks(api.Logs.LinesAtOrAbove(LogLevel.Information), [("the database file", api.DatabaseFile)]);

        Assert.True(leaks.Count == 0, $"The database file in the log:\n{string.Join('\n', leaks)}");
    }
}

public sealed class SecretsInLogsOnPostgres(LoggedPostgresApi api)
    : SecretsInLogsTests(api, api.Logs, () => api.ConnectionStringForTests), IClassFixture<LoggedPostgresApi>;

/// <summary>Everything is logged, down to Trace and EF Core's commands, into a <see cref="LogCapture"/>.</summary>
internal static class LogEverything
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    };

    public static void Into(IWebHostBuilder builder, LogCapture logs) => builder.ConfigureLogging(l => l.AddProvider(logs));
}

public sealed class LoggedSqliteApi : SqliteApi
{
    public LogCapture Logs { get; } = new();

    public string ConnectionStringForTests => ConnectionString;

    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    protected override IDictionary<string, string?> Settings => LogEverything.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogEverything.Into(builder, Logs);
    }
}

public sealed class LoggedPostgresApi : PostgresApi
{
    public LogCapture Logs { get; } = new();

    public string ConnectionStringForTests => ConnectionString;

    protected override IDictionary<string, string?> Settings => LogEverything.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogEverything.Into(builder, Logs);
    }
}

/// <summary>
/// Key secrets (and what they could be recovered or matched from) never reach a log, at any level: not when a key is
/// made, used, refused or revoked.
/// </summary>
/// <remarks>The connection string is read when a test runs: the PostgreSQL leg has none until it is configured, and
/// is skipped by the base constructor before then.</remarks>
public abstract class SecretsInLogsTests(NewsApiFactory api, LogCapture logs, Func<string> connectionString) : ApiTest(api)
{
    [Fact]
    public async Task NoKeyNorItsHashNorTheConnectionStringIsEverLogged()
    {
        var response = await Editor.PostJsonAsync("/api/v1/keys", new { name = "Logged key", scopes = new[] { "content:write" } });
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var secret = (string)created["secret"]!;
        await (await Editor.GetAsync("/api/v1/keys")).ReadJsonAsync(HttpStatusCode.OK);
        var writer = Api.CreateClient().WithKey(secret);
        var tag = await writer.CreateTagAsync();
        await (await writer.GetAsync($"/api/v1/tags/{tag.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/trash/articles");
        bearer.Headers.TryAddWithoutValidation("Authorization", $"Bearer {secret}");
        await (await Api.CreateAnonymousClient().SendAsync(bearer)).ReadJsonAsync(HttpStatusCode.OK);
        await (await writer.DeleteAsync($"/api/v1/articles/{Guid.NewGuid()}?permanent=true")).ReadProblemAsync(HttpStatusCode.Forbidden);
        var wrong = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');
        var malformed = secret + "!";
        await (await Api.CreateClient().WithKey(wrong).GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Api.CreateClient().WithKey(malformed).GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await Editor.RevokeKeyAsync(created["key"]!.Id());
        await (await writer.GetAsync("/api/v1/tags")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        var text = string.Join('\n', logs.Lines);
        Assert.Contains("/api/v1/keys", text, StringComparison.Ordinal); // the capture saw the requests …
        Assert.Contains("Microsoft.EntityFrameworkCore.Database.Command", text, StringComparison.Ordinal); // … and the SQL
        var forbidden = new List<(string What, string Value)>();
        foreach (var (what, key) in new[] { ("the secret", secret), ("the admin key", NewsApiFactory.AdminKey), ("a wrong key", wrong), ("a malformed key", malformed) })
        {
            forbidden.Add((what, key));
            forbidden.Add((what + " after its prefix", key[7..]));
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            forbidden.Add(($"the hex SHA-256 of {what}", Convert.ToHexString(hash)));
            forbidden.Add(($"the start of the hex SHA-256 of {what}", Convert.ToHexString(hash, 0, 8)));
            forbidden.Add(($"the base64 SHA-256 of {what}", Convert.ToBase64String(hash)));
            forbidden.Add(($"the base64url SHA-256 of {what}", Base64Url.EncodeToString(hash)));
        }
        forbidden.Add(("the connection string", connectionString()));

        var leaks = Leaks(logs.Lines, forbidden);
        Assert.True(leaks.Count == 0, $"Secrets in the log:\n{string.Join('\n', leaks)}");
    }

    protected static List<string> Leaks(IEnumerable<string> lines, IEnumerable<(string What, string Value)> forbidden) =>
        forbidden
            .SelectMany(f => lines.Where(l => l.Contains(f.Value, StringComparison.OrdinalIgnoreCase)).Select(l => $"{f.What}: {l[..Math.Min(l.Length, 300)]}"))
            .ToList();
}
