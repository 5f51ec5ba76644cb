using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Sqlite;
using NewsApi.Data.Providers;
using NewsApi.Http;
using Npgsql;

namespace NewsApi.Bench;

/// <summary>
/// <c>explain</c>: runs the API's own read handlers (the code behind each scenario, not a copy of its SQL) for one
/// anonymous request each, captures every SQL command they send with its parameters, and prints each one's plan
/// (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL) and its median time over a few runs. Writes a
/// Markdown file and, beside it, a JSON-lines summary for the report.
/// </summary>
internal static partial class ExplainCommand
{
    private const int Runs = 7;

    public static async Task<int> RunAsync(Arguments args)
    {
        var database = BenchDatabase.From(args);
        var parameters = ReadEnv(args.Required("params"));
        var output = args.Required("out");
        // The summary (one line per statement) is a measurement the report tabulates; the plans themselves are not kept.
        var summaryPath = args.Optional("summary") ?? Path.ChangeExtension(output, ".jsonl");
        var analyze = args.Flag("analyze");
        args.EnsureAllRead();

        var capture = new CommandCapture();
        var services = database.ServicesCollection();
        services.AddSingleton<ContentAccess>();
        // One per scenario (each runs in its own scope) that has remembered no totals, so every scenario's count
        // statement is captured, also where two scenarios share a filter (the front page and a deep offset page).
        services.AddScoped<NewsApi.Articles.ArticleCounts>();
        // Public lists first check whether a scheduled article has come due (and then empty the output cache).
        services.AddOutputCache();
        services.AddSingleton<ScheduledPublications>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.ConfigureDbContext<SqliteNewsDbContext>(o => o.AddInterceptors(capture));
            // The hottest SQLite reads run outside EF, on prepared statements it does not see; they are logged.
            services.AddLogging(logging => logging.AddProvider(capture).AddFilter(typeof(SqliteStatementCache).FullName, LogLevel.Debug));
        }
        else
        {
            services.ConfigureDbContext<PostgresNewsDbContext>(o => o.AddInterceptors(capture));
        }
        await using var provider = services.BuildServiceProvider();
        if (analyze)
        {
            // Only ever on a copy: shows what full planner statistics change (the API gathers them with a row limit).
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            // Looked up once here, so that no scenario's statements include it.
            await scope.ServiceProvider.GetRequiredService<ScheduledPublications>().FlushWhenDueAsync(scope.ServiceProvider, CancellationToken.None);
        }

