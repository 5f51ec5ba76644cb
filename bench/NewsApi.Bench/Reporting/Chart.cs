using System.Globalization;
using System.Text;

namespace NewsApi.Bench.Reporting;

/// <summary>
/// p99 latency against database size as a hand-written SVG: one panel per provider, a line per scenario, both
/// axes logarithmic (sizes span two decades, latencies several).
/// </summary>
internal static class Chart
{
    private static readonly (string Id, string Color)[] Series =
    [
        ("s2-front", "#1b9e77"), ("s3-front-nocache", "#d95f02"), ("s4-cursor", "#7570b3"), ("s5-tag", "#e7298a"),
        ("s7-slug", "#66a61e"), ("s6-search-word", "#a6761d"),
    ];

    private const int PanelWidth = 420;
    private const int PanelHeight = 300;
    private const int Left = 64;
    private const int Top = 48;

    public static string Render(IReadOnlyList<ResultLine> scenarios)
    {
        var providers = scenarios.Select(s => s.Provider).Distinct().OrderBy(p => p == "Sqlite" ? 0 : 1).ToList();
        var values = scenarios.Where(s => Series.Any(x => x.Id == s.Scenario) && s.Number("p99_ms") > 0 && !s.TimedOut).ToList();
        var minMs = values.Count == 0 ? 0.1 : values.Min(v => v.Number("p99_ms")!.Value);
        var maxMs = values.Count == 0 ? 100 : values.Max(v => v.Number("p99_ms")!.Value);
        var low = Math.Floor(Math.Log10(minMs));
        var high = Math.Max(low + 1, Math.Ceiling(Math.Log10(maxMs)));
        var width = Left + providers.Count * (PanelWidth + 80) + 220;
        var height = Top + PanelHeight + 70;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append("""<rect width="100%" height="100%" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="22" font-size="15" font-weight="bold">p99 latency against database size (wrk, 2 threads, 32 connections)</text>""").Append('\n');
        for (var p = 0; p < providers.Count; p++)
        {
            var x0 = Left + p * (PanelWidth + 80);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + PanelWidth / 2}" y="{Top - 8}" text-anchor="middle" font-weight="bold">{Scenarios.ProviderName(providers[p])}</text>""").Append('\n');
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x0}" y="{Top}" width="{PanelWidth}" height="{PanelHeight}" fill="none" stroke="#444"/>""").Append('\n');
            foreach (var (size, label) in new[] { (10_000L, "10k"), (100_000L, "100k"), (1_000_000L, "1M") })
            {
                var x = X(x0, size);
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:F1}" y1="{Top}" x2="{x:F1}" y2="{Top + PanelHeight}" stroke="#ddd"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:F1}" y="{Top + PanelHeight + 16}" text-anchor="middle">{label}</text>""").Append('\n');
            }
            for (var d = low; d <= high; d++)
            {
                var y = Y(Math.Pow(10, d), low, high);
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{y:F1}" x2="{x0 + PanelWidth}" y2="{y:F1}" stroke="#ddd"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 - 6}" y="{y + 4:F1}" text-anchor="end">{Milliseconds(Math.Pow(10, d))}</text>""").Append('\n');
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + PanelWidth / 2}" y="{Top + PanelHeight + 34}" text-anchor="middle">articles in the database (log scale)</text>""").Append('\n');
            if (p == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text transform="translate(16 {Top + PanelHeight / 2}) rotate(-90)" text-anchor="middle">p99 latency (log scale)</text>""").Append('\n');
            }
            foreach (var (id, color) in Series)
            {
                var points = values.Where(v => v.Provider == providers[p] && v.Scenario == id)
                    .OrderBy(v => v.Size).Select(v => (X: X(x0, v.Size), Y: Y(v.Number("p99_ms")!.Value, low, high))).ToList();
                if (points.Count > 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{string.Join(' ', points.Select(pt => $"{pt.X:F1},{pt.Y:F1}"))}"/>""").Append('\n');
                }
                foreach (var (x, y) in points)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{x:F1}" cy="{y:F1}" r="3.5" fill="{color}"/>""").Append('\n');
                }
            }
        }
        var legendX = Left + providers.Count * (PanelWidth + 80);
        for (var i = 0; i < Series.Length; i++)
        {
            var y = Top + 10 + i * 20;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{legendX}" y1="{y}" x2="{legendX + 22}" y2="{y}" stroke="{Series[i].Color}" stroke-width="3"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{legendX + 28}" y="{y + 4}">{Scenarios.Label(Series[i].Id)}</text>""").Append('\n');
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double X(int x0, long size) => x0 + 30 + (Math.Log10(size) - 4) / 2 * (PanelWidth - 60);

    private static double Y(double ms, double low, double high) =>
        Top + PanelHeight - 10 - (Math.Log10(Math.Max(ms, Math.Pow(10, low))) - low) / (high - low) * (PanelHeight - 20);

    private static string Milliseconds(double ms) => ms >= 1000 ? $"{ms / 1000:0.#} s" : ms >= 1 ? $"{ms:0} ms" : $"{ms:0.###} ms";
}
