using System.Diagnostics;
using System.Net.Sockets;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>A redis-server of the test's own on a free port, which the test may stop and start again on that port.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string? Program = LocalServices.Find("redis-server");

    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(PublicRedisApi.RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    private Process? _process;

    public int Port { get; } = LocalServices.FreePort();

    public static string? SkipReason => Program is null && !Required ? "Redis outage leg not enabled: redis-server is not installed." : null;

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Program ?? throw new InvalidOperationException(
            $"{PublicRedisApi.RequiredVariable} is set but redis-server is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--save", "", "--appendonly", "no"])
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await LocalServices.WaitUntilAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), $"redis-server listens on {Port}");
    }

    /// <summary>Kills the server outright: connections are cut, nothing is saved.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
