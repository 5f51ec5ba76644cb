using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Hosting;

/// <summary>
/// X-Forwarded-For is believed only from a known proxy: then the budget of failed keys (one here) is the client's,
/// not the proxy's; from anyone else the header is ignored and the budget is the sender's own. The test server has no
/// network, so each request says which address it comes from (X-Test-Peer, read before anything else).
/// </summary>
public sealed class ForwardedClientsTests
{
    private const string Proxy = "10.0.0.5";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> BadKeyAsync(NewsApiFactory api, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tags");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Api-Key", KeyTestData.UnknownSecret());
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await api.CreateAnonymousClient().SendAsync(request, Cancel)).StatusCode;
    }

    [Fact]
    public async Task BehindAKnownProxyEachClientHasABudgetOfItsOwn()
    {
        await using var api = new ProxiedApi(new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, Proxy, "203.0.113.2"));
        // A client that sends its own X-Forwarded-For through the proxy gets it appended to, not believed.
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(api, Proxy, "198.51.100.9, 203.0.113.1"));
    }

    [Fact]
    public async Task AKnownNetworkIsBelievedToo()
    {
        await using var api = new ProxiedApi(new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/24" });

        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, "10.0.0.77", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, "10.0.0.78", "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(api, "10.0.0.79", "203.0.113.2"));
    }

    [Fact]
    public async Task AClientThatIsNotAKnownProxyCannotChooseItsAddress()
    {
        await using var api = new ProxiedApi(new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, "198.51.100.7", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(api, "198.51.100.7", "203.0.113.2"));
    }

    [Fact]
    public async Task WithoutKnownProxiesTheHeaderIsIgnoredEvenFromLoopback()
    {
        await using var api = new ProxiedApi([]);

        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(api, "127.0.0.1", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(api, "127.0.0.1", "203.0.113.2"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example.com", "KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "KnownNetworks")]
    public async Task AnAddressThatIsNotOneStopsTheApplicationFromStarting(string setting, string value, string named)
    {
        await using var api = new ProxiedApi(new() { [setting] = value });

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private sealed class ProxiedApi(Dictionary<string, string?> settings) : SqliteApi
    {
        private readonly Dictionary<string, string?> _settings = new(settings) { ["RateLimits:FailedAuthenticationsPerMinute"] = "1" };

        protected override bool CallersAreEditors => false;

        protected override IDictionary<string, string?> Settings => _settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        }
    }

    /// <summary>Sets the connection's address from X-Test-Peer, as a socket would, before the application's pipeline.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }
                return following(context);
            });
            next(app);
        };
    }
}
