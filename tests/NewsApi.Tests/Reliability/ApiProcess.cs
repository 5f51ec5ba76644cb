using System.Collections.Concurrent;
using System.Diagnostics;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>
/// The built API as a process of its own, on Kestrel and a free port, in the Production environment: for what only a
/// real server shows (transport limits, SIGTERM). On SQLite, in a temporary file, unless given a database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _sqlitePath;
    private Process? _process;

    private ApiProcess(string provider, string connectionString, string? sqlitePath, IDictionary<string, string> settings)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        Settings = settings;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public IDictionary<string, string> Settings { get; }

    public int Port { get; } = LocalServices.FreePort();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("not started");

    public string Output => string.Join('\n', _output);

    public static ApiProcess OnSqlite(IDictionary<string, string>? settings = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"newsapi-fault-{Guid.NewGuid():N}.db");
        return new ApiProcess("Sqlite", $"Data Source={path}", path, settings ?? new Dictionary<string, string>());
    }

    public static ApiProcess On(string provider, string connectionString, IDictionary<string, string>? settings = null) =>
        new(provider, connectionString, null, settings ?? new Dictionary<string, string>());

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsApi.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = Provider;
        environment["ConnectionStrings__News"] = ConnectionString;
        environment["Auth__BootstrapAdminKey"] = NewsApiFactory.AdminKey;
        environment["RateLimits__ReadsPerMinute"] = "1000000";
        environment["RateLimits__WritesPerMinute"] = "1000000";
        environment["RateLimits__FailedAuthenticationsPerMinute"] = "1000000";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("the API did not start");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = CreateClient();
        await LocalServices.WaitUntilAsync(async () =>
        {
            Assert.False(_process.HasExited, $"The API exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                return (await client.GetAsync("/health/live")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"the API answers /health/live on {BaseAddress}\n{Output}");
    }

    public HttpClient CreateClient(string? key = null) => new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.WithKey(key);

    /// <summary>Waits for the process to end; returns how long that took, or null when it did not within the limit.</summary>
    public async Task<(TimeSpan Elapsed, int ExitCode)?> WaitForExitAsync(TimeSpan limit)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return (clock.Elapsed, process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_sqlitePath is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
    }
}
