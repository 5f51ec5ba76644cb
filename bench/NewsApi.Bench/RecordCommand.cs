using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsApi.Bench;

/// <summary>
/// <c>record</c>: reads one wrk run's output (with --latency) and the server's memory from /proc, and appends
/// a JSON line to the results file.
/// </summary>
internal static partial class RecordCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        // --single <seconds>: one request took so long that loading the server was pointless; its time is the figure.
        var single = args.Optional("single") is { } one ? double.Parse(one, CultureInfo.InvariantCulture) : (double?)null;
        var wrk = single is null ? await File.ReadAllTextAsync(args.Required("wrk")) : "";
        var results = args.Required("results");
        var record = new Dictionary<string, object?>
        {
            ["kind"] = "scenario",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["commit"] = Environment.GetEnvironmentVariable("BENCH_COMMIT"),
            ["cores"] = Environment.ProcessorCount,
            ["memory_mib"] = MemInfoMiB("MemTotal"),
            ["provider"] = args.Required("provider"),
            ["size"] = args.Int("size", 0),
            ["scenario"] = args.Required("scenario"),
            ["name"] = args.Required("name"),
            ["cached"] = args.Optional("cached") is "true",
            ["threads"] = Int(ThreadsAndConnections(), wrk, 1),
            ["connections"] = Int(ThreadsAndConnections(), wrk, 2),
            ["seconds"] = Seconds(wrk),
            ["requests"] = Int(RequestsLine(), wrk, 1),
            ["rps"] = Double(RequestsPerSecond(), wrk),
            ["p50_ms"] = Percentile(wrk, "50"),
            ["p75_ms"] = Percentile(wrk, "75"),
            ["p90_ms"] = Percentile(wrk, "90"),
            ["p99_ms"] = Percentile(wrk, "99"),
            ["non_2xx_3xx"] = Int(Non2xx(), wrk, 1) ?? 0,
            ["socket_errors"] = SocketErrors().Match(wrk) is { Success: true } m
                ? m.Groups.Values.Skip(1).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture)) : 0,
            ["note"] = args.Optional("note") is { Length: > 0 } note ? note : null,
            ["load_before"] = args.Optional("load-before") is { } load ? double.Parse(load, CultureInfo.InvariantCulture) : null,
        };
        // wrk counts a request that outlived its timeout as a request, but keeps no latency for it: when every
        // request timed out, the distribution it prints is all zeros.
        var timedOut = single is null && (record["requests"] is 0 || (record["p50_ms"] is 0.0 && record["p99_ms"] is 0.0));
        record["timed_out"] = timedOut;
        if (single is { } took || timedOut)
        {
            // No request finished inside wrk's timeout: there is no distribution, only the time one request takes.
            foreach (var key in new[] { "p50_ms", "p75_ms", "p90_ms", "p99_ms" })
            {
                record[key] = single is { } t ? Math.Round(t * 1000, 1) : null;
            }
            record["rps"] = single is null ? 0.0 : null;
            record["single_request"] = single is not null;
        }
        if (args.Optional("pid") is { } pid)
        {
            var status = $"/proc/{pid}/status";
            if (File.Exists(status))
            {
                var text = await File.ReadAllTextAsync(status);
                record["vmhwm_mib"] = Kib(text, "VmHWM") / 1024.0 is var hwm ? Math.Round(hwm, 1) : null;
                record["vmrss_mib"] = Math.Round(Kib(text, "VmRSS") / 1024.0, 1);
            }
        }
        args.EnsureAllRead();
        await File.AppendAllTextAsync(results, JsonSerializer.Serialize(record) + "\n");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {record["scenario"],-14} {record["rps"],10:N0} req/s  p50 {record["p50_ms"],8:N2} ms  p99 {record["p99_ms"],8:N2} ms  errors {record["non_2xx_3xx"]}/{record["socket_errors"]}  peak RSS {record.GetValueOrDefault("vmhwm_mib")} MiB"));
        return 0;
    }

    private static double? Percentile(string wrk, string percent) =>
        Regex.Match(wrk, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline) is { Success: true } m
            ? Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch { "us" => 0.001, "ms" => 1, _ => 1000 }, 3)
            : null;

    private static double? Seconds(string wrk) =>
        RequestsLine().Match(wrk) is { Success: true } m
            ? double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * (m.Groups[3].Value switch { "ms" => 0.001, "m" => 60, _ => 1 })
            : null;

    private static int? Int(Regex regex, string text, int group) =>
        regex.Match(text) is { Success: true } m ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : null;

    private static double? Double(Regex regex, string text) =>
        regex.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static long Kib(string status, string field) =>
        Regex.Match(status, $@"^{field}:\s+(\d+) kB", RegexOptions.Multiline) is { Success: true } m
            ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static long? MemInfoMiB(string field) =>
        File.Exists("/proc/meminfo") ? Kib(File.ReadAllText("/proc/meminfo"), field) / 1024 : null;

    [GeneratedRegex(@"(\d+) threads and (\d+) connections")]
    private static partial Regex ThreadsAndConnections();

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(ms|s|m)")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
