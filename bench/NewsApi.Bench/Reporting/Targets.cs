using System.Globalization;

namespace NewsApi.Bench.Reporting;

/// <summary>The issue's targets, each checked against the measurements it names, one table row per provider.</summary>
internal static class Targets
{
    private const long Main = 100_000;

    public static IEnumerable<string> Evaluate(Dictionary<(string Provider, long Size), List<ResultLine>> runs, List<ResultLine> seeds)
    {
        var providers = runs.Keys.Select(k => k.Provider).Distinct().OrderBy(p => p == "Sqlite" ? 0 : 1).ToList();
        ResultLine? Get(string provider, long size, string scenario) =>
            runs.TryGetValue((provider, size), out var rows) ? rows.FirstOrDefault(r => r.Scenario == scenario) : null;

        foreach (var p in providers)
        {
            var health = Get(p, Main, "s1-health")?.Number("rps");
            var cached = Get(p, Main, "s2-front")?.Number("rps");
            yield return Row("Front page cached ≥ 50% of the trivial endpoint's req/s", p,
                cached is { } c && health is > 0 ? (c / health.Value, $"{c:N0} of {health:N0} req/s = {c / health.Value:P0}") : null,
                v => v >= 0.5, v => $"{0.5 - v:P0} of the ceiling");

            var front = Get(p, Main, "s3-front-nocache");
            yield return Row("Front page uncached ≥ 2,900 req/s", p, Value(front, "rps", "{0:N0} req/s"), v => v >= 2900, v => $"{2900 - v:N0} req/s ({v / 2900:P0} of it)");
            yield return Row("Front page uncached p99 ≤ 30 ms", p, Value(front, "p99_ms", "{0:N1} ms"), v => v <= 30, v => $"{v - 30:N1} ms ({v / 30:N1}×)");

            var slug = Get(p, Main, "s7-slug");
            yield return Row("Article by slug ≥ 5,500 req/s", p, Value(slug, "rps", "{0:N0} req/s"), v => v >= 5500, v => $"{5500 - v:N0} req/s ({v / 5500:P0} of it)");
            yield return Row("Article by slug p99 ≤ 20 ms", p, Value(slug, "p99_ms", "{0:N1} ms"), v => v <= 20, v => $"{v - 20:N1} ms ({v / 20:N1}×)");

            var cursor = P99(Get(p, Main, "s4-cursor"));
            var frontP99 = P99(front);
            yield return Row("Cursor page 5,000 p99 within 1.5× the uncached front page's p99", p,
                cursor is { } cu && frontP99 is > 0 ? (cu / frontP99.Value, $"{cu:N1} ms vs {frontP99:N1} ms = {cu / frontP99.Value:N2}×") : null,
                v => v <= 1.5, v => $"{v - 1.5:N2}×");

            foreach (var (id, what) in new[] { ("s6-search-word", "one word"), ("s6-search-phrase", "a phrase") })
            {
                var search = Get(p, Main, id);
                yield return Row($"Search p99 ≤ 50 ms, {what}", p, Value(search, "p99_ms", "{0:N1} ms"), v => v <= 50, v => $"{v - 50:N1} ms ({v / 50:N1}×)");
            }

            foreach (var (id, what) in new[] { ("s3-front-nocache", "front page (uncached)"), ("s2-front", "front page (cached)"), ("s4-cursor", "cursor page"), ("s5-tag", "tag filter"), ("s7-slug", "slug lookup") })
            {
                var small = P99(Get(p, 10_000, id));
                var large = P99(Get(p, 1_000_000, id));
                yield return Row($"p99 at 1,000,000 ≤ 2× p99 at 10,000: {what}", p,
                    small is > 0 && large is { } l ? (l / small.Value, $"{l:N1} ms vs {small:N1} ms = {l / small.Value:N1}×") : null,
                    v => v <= 2, v => $"{v - 2:N1}×");
            }

            var reads = runs.TryGetValue((p, Main), out var rows)
                ? rows.Where(r => r.Scenario is not "s9-mixed").Select(r => r.Number("vmhwm_mib")).Where(v => v is not null).Max() : null;
            yield return Row("Peak RSS ≤ 190 MiB under the read scenarios at 100,000", p, reads is { } rss ? (rss, $"{rss:N0} MiB") : null,
                v => v <= 190, v => $"{v - 190:N0} MiB");
            var mixed = Get(p, 1_000_000, "s9-mixed")?.Number("vmhwm_mib");
            yield return Row("Peak RSS ≤ 400 MiB under the mixed workload at 1,000,000", p, mixed is { } m ? (m, $"{m:N0} MiB") : null,
                v => v <= 400, v => $"{v - 400:N0} MiB");
        }

        foreach (var seed in seeds.Where(s => s.Provider == "Sqlite" && s.Flag("deferred")).GroupBy(s => s.Size).Select(g => g.Last()).OrderBy(s => s.Size))
        {
            var rate = seed.Number("articles_per_second") ?? 0;
            var rowsOnly = seed.Number("load_articles_per_second") ?? 0;
            yield return Row($"Generator ≥ 10,000 articles/s on SQLite ({seed.Size:N0} articles, end to end)", "Sqlite",
                (rate, $"{rate:N0} articles/s (rows alone {rowsOnly:N0}/s)"), v => v >= 10_000, v => $"{10_000 - v:N0} articles/s ({v / 10_000:P0} of it)");
        }
    }

    private static (double, string)? Value(ResultLine? line, string field, string format) =>
        line is { TimedOut: true }
            ? field == "rps" ? (0, "0 req/s (every request timed out)") : (10_000, "> 10,000 ms (every request timed out)")
            : line?.Number(field) is { } v ? (v, string.Format(CultureInfo.InvariantCulture, format, v)) : null;

    private static double? P99(ResultLine? line) => line is { TimedOut: true } ? 10_000 : line?.Number("p99_ms");

    private static string Row(string target, string provider, (double Value, string Text)? measured, Func<double, bool> met, Func<double, string> missedBy) =>
        measured is { } m
            ? $"| {target} | {Scenarios.ProviderName(provider)} | {m.Text} | {(met(m.Value) ? "yes" : "**no**")} | {(met(m.Value) ? "" : missedBy(m.Value))} |"
            : $"| {target} | {Scenarios.ProviderName(provider)} | not measured | – | |";
}
