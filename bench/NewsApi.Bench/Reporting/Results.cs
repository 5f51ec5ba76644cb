using System.Text.Json;

namespace NewsApi.Bench.Reporting;

/// <summary>One line of a results file: a scenario measured by wrk, a seeding run, or a statement's plan.</summary>
internal sealed record ResultLine(JsonElement Json, string File)
{
    public string Kind => Text("kind") ?? "scenario";
    public string Provider => Text("provider") ?? "";
    public long Size => Json.TryGetProperty("size", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
    public string Scenario => Text("scenario") ?? "";

    public string? Text(string name) =>
        Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public double? Number(string name) =>
        Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>No request finished inside wrk's timeout (older lines: a latency distribution of zeros).</summary>
    public bool TimedOut => Kind == "scenario" && (Flag("timed_out") || (Number("p99_ms") is null or 0 && !Flag("single_request")));

    public bool Flag(string name) => Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static List<ResultLine> ReadAll(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(file => System.IO.File.ReadLines(file).Where(l => l.Trim().Length > 0)
                    .Select(l => new ResultLine(JsonDocument.Parse(l).RootElement.Clone(), Path.GetFileName(file))))
                .ToList()
            : [];
}

/// <summary>The scenarios in the order of the issue, with the short names the tables and the chart use.</summary>
internal static class Scenarios
{
    public static readonly (string Id, string Label)[] All =
    [
        ("s1-health", "1 trivial endpoint"),
        ("s2-front", "2 front page, cached"),
        ("s3-front-nocache", "3 front page, uncached"),
        ("s4-cursor", "4 deep page, cursor"),
        ("s4-offset", "4 deep page, offset"),
        ("s5-tag", "5 common tag"),
        ("s5-author", "5 author"),
        ("s5-tag-rare", "5 rare tag"),
        ("s5-author-rare", "5 rare author"),
        ("s5-source", "5 source"),
        ("s6-search-word", "6 search, one word"),
        ("s6-search-phrase", "6 search, phrase"),
        ("s6-search-newest", "6 search, newest first"),
        ("s7-slug", "7 article by slug"),
        ("s8-revalidate", "8 304 revalidation"),
        ("s9-mixed", "9 mixed, 5% writes"),
    ];

    public static string Label(string id) => All.FirstOrDefault(s => s.Id == id).Label ?? id;

    public static int Order(string id) => Array.FindIndex(All, s => s.Id == id) is var i and >= 0 ? i : 99;

    public static string ProviderName(string provider) => provider switch { "Postgres" => "PostgreSQL", "Sqlite" => "SQLite", _ => provider };

    public static string SizeName(long size) => size switch
    {
        >= 1_000_000 when size % 1_000_000 == 0 => $"{size / 1_000_000}M",
        >= 1_000 when size % 1_000 == 0 => $"{size / 1_000}k",
        _ => size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
    };
}
