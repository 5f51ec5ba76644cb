using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NetVips;

namespace NewsApi.Bench;

/// <summary>
/// The media benchmark against the published API on a fresh SQLite file and media directory: uploads of a
/// 5-megapixel JPEG, first-request generation of a card rendition from 20-megapixel originals, a stored rendition
/// under wrk, and the peak RSS (VmHWM) while 8 clients upload 20-megapixel images at once. Every upload is a distinct
/// file (random bytes after the JPEG's end), so none is answered by the duplicate check.
/// </summary>
internal static class MediaBenchCommand
{
    private const string AdminKey = "nk_BenchMediaAdminKey_0123456789abcdefghijklmn";

    public static async Task<int> RunAsync(Arguments options)
    {
        var apiDll = Path.GetFullPath(options.Required("api-dll"));
        var outDir = Path.GetFullPath(options.Required("out"));
        var uploads = options.Int("uploads", 100);
        var renditions = options.Int("renditions", 30);
        var wrkSeconds = options.Int("wrk-seconds", 10);
        options.EnsureAllRead();
        Directory.CreateDirectory(outDir);
        var work = Path.Combine(outDir, "run");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        Directory.CreateDirectory(work);

        Console.WriteLine("media: making a 5-megapixel and a 20-megapixel JPEG");
        var five = Photo(2736, 1824);
        var twenty = Photo(5472, 3648);
        Console.WriteLine($"media: 5 MP JPEG {five.Length / 1024} KiB, 20 MP JPEG {twenty.Length / 1024} KiB");

        var port = FreePort();
        var api = await StartApiAsync(apiDll, work, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await UploadAsync(http, Distinct(five)); // warm-up: JIT, libvips, the database
            }
            var uploadTimes = new List<double>();
            for (var i = 0; i < uploads; i++)
            {
                var file = Distinct(five);
                var watch = Stopwatch.StartNew();
                await UploadAsync(http, file);
                uploadTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            var ids = new List<string>();
            for (var i = 0; i < renditions; i++)
            {
                ids.Add(await UploadAsync(http, Distinct(twenty)));
            }
            var generationTimes = new List<double>();
            foreach (var id in ids)
            {
                var watch = Stopwatch.StartNew();
                var response = await http.GetAsync($"/media/{id}/card.jpg");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                generationTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            var wrk = await RunWrkAsync($"http://127.0.0.1:{port}/media/{ids[0]}/card.jpg", wrkSeconds);

            api.Refresh();
            var peakBefore = PeakRssMiB(api);
            // Peak RSS is the process's high-water mark; restart so that it measures the concurrent uploads alone.
            await StopAsync(api);
            api = await StartApiAsync(apiDll, work, port);
            for (var round = 0; round < 3; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => UploadAsync(http, Distinct(twenty))));
            }
            var peak = PeakRssMiB(api);

            var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
            var table = new StringBuilder()
                .AppendLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", load)} on {Environment.ProcessorCount} cores.")
                .AppendLine()
                .AppendLine("| measure | samples | p50 | p99 | target |")
                .AppendLine("| --- | ---: | ---: | ---: | --- |")
                .AppendLine($"| upload of a 5 MP JPEG ({five.Length / 1024} KiB), ms | {uploads} | {P(uploadTimes, 50):F0} | {P(uploadTimes, 99):F0} | p99 ≤ 150 |")
                .AppendLine($"| card rendition (jpg) generated from a 20 MP original ({twenty.Length / 1024} KiB), ms | {renditions} | {P(generationTimes, 50):F0} | {P(generationTimes, 99):F0} | p99 ≤ 300 |")
                .AppendLine()
                .AppendLine("| measure | value | target |")
                .AppendLine("| --- | ---: | --- |")
                .AppendLine($"| stored card rendition, wrk -t2 -c32 {wrkSeconds} s, req/s | {wrk.RequestsPerSecond:F0} (p99 {wrk.P99}) | ≥ 10,000 |")
                .AppendLine($"| peak RSS, 8 clients uploading 20 MP JPEGs at once (3 rounds), MiB | {peak:F1} | ≤ 400 |")
                .AppendLine($"| peak RSS of the sequential runs above, for comparison, MiB | {peakBefore:F1} | |")
                .ToString();
            File.WriteAllText(Path.Combine(outDir, "media.md"), table);
            Console.WriteLine(table);
            return 0;
        }
        finally
        {
            await StopAsync(api);
        }
    }

    /// <summary>A photo-like JPEG: gradients with noise, so it compresses like a photograph, not like a flat colour.</summary>
    private static byte[] Photo(int width, int height)
    {
        using var xy = Image.Xyz(width, height);
        using var noise = Image.Gaussnoise(width, height, sigma: 30, mean: 0);
        using var red = (xy[0] * (200.0 / width) + noise + 30).Cast(Enums.BandFormat.Uchar);
        using var green = (xy[1] * (200.0 / height) + noise * 0.5 + 30).Cast(Enums.BandFormat.Uchar);
        using var blue = ((xy[0] + xy[1]) * (200.0 / (width + height)) - noise * 0.5 + 40).Cast(Enums.BandFormat.Uchar);
        using var rgb = red.Bandjoin(green, blue).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: 85);
    }

    /// <summary>The same image as another file: random bytes after the end-of-image marker, which decoders ignore.</summary>
    private static byte[] Distinct(byte[] jpeg) => [.. jpeg, .. Guid.NewGuid().ToByteArray()];

    private static async Task<string> UploadAsync(HttpClient http, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "photo.jpg");
        form.Add(new StringContent("A benchmark photograph"), "alt");
        form.Add(new StringContent("Image via the benchmark"), "credit");
        var response = await http.PostAsync("/api/v1/media", form);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {body}");
        }
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double PeakRssMiB(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static async Task<(double RequestsPerSecond, string P99)> RunWrkAsync(string url, int seconds)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", url]) { RedirectStandardOutput = true };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rps = output.Split('\n').First(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal)).Split(':')[1].Trim();
        var p99 = output.Split('\n').FirstOrDefault(l => l.Trim().StartsWith("99%", StringComparison.Ordinal))?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "?";
        if (output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw errors:\n{output}");
        }
        return (double.Parse(rps, CultureInfo.InvariantCulture), p99);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<Process> StartApiAsync(string apiDll, string work, int port)
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
        env["ConnectionStrings__News"] = $"Data Source={Path.Combine(work, "news.db")}";
        env["Auth__BootstrapAdminKey"] = AdminKey;
        env["RateLimits__ReadsPerMinute"] = "100000000";
        env["RateLimits__WritesPerMinute"] = "100000000";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Webhooks__DispatcherEnabled"] = "false";
        env["Media__Path"] = Path.Combine(work, "media");
        var process = Process.Start(start)!;
        var log = File.AppendText(Path.Combine(work, "api.log"));
        process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); log.Flush(); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); log.Flush(); } };
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
        throw new InvalidOperationException($"The API did not start; see {Path.Combine(work, "api.log")}.");
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