        string P(string key) => parameters[key];
        var scenarios = new (string Id, string Name, Func<HttpContext, NewsDbContext, Task> Run)[]
        {
            ("s2/s3", "front page", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20))),
            ("s4-cursor", $"page {P("P_CURSOR_PAGE")} via cursor", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Cursor: P("P_CURSOR")))),
            ("s4-offset", $"page {P("P_OFFSET_PAGE")} via offset", (h, db) => ListAsync(h, db, new ArticleListQuery(Page: int.Parse(P("P_OFFSET_PAGE"), CultureInfo.InvariantCulture), PageSize: 20))),
            ("s5-tag", $"tag {P("P_TAG")}", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Tag: [P("P_TAG")]))),
            ("s5-author", $"author {P("P_AUTHOR")}", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Author: P("P_AUTHOR")))),
            ("s6-search-word", $"search {P("P_WORD")}", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Q: P("P_WORD")))),
            ("s6-search-phrase", $"search \"{P("P_PHRASE")}\"", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Q: $"\"{P("P_PHRASE")}\""))),
            ("s6-search-newest", $"search {P("P_WORD")}, newest first", (h, db) => ListAsync(h, db, new ArticleListQuery(PageSize: 20, Q: P("P_WORD"), Sort: "-publishedAt"))),
            ("s7-slug", $"article by slug", (h, db) => ArticleEndpoints.GetArticleBySlug(P("P_SLUG"), h, db, CancellationToken.None)),
        };

        var markdown = new StringBuilder();
        var summary = new StringBuilder();
        var plan = database.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN (ANALYZE, BUFFERS)";
        markdown.AppendLine(CultureInfo.InvariantCulture, $"# Query plans: {database.Provider}, {P("P_SIZE")} articles{(analyze ? ", after ANALYZE" : "")}\n");
        markdown.AppendLine(CultureInfo.InvariantCulture,
            $"Every SQL command the API sends for one anonymous request of each scenario, captured from its own handlers, with {plan} and the median of up to {Runs} runs (fewer for statements that take seconds).\n");
        foreach (var (id, name, run) in scenarios)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            capture.Commands.Clear();
            await run(http, db);
            var commands = capture.Commands.ToList();

            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            markdown.AppendLine(CultureInfo.InvariantCulture, $"## {id}: {name}\n");
            var total = 0.0;
            for (var i = 0; i < commands.Count; i++)
            {
                var (sql, parameterList) = commands[i];
                var lines = await PlanAsync(connection, database.Provider, plan, sql, parameterList);
                var ms = await MedianAsync(connection, sql, parameterList);
                total += ms;
                var access = Access(database.Provider, lines);
                var fullScans = FullScans(database.Provider, sql, lines);
                var count = sql.TrimStart().StartsWith("SELECT COUNT(*)", StringComparison.OrdinalIgnoreCase);
                markdown.AppendLine(CultureInfo.InvariantCulture, $"### Statement {i + 1}: {ms:F2} ms{(count ? " (the total count)" : "")}\n");
                markdown.AppendLine(CultureInfo.InvariantCulture, $"Access: {string.Join("; ", access)}\n");
                if (fullScans.Count > 0)
                {
                    markdown.AppendLine(CultureInfo.InvariantCulture, $"Tables read in full: {string.Join(", ", fullScans)}\n");
                }
                markdown.AppendLine("```sql").AppendLine(sql.Trim()).AppendLine("```");
                if (parameterList.Count > 0)
                {
                    markdown.AppendLine("Parameters: " + string.Join(", ", parameterList.Select(p => $"{p.ParameterName} = {Show(p.Value)}")) + "\n");
                }
                markdown.AppendLine("```").AppendJoin('\n', lines).AppendLine().AppendLine("```\n");
                summary.AppendLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["kind"] = "explain",
                    ["provider"] = database.Provider.ToString(),
                    ["size"] = long.Parse(P("P_SIZE"), CultureInfo.InvariantCulture),
                    ["scenario"] = id,
                    ["statement"] = i + 1,
                    ["count"] = count,
                    ["analyzed"] = analyze,
                    ["ms"] = Math.Round(ms, 3),
                    ["access"] = access,
                    ["full_scan"] = fullScans.Count > 0,
                    ["full_scans"] = fullScans,
                    ["temp_sort"] = access.Any(a => a.Contains("TEMP B-TREE", StringComparison.Ordinal) || a.StartsWith("Sort", StringComparison.Ordinal)),
                }));
            }
            markdown.AppendLine(CultureInfo.InvariantCulture, $"Total of the statements' medians: {total:F2} ms.\n");
            Console.WriteLine($"explain: {database.Provider} {P("P_SIZE")}{(analyze ? " analyzed" : "")} {id,-17} {commands.Count} statements, {total,8:F2} ms");
        }
        await File.WriteAllTextAsync(output, markdown.ToString().TrimEnd() + "\n");
        await File.WriteAllTextAsync(summaryPath, summary.ToString());
        return 0;
    }

    private static async Task ListAsync(HttpContext http, NewsDbContext db, ArticleListQuery query) =>
        await ArticleEndpoints.ListArticles(query, http, db, http.RequestServices.GetRequiredService<IArticleReadPath>(), CancellationToken.None);

    private static Dictionary<string, string> ReadEnv(string path) =>
        File.ReadAllLines(path).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''), StringComparer.Ordinal);

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object>()) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static DbCommand Copy(DbConnection connection, string sql, IReadOnlyList<DbParameter> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var p in parameters)
        {
            command.Parameters.Add(p is NpgsqlParameter npgsql ? npgsql.Clone() : new SqliteParameter(p.ParameterName, p.Value));
        }
        return command;
    }

    private static async Task<List<string>> PlanAsync(DbConnection connection, DatabaseProvider provider, string plan, string sql, IReadOnlyList<DbParameter> parameters)
    {
        await using var command = Copy(connection, plan + " " + sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // (id, parent, notused, detail): indent each step under its parent.
            var depth = new Dictionary<long, int> { [0] = -1 };
            while (await reader.ReadAsync())
            {
                var level = depth.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
                depth[reader.GetInt64(0)] = level;
                lines.Add(new string(' ', level * 2) + reader.GetString(3));
            }
        }
        else
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        return lines;
    }

    private static async Task<double> MedianAsync(DbConnection connection, string sql, IReadOnlyList<DbParameter> parameters)
    {
        var times = new List<double>();
        // Repeats a fast statement for a stable median; a statement that takes seconds is timed once or twice.
        for (var run = 0; run < Runs && (run == 0 || times.Sum() < 2_000); run++)
        {
            await using var command = Copy(connection, sql, parameters);
            var clock = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>How each table is reached: SQLite's SCAN/SEARCH lines, PostgreSQL's scan and sort nodes.</summary>
    private static List<string> Access(DatabaseProvider provider, List<string> lines) => provider == DatabaseProvider.Sqlite
        ? lines.Select(l => l.Trim()).Where(l => l.StartsWith("SCAN", StringComparison.Ordinal) || l.StartsWith("SEARCH", StringComparison.Ordinal)
                                                || l.StartsWith("USE TEMP", StringComparison.Ordinal)).Distinct().ToList()
        : lines.Select(l => PostgresNode().Match(l)).Where(m => m.Success).Select(m => m.Value.Trim()).Distinct().ToList();

    /// <summary>
    /// The tables read from end to end, without an index. SQLite names a scanned subquery (a co-routine or a
    /// materialised view) the same way as a table; those are not table scans. SQLite prints aliases, which the
    /// SQL maps back to table names.
    /// </summary>
    private static List<string> FullScans(DatabaseProvider provider, string sql, List<string> lines)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return lines.Select(l => SeqScan().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim('"')).Distinct().ToList();
        }
        var subqueries = lines.Select(l => l.Trim())
            .Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || l.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToHashSet(StringComparer.Ordinal);
        var tables = Alias().Matches(sql).GroupBy(m => m.Groups[2].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups[1].Value, StringComparer.Ordinal);
        return lines.Select(l => l.Trim())
            .Where(l => l.StartsWith("SCAN ", StringComparison.Ordinal) && !l.Contains(" USING ", StringComparison.Ordinal)
                        && !l.Contains("VIRTUAL TABLE", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).Where(name => !subqueries.Contains(name))
            .Select(name => tables.GetValueOrDefault(name, name)).Distinct().ToList();
    }

    [GeneratedRegex(@"Seq Scan on (\S+)")]
    private static partial Regex SeqScan();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex Alias();

    [GeneratedRegex(@"(Seq Scan on \S+|Index Scan( Backward)? using \S+ on \S+|Index Only Scan( Backward)? using \S+ on \S+|Bitmap Index Scan on \S+|Sort(?=\s)|Incremental Sort|Top-N heapsort|external merge)")]
    private static partial Regex PostgresNode();

    /// <summary>Keeps the text and parameters of every command EF sends, and every statement the SQLite statement cache logs, in order.</summary>
    private sealed class CommandCapture : DbCommandInterceptor, ILoggerProvider, ILogger
    {
        public List<(string Sql, IReadOnlyList<DbParameter> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return ValueTask.FromResult(result);
        }

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(SqliteStatementCache).FullName ? this : NullLogger.Instance;

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != "StatementExecuted" || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }
            var sql = (string)values.Single(v => v.Key == "CommandText").Value!;
            var parameters = (SqliteStatementCache.StatementParameters)values.Single(v => v.Key == "Parameters").Value!;
            Commands.Add((sql, parameters.Values.Select(p => (DbParameter)new SqliteParameter(p.Name, p.Value)).ToList()));
        }

        public void Dispose()
        {
        }

        private void Keep(DbCommand command) => Commands.Add((command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => p is NpgsqlParameter n ? (DbParameter)n.Clone() : new SqliteParameter(p.ParameterName, p.Value)).ToList()));
    }
}
