using System.Net;
using System.Net.Sockets;
using System.Text;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>The API as a real server on Kestrel, started once for the class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ApiProcess Server { get; } = ApiProcess.OnSqlite();

    public ValueTask InitializeAsync() => new(Server.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Abuse of HTTP itself, which Kestrel meets before the app: each is refused with a 4xx and a closed connection (a
/// problem where the app gets to answer), never a 5xx, and the server keeps serving the other callers meanwhile.
/// </summary>
public sealed class TransportAbuseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ApiProcess Server => fixture.Server;

    private Task<RawResponse> SendAsync(byte[] request) => RawHttp.SendAsync(Server.BaseAddress, request, cancellationToken: Cancel);

    private async Task<RawResponse> WhileOthersReadAsync(Func<Task<RawResponse>> abuse)
    {
        using var done = new CancellationTokenSource();
        using var client = Server.CreateClient();
        var reader = Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            do
            {
                statuses.Add((await client.GetAsync("/api/v1/tags?pageSize=5", Cancel)).StatusCode);
                await Task.Delay(20, Cancel);
            }
            while (!done.IsCancellationRequested);
            return statuses;
        });
        var response = await abuse();
        await done.CancelAsync();
        Assert.All(await reader, s => Assert.Equal(HttpStatusCode.OK, s));
        return response;
    }

    [Fact]
    public async Task AThousandHeadersAreRefused431AndTheConnectionClosed()
    {
        var headers = string.Concat(Enumerable.Range(0, 1000).Select(i => $"X-Header-{i}: value\r\n"));

        var response = await WhileOthersReadAsync(() => SendAsync(RawHttp.Request("GET", "/api/v1/tags", headers)));

        Assert.Equal(431, response.Status);
        Assert.True(response.Closed);
    }

    [Fact]
    public async Task A64KiBQueryStringIsRefused414AndTheConnectionClosed()
    {
        var response = await WhileOthersReadAsync(() => SendAsync(RawHttp.Request("GET", "/api/v1/articles?q=" + new string('a', 64 * 1024))));

        Assert.Equal(414, response.Status);
        Assert.True(response.Closed);
    }

    [Fact]
    public async Task TenThousandQueryParametersAreRefused414AndAFewThousandA400Problem()
    {
        var tenThousand = await WhileOthersReadAsync(() =>
            SendAsync(RawHttp.Request("GET", "/api/v1/tags?" + string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"p{i}=1")))));
        var twoThousand = await WhileOthersReadAsync(() =>
            SendAsync(RawHttp.Request("GET", "/api/v1/tags?" + string.Join('&', Enumerable.Repeat("p=1", 2_000)), "Connection: close\r\n")));

        Assert.Equal(414, tenThousand.Status);
        Assert.True(tenThousand.Closed);
        var problem = twoThousand.Problem(400);
        Assert.NotNull(problem["errors"]?["p"]);
    }

    [Fact]
    public async Task ABodySentAByteASecondIsCutOffWithA408Problem()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"A tag typed very slowly indeed"}""");
        var response = await WhileOthersReadAsync(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, Cancel);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/v1/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {NewsApiFactory.AdminKey}\r\n"
                + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), Cancel);
            var answer = Task.Run(() => RawHttp.ReadAsync(stream, TimeSpan.FromSeconds(60), Cancel), Cancel);
            foreach (var b in body)
            {
                if (answer.IsCompleted)
                {
                    break;
                }
                try
                {
                    await stream.WriteAsync(new[] { b }, Cancel);
                }
                catch (IOException)
                {
                    break; // cut off
                }
                await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(1), Cancel)); // the abuse is the pace itself
            }
            var answered = await answer;
            return answered.Closed ? answered : answered with { Closed = await ClosedAsync(stream) };
        });

        response.Problem(408);
        Assert.True(response.Closed);
    }

    private static async Task<bool> ClosedAsync(NetworkStream stream)
    {
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await stream.ReadAsync(new byte[1], quiet.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    [Fact]
    public async Task AHeaderTheApiReadsWithBytesThatAreNotUtf8IsA400ProblemNamingIt()
    {
        byte[] Request(string header) => RawHttp.Request("GET", "/api/v1/tags"u8.ToArray(),
            [.. Encoding.ASCII.GetBytes(header + ": nk_"), 0xff, 0xfe, (byte)'\r', (byte)'\n', .. "Connection: close\r\n"u8.ToArray()], []);

        var read = await WhileOthersReadAsync(() => SendAsync(Request("X-Api-Key")));
        var ignored = await WhileOthersReadAsync(() => SendAsync(Request("User-Agent")));

        Assert.NotNull(read.Problem(400)["errors"]?["X-Api-Key"]);
        Assert.Equal(200, ignored.Status);
    }

    [Theory]
    [InlineData("/api/v1/tags/slug/a%00b")]
    [InlineData("/api/v1/tags/slug/a\0b")]
    public async Task NulInThePathIsRefusedByKestrel400AndTheConnectionClosed(string target)
    {
        var response = await WhileOthersReadAsync(() => SendAsync(RawHttp.Request("GET", Encoding.Latin1.GetBytes(target), [], [])));

        Assert.Equal(400, response.Status);
        Assert.True(response.Closed);
    }

    [Fact]
    public async Task NulInAHeaderValueIsRefusedByKestrel400AndTheConnectionClosed()
    {
        var response = await WhileOthersReadAsync(() => SendAsync(RawHttp.Request("GET", "/api/v1/tags"u8.ToArray(), "User-Agent: a\0b\r\n"u8.ToArray(), [])));

        Assert.Equal(400, response.Status);
        Assert.True(response.Closed);
    }
}
