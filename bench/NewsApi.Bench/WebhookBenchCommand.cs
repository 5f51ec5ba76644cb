using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsApi.Bench;

/// <summary>
/// The webhook benchmark: the published API as a child process on a fresh SQLite file, and a local receiver
/// (Kestrel, in this process) answering 204. Four measurements:
/// 1. throughput: a backlog of deliveries written while the dispatcher is off, then drained by one restarted instance;
/// 2. publish-to-delivery latency, one publish at a time, with an idle dispatcher;
/// 3. a receiver down for 10 minutes, compressed 60 times (10 s down, the retry schedule divided by 60 through
///    Webhooks:RetrySchedule), while events keep coming: every one must arrive;
/// 4. duplicates: a receiver always answering 2xx must never get the same event twice (counted in 1 to 3).
/// </summary>
internal static class WebhookBenchCommand
{
    private const string AdminKey = "nk_WebhookBenchAdminKey_0123456789abcdefghijkl";

    public static async Task<int> RunAsync(Arguments options)
    {
        var apiDll = Path.GetFullPath(options.Required("api-dll"));
        var outDir = Path.GetFullPath(options.Required("out"));
        var subscriptions = options.Int("subscriptions", 20);
        var events = options.Int("events", 1000);
        var publishes = options.Int("publishes", 200);
        var outageSeconds = options.Int("outage-seconds", 10);
        options.EnsureAllRead();
        Directory.CreateDirectory(outDir);
        var database = Path.Combine(outDir, "webhooks.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
        var apiPort = FreePort();
        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        api.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        await using var receiver = await Receiver.StartAsync(FreePort());
        var report = new List<string>();

        // 1. Throughput: the backlog is written with the dispatcher off, then one instance drains it.
        var apiProcess = await StartApiAsync(apiDll, outDir, apiPort, database, dispatcher: false, schedule: null);
        for (var i = 0; i < subscriptions; i++)
        {
            await SubscribeAsync(api, $"{receiver.Url}/s{i}", ["tag.created"]);
        }
        var written = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            (await api.PostAsJsonAsync("/api/v1/tags", new { name = $"Bench tag {i} {Guid.NewGuid():N}" }, ct)).EnsureSuccessStatusCode());
        Console.WriteLine($"webhooks: {events} tags written in {written.Elapsed.TotalSeconds:0.0} s ({events * subscriptions} deliveries pending)");
        await StopAsync(apiProcess);

        receiver.Reset();
        apiProcess = await StartApiAsync(apiDll, outDir, apiPort, database, dispatcher: true, schedule: null);
        var cpuBefore = apiProcess.TotalProcessorTime;
        var expected = events * subscriptions;
        await receiver.WaitForAsync(expected, TimeSpan.FromMinutes(5));
        // On a shared machine the wall-clock rate says as much about the neighbours as about the API: the API's own
        // CPU time per delivery says what one core of it can do.
        apiProcess.Refresh();
        var cpuPerDelivery = (apiProcess.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / expected;
        var (first, last) = receiver.Window();
        var rate = (expected - 1) / (last - first).TotalSeconds;
        var duplicates1 = receiver.Duplicates;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "?";
        Console.WriteLine($"webhooks: throughput {rate:0} deliveries/s ({expected} in {(last - first).TotalSeconds:0.00} s), API CPU {cpuPerDelivery:0} µs a delivery, load average {load}, duplicates {duplicates1}");
        report.Add($"| Throughput: a backlog of {expected:N0} deliveries ({events:N0} events × {subscriptions} subscriptions) drained by one restarted instance | **{rate:N0} deliveries/s** ({(last - first).TotalSeconds:0.0} s from first to last, load average {load}); the API spent {cpuPerDelivery:0} µs of CPU a delivery, {1_000_000 / cpuPerDelivery:N0}/s per core | ≥ 1,000/s | {(rate >= 1000 ? "met" : "missed")} |");

        // 2. Latency: one publish at a time; the clock runs from sending the request to the receiver getting the event.
        foreach (var id in await ListWebhookIdsAsync(api))
        {
            (await api.DeleteAsync($"/api/v1/webhooks/{id}")).EnsureSuccessStatusCode();
        }
        await SubscribeAsync(api, $"{receiver.Url}/latency", ["article.published"]);
        var author = await PostAsync(api, "/api/v1/authors", new { name = "Bench Author" });
        var drafts = new List<string>();
        for (var i = 0; i < publishes; i++)
        {
            drafts.Add((string)(await PostAsync(api, "/api/v1/articles", new
            {
                title = $"Bench article {i} {Guid.NewGuid():N}",
                excerpt = "An excerpt.",
                body = "A body.",
                authorIds = new[] { (string)author["id"]! },
            }))["id"]!);
        }
        receiver.Reset();
        var latencies = new List<double>();
        foreach (var id in drafts)
        {
            var sent = receiver.Now;
            (await api.PostAsync($"/api/v1/articles/{id}/publish", null)).EnsureSuccessStatusCode();
            var arrived = await receiver.ArrivalOfAsync(id, TimeSpan.FromSeconds(10));
            latencies.Add((arrived - sent).TotalMilliseconds);
            await Task.Delay(20);
        }
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
        Console.WriteLine($"webhooks: publish-to-delivery p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
        report.Add($"| Publish-to-delivery, {publishes} publishes one at a time, idle dispatcher | p50 {Percentile(0.5):0.0} ms, **p99 {Percentile(0.99):0.0} ms**, max {latencies[^1]:0.0} ms | p99 ≤ 500 ms | {(Percentile(0.99) <= 500 ? "met" : "missed")} |");
        var duplicates2 = receiver.Duplicates;
        await StopAsync(apiProcess);

        // 3. A receiver down: 10 minutes compressed 60 times, the default schedule divided by 60 (5 s -> 83 ms, 5 min -> 5 s, ...).
        string[] compressed = ["00:00:00.083", "00:00:05", "00:00:30", "00:02:00", "00:05:00", "00:10:00", "00:24:00"];
        apiProcess = await StartApiAsync(apiDll, outDir, apiPort, database, dispatcher: true, schedule: compressed);
        foreach (var id in await ListWebhookIdsAsync(api))
        {
            (await api.DeleteAsync($"/api/v1/webhooks/{id}")).EnsureSuccessStatusCode();
        }
        await SubscribeAsync(api, $"{receiver.Url}/outage", ["tag.created"]);
        receiver.Reset();
        var createdIds = new ConcurrentBag<string>();
        async Task WriteForAsync(TimeSpan span)
        {
            var until = Stopwatch.StartNew();
            while (until.Elapsed < span)
            {
                createdIds.Add((string)(await PostAsync(api, "/api/v1/tags", new { name = $"Outage tag {Guid.NewGuid():N}" }))["id"]!);
                await Task.Delay(50);
            }
        }
        await WriteForAsync(TimeSpan.FromSeconds(2));
        await receiver.StopAsync();
        var down = Stopwatch.StartNew();
        await WriteForAsync(TimeSpan.FromSeconds(outageSeconds));
        await receiver.RestartAsync();
        var downFor = down.Elapsed;
        await WriteForAsync(TimeSpan.FromSeconds(2));
        var back = Stopwatch.StartNew();
        await receiver.WaitForAsync(createdIds.Count, TimeSpan.FromMinutes(3));
        var missing = createdIds.Except(receiver.ResourceIds).Count();
        Console.WriteLine($"webhooks: outage of {downFor.TotalSeconds:0.0} s: {createdIds.Count} events, {missing} missing, all in {back.Elapsed.TotalSeconds:0.0} s after the receiver came back, duplicates {receiver.Duplicates}");
        report.Add($"| Receiver down {downFor.TotalSeconds:0} s (10 min ÷ 60) with `Webhooks:RetrySchedule` ÷ 60, {createdIds.Count} events before, during and after | **{createdIds.Count - missing} of {createdIds.Count} delivered**, the last {back.Elapsed.TotalSeconds:0.0} s after it came back | every event | {(missing == 0 ? "met" : "missed")} |");
        report.Add($"| Same event twice to a receiver always answering 2xx (all three runs) | **{duplicates1 + duplicates2 + receiver.Duplicates}** | 0 | {(duplicates1 + duplicates2 + receiver.Duplicates == 0 ? "met" : "missed")} |");
        await StopAsync(apiProcess);

        var table = string.Join('\n', report);
        await File.WriteAllTextAsync(Path.Combine(outDir, "webhooks.md"), table + "\n");
        Console.WriteLine(table);
        return missing == 0 && duplicates1 + duplicates2 + receiver.Duplicates == 0 ? 0 : 1;
    }

    private static async Task<Process> StartApiAsync(string apiDll, string outDir, int port, string database, bool dispatcher, string[]? schedule)
    {
        var start = new ProcessStartInfo("dotnet", [apiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__News"] = $"Data Source={database}";
        env["Auth__BootstrapAdminKey"] = AdminKey;
        env["RateLimits__ReadsPerMinute"] = "100000000";
        env["RateLimits__WritesPerMinute"] = "100000000";
        env["Editing__RequireIfMatch"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Webhooks__AllowInsecureUrls"] = "true";
        env["Webhooks__AllowPrivateNetworks"] = "true"; // the receiver is on loopback
        env["Webhooks__DispatcherEnabled"] = dispatcher ? "true" : "false";
        for (var i = 0; schedule is not null && i < schedule.Length; i++)
        {
            env[$"Webhooks__RetrySchedule__{i}"] = schedule[i];
        }
        var process = Process.Start(start)!;
        var log = File.AppendText(Path.Combine(outDir, "api.log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(180); await Task.Delay(200))
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        process.Kill();
        throw new InvalidOperationException($"The API did not start; see {Path.Combine(outDir, "api.log")}.");
    }

    private static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task SubscribeAsync(HttpClient api, string url, string[] events) =>
        await PostAsync(api, "/api/v1/webhooks", new { url, events });

    private static async Task<List<string>> ListWebhookIdsAsync(HttpClient api)
    {
        var page = JsonNode.Parse(await api.GetStringAsync("/api/v1/webhooks?pageSize=100"))!;
        return page["items"]!.AsArray().Select(w => (string)w!["id"]!).ToList();
    }

    private static async Task<JsonNode> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text)!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The local receiver: answers 204 to everything and notes what came when.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly int _port;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentDictionary<(string Path, string Id), int> _seen = new();
        private readonly ConcurrentDictionary<string, TimeSpan> _arrivals = new();
        private readonly ConcurrentQueue<TimeSpan> _times = new();
        private WebApplication? _app;
        private int _duplicates;

        private Receiver(int port) => _port = port;

        public string Url => $"http://127.0.0.1:{_port}";
        public TimeSpan Now => _clock.Elapsed;
        public int Duplicates => _duplicates;
        public IEnumerable<string> ResourceIds => _arrivals.Keys;

        public static async Task<Receiver> StartAsync(int port)
        {
            var receiver = new Receiver(port);
            await receiver.RestartAsync();
            return receiver;
        }

        public async Task RestartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(Url);
            _app = builder.Build();
            _app.MapPost("/{**path}", async (HttpContext context) =>
            {
                var at = _clock.Elapsed;
                var body = await JsonNode.ParseAsync(context.Request.Body);
                var id = context.Request.Headers["webhook-id"].ToString();
                if (_seen.AddOrUpdate((context.Request.Path.Value!, id), 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref _duplicates);
                }
                _arrivals.TryAdd((string)body!["data"]!["id"]!, at);
                _times.Enqueue(at);
                return Results.NoContent();
            });
            await _app.StartAsync();
        }

        public async Task StopAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
                _app = null;
            }
        }

        public void Reset()
        {
            _seen.Clear();
            _arrivals.Clear();
            _times.Clear();
            _duplicates = 0;
        }

        public (TimeSpan First, TimeSpan Last) Window() => (_times.Min(), _times.Max());

        public async Task WaitForAsync(int count, TimeSpan deadline)
        {
            for (var waited = Stopwatch.StartNew(); _seen.Count < count; await Task.Delay(20))
            {
                if (waited.Elapsed > deadline)
                {
                    throw new TimeoutException($"The receiver got {_seen.Count} of {count} deliveries.");
                }
            }
        }

        public async Task<TimeSpan> ArrivalOfAsync(string resourceId, TimeSpan deadline)
        {
            for (var waited = Stopwatch.StartNew(); ; await Task.Delay(1))
            {
                if (_arrivals.TryGetValue(resourceId, out var at))
                {
                    return at;
                }
                if (waited.Elapsed > deadline)
                {
                    throw new TimeoutException($"No delivery for {resourceId}.");
                }
            }
        }

        public ValueTask DisposeAsync() => new(StopAsync());
    }
}
