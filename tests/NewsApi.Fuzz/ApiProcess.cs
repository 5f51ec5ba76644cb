using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace NewsApi.Fuzz;

/// <summary>
/// The built API as a real process: Production, SQLite on a temporary file, the bootstrap admin key, a free port and
/// budgets big enough for the fuzzer's traffic. <c>NEWSAPI_FUZZ_URL</c> points the fuzzer at an API started elsewhere
/// instead (it must accept <see cref="AdminKey"/> and have large rate limits).
/// </summary>
public sealed class ApiProcess : IAsyncLifetime
{
    public const string UrlVariable = "NEWSAPI_FUZZ_URL";
    public const string RequiredVariable = "NEWSAPI_FUZZ_REQUIRED";
    public const string AdminKey = "nk_FuzzBootstrapAdminKey_0123456789abcdefghij";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "newsapi-fuzz-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private readonly List<string> _log = [];

    public Uri? BaseAddress { get; private set; }

    /// <summary>Why the fuzzer cannot run here, or null when it can. When CI requires it, there is no reason.</summary>
    public string? SkipReason { get; private set; }

    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The API's entry assembly, built next to this project's (the project reference builds it first).</summary>
    public static string ApiAssembly =>
        typeof(ApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NewsApiAssembly").Value!;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            BaseAddress = new Uri(url);
            await WaitUntilReadyAsync();
            return;
        }
        if (!File.Exists(ApiAssembly))
        {
            SkipReason = $"The API is not built ({Path.GetFileName(ApiAssembly)} not found): run dotnet build first, or set {UrlVariable}.";
            return;
        }
        Directory.CreateDirectory(_directory);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__News"] = $"Data Source={Path.Combine(_directory, "fuzz.db")}";
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["Media__Path"] = Path.Combine(_directory, "media");
        start.Environment["RateLimits__ReadsPerMinute"] = "10000000";
        start.Environment["RateLimits__WritesPerMinute"] = "10000000";
        start.Environment["RateLimits__FailedAuthenticationsPerMinute"] = "10000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Error";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            if (_log.Count < 2000)
            {
                _log.Add(line);
            }
        }
    }

    /// <summary>What the API wrote to its console (errors and warnings only), for a failure message.</summary>
    public string Log()
    {
        lock (_log)
        {
            return string.Join('\n', _log.TakeLast(200));
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{Log()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The API at {BaseAddress} was not ready within 60 s:\n{Log()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
