using System.Globalization;
using System.Text;

namespace NewsApi.Bench.Reporting;

/// <summary>
/// <c>report</c>: RESULTS.md and p99.svg from the results files. For each provider and size only the newest
/// results file counts; the generator's figures come from the newest seeding run of that database.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var folder = args.Optional("results") ?? Path.Combine("bench", "results");
        var output = args.Optional("out") ?? "bench";
        args.EnsureAllRead();

        var all = ResultLine.ReadAll(folder);
        var explains = all.Where(r => r.Kind == "explain" && !r.Flag("analyzed")).ToList();
        var analyzed = all.Where(r => r.Kind == "explain" && r.Flag("analyzed")).ToList();
        var seeds = all.Where(r => r.Kind == "seed").ToList();
        // The newest results file of each provider and size is the run that counts; within it, a scenario measured
        // again (run.sh --only) counts by its last line.
        var newest = all.Where(r => r.Kind == "scenario").GroupBy(r => (r.Provider, r.Size))
            .ToDictionary(g => g.Key, g => g.Where(r => r.File == g.Max(x => x.File))
                .GroupBy(r => r.Scenario).Select(s => s.Last()).ToList());
        var scenarios = newest.Values.SelectMany(x => x).ToList();
        if (scenarios.Count == 0)
        {
            Console.Error.WriteLine($"report: no results in {folder}");
            return 1;
        }
        var runs = newest.Keys.OrderBy(k => k.Provider == "Sqlite" ? 0 : 1).ThenBy(k => k.Size).ToList();

        var md = new StringBuilder();
        var first = scenarios[0];
        var dates = scenarios.Select(s => s.Text("date")?[..10]).Distinct().Order().ToList();
        var commits = scenarios.Select(s => s.Text("commit")).Distinct().ToList();
        md.AppendLine("# Benchmark results\n");
        md.AppendLine("Written by `bench/run.sh` (`NewsApi.Bench report`) from `bench/results/`; reproduce with the commands in `bench/README.md`.\n");
        md.AppendLine($"- Machine: {first.Number("cores")} cores, {first.Number("memory_mib") / 1024:F0} GiB of memory; API, database and wrk on the same machine, over 127.0.0.1.");
        md.AppendLine($"- Date: {string.Join(", ", dates)}; commit {string.Join(", ", commits)}.");
        md.AppendLine($"- wrk: {first.Number("threads")} threads, {first.Number("connections")} connections, {first.Number("seconds"):F0} s per scenario after a warm-up; the API in Release, Production environment, rate limits out of the way, If-Match not required.");
        md.AppendLine("- Scenarios 1, 2 and 9 run with output caching on; 3 to 8 with it off (a restarted server), because wrk asks for one URL over and over and a cache would answer every one of them: they measure the database path.");
        md.AppendLine("- \"× trivial\" is requests per second as a share of scenario 1 in the same run: the machine is shared, so only ratios are stable. Peak RSS is the server's VmHWM after the scenario (a high-water mark since that server started). `load` is the 1-minute load average just before the scenario; it still holds most of the previous scenario's own load, so only an outlier means something else was running.\n");

        md.AppendLine("## Requests per second and latency\n");
        foreach (var key in runs)
        {
            var rows = newest[key].OrderBy(r => Scenarios.Order(r.Scenario)).ToList();
            var ceiling = rows.FirstOrDefault(r => r.Scenario == "s1-health")?.Number("rps");
            md.AppendLine($"### {Scenarios.ProviderName(key.Provider)}, {key.Size:N0} articles\n");
            md.AppendLine("| scenario | req/s | × trivial | p50 ms | p99 ms | peak RSS MiB | errors | load | note |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var r in rows)
            {
                var rps = r.Number("rps");
                var errors = (r.Number("non_2xx_3xx") ?? 0) + (r.Number("socket_errors") ?? 0);
                md.AppendLine($"| {Scenarios.Label(r.Scenario)} | {Num(rps, "N0")} | {(rps is { } x && ceiling is > 0 ? (x / ceiling.Value).ToString("P1", CultureInfo.InvariantCulture) : "–")} | "
                              + $"{(r.TimedOut ? "> 10,000" : Num(r.Number("p50_ms"), "N2"))} | {(r.TimedOut ? "> 10,000" : Num(r.Number("p99_ms"), "N2"))} | {Num(r.Number("vmhwm_mib"), "N0")} | {errors:N0} | {Num(r.Number("load_before"), "N2")} | {r.Text("note")} |");
            }
            md.AppendLine();
        }
        md.AppendLine("\"> 10,000\": no request finished within wrk's 10 s timeout (with 32 at a time). A scenario whose single request took more than 5 s was not loaded at all; its p50 and p99 are that one request's time.\n");
        md.AppendLine("![p99 latency against database size](p99.svg)\n");
        md.AppendLine("The chart leaves out scenarios in which no request finished within the timeout.\n");

        md.AppendLine("## The generator\n");
        md.AppendLine("`NewsApi.Bench seed` from an empty database to a finished one (migrations, rows, then the indexes, search index and foreign keys it deferred, then on PostgreSQL VACUUM ANALYZE). \"Rows only\" is the bulk-insert phase alone.\n");
        md.AppendLine("| provider | articles | rows | seconds | articles/s end to end | rows/s end to end | articles/s, rows only | deferred | steps (s) | size on disk |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |");
        foreach (var s in seeds.GroupBy(s => (s.Provider, s.Size, s.Flag("deferred"))).Select(g => g.Last())
                     .OrderBy(s => s.Provider == "Sqlite" ? 0 : 1).ThenBy(s => s.Size).ThenBy(s => s.Flag("deferred")))
        {
            var steps = s.Json.TryGetProperty("steps", out var st)
                ? string.Join(", ", st.EnumerateObject().Select(p => $"{p.Name} {p.Value.GetDouble():0.#}")) : "";
            md.AppendLine($"| {Scenarios.ProviderName(s.Provider)} | {s.Size:N0} | {Num(s.Number("rows"), "N0")} | {Num(s.Number("seconds"), "N1")} | {Num(s.Number("articles_per_second"), "N0")} | "
                          + $"{Num(s.Number("rows_per_second"), "N0")} | {Num(s.Number("load_articles_per_second"), "N0")} | {(s.Flag("deferred") ? "yes" : "no")} | {steps} | {Num(s.Number("bytes") / 1048576.0, "N0")} MiB |");
        }
        md.AppendLine();

        md.AppendLine("## Totals on offset pages\n");
        md.AppendLine("An offset page (`?page=`, the default when no cursor is given, so the front page too) answers `totalItems` and `totalPages`: the API counts the whole filtered list with a `SELECT COUNT(*)` (on SQLite and PostgreSQL from a partial index that leaves out the trash), and remembers the total per filter set. For 10 seconds, or 50 times what the count took when that is longer (at most 5 minutes), it is served as it is; after that one request counts again while the others get the last total, so only that request waits. A write that can change which articles a list holds (a status, date, tag, author, source or featured flag; an article created or trashed; a scheduled one coming due) forgets every total at once and the next readers share one count; an edit of an article's text forgets only the totals of searches, and other edits none. Under load a count therefore runs at most once per filter set per 10 s, and a p99 never waits for one unless the list was just written to. A ranked search (`q` without `sort`) counts nothing: its total is the number of visible matches among the engine's best 1,000, and without filters that ranking is remembered under the same rules. A cursor page (`?cursor=`) carries no totals and runs no count. What one count costs (median of up to 7 runs, from `NewsApi.Bench explain`):\n");
        md.AppendLine("| provider | articles | front page | deep offset page | common tag | author | search, one word | search, phrase |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var g in explains.GroupBy(e => (e.Provider, e.Size)).OrderBy(g => g.Key.Provider == "Sqlite" ? 0 : 1).ThenBy(g => g.Key.Size))
        {
            string Count(string id) => g.FirstOrDefault(e => e.Scenario == id && e.Flag("count"))?.Number("ms") is { } ms ? $"{ms:N1} ms" : "–";
            md.AppendLine($"| {Scenarios.ProviderName(g.Key.Provider)} | {g.Key.Size:N0} | {Count("s2/s3")} | {Count("s4-offset")} | {Count("s5-tag")} | {Count("s5-author")} | {Count("s6-search-word")} | {Count("s6-search-phrase")} |");
        }
        md.AppendLine();

        md.AppendLine("## Query plans\n");
        md.AppendLine("Every statement each scenario sends, captured from the API's own handlers and explained (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL); the full plans and SQL are written on demand to `bench/out/*-explain.md` by each run (not committed). \"Tables read in full\" are those a statement reads from end to end without an index; \"sort\" one that sorts rows itself instead of reading them in index order.\n");
        md.AppendLine("On SQLite the last column is the same statements on a copy of the database after a full `ANALYZE` (sizes up to 100,000; `explain --analyze`); the API itself gathers sampled statistics at start-up with `PRAGMA optimize`, and the database had been opened by the API before these plans were taken.\n");
        md.AppendLine("| provider | articles | scenario | statements | ms (sum of medians) | tables read in full | sort | slowest statement's access path | ms after ANALYZE |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | --- | --- | --- | ---: |");
        foreach (var g in explains.GroupBy(e => (e.Provider, e.Size, e.Scenario))
                     .OrderBy(g => g.Key.Provider == "Sqlite" ? 0 : 1).ThenBy(g => g.Key.Size).ThenBy(g => g.Key.Scenario, StringComparer.Ordinal))
        {
            var slowest = g.MaxBy(e => e.Number("ms") ?? 0)!;
            var access = slowest.Json.TryGetProperty("access", out var a) ? string.Join("; ", a.EnumerateArray().Select(x => x.GetString()).Take(4)) : "";
            md.AppendLine($"| {Scenarios.ProviderName(g.Key.Provider)} | {g.Key.Size:N0} | {g.Key.Scenario} | {g.Count()} | {g.Sum(e => e.Number("ms") ?? 0):N2} | {FullScans(g)} | {(g.Any(e => e.Flag("temp_sort")) ? "yes" : "no")} | `{access.Replace("|", "\\|", StringComparison.Ordinal)}` | {AnalyzedMs(analyzed, g.Key)} |");
        }
        md.AppendLine();

        md.AppendLine("## Targets\n");
        md.AppendLine("From the issue; 2 cores, 100,000 articles unless stated, wrk with 2 threads and 32 connections, same run.\n");
        md.AppendLine("| target | provider | measured | met | missed by |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var line in Targets.Evaluate(newest, seeds))
        {
            md.AppendLine(line);
        }
        md.AppendLine();

        // The features' own measurements (webhooks, feeds, the example site…): one table file each, written with the
        // script that measures it, in name order.
        // Kept beside the report, not in the results folder, which holds only the last run's measurements.
        var sections = Path.Combine(output, "sections");
        if (Directory.Exists(sections))
        {
            foreach (var section in Directory.GetFiles(sections, "*.md").Order(StringComparer.Ordinal))
            {
                md.AppendLine((await File.ReadAllTextAsync(section)).Trim());
                md.AppendLine();
            }
        }
        md.AppendLine("What the figures mean, and the gaps still open: [`bench/ANALYSIS.md`](ANALYSIS.md).");

        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "RESULTS.md"), md.ToString().TrimEnd() + "\n");
        await File.WriteAllTextAsync(Path.Combine(output, "p99.svg"), Chart.Render(scenarios));
        Console.WriteLine($"report: {Path.Combine(output, "RESULTS.md")} and p99.svg from {scenarios.Count} measurements");
        return 0;
    }

    private static string FullScans(IEnumerable<ResultLine> statements)
    {
        var tables = statements.SelectMany(e => e.Json.TryGetProperty("full_scans", out var f) ? f.EnumerateArray().Select(x => x.GetString()!) : [])
            .Distinct().ToList();
        return tables.Count == 0 ? "none" : string.Join(", ", tables);
    }

    private static string AnalyzedMs(List<ResultLine> analyzed, (string Provider, long Size, string Scenario) key)
    {
        var lines = analyzed.Where(e => e.Provider == key.Provider && e.Size == key.Size && e.Scenario == key.Scenario).ToList();
        return lines.Count == 0 ? "–" : lines.Sum(e => e.Number("ms") ?? 0).ToString("N2", CultureInfo.InvariantCulture);
    }

    private static string Num(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
