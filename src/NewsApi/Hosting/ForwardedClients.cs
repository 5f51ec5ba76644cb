using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace NewsApi.Hosting;

public sealed class ForwardedClientOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front (e.g. <c>["10.0.0.5"]</c>) whose X-Forwarded-For and -Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation (e.g. <c>["10.0.0.0/24"]</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind a proxy every request comes from the proxy's address: the client's is in X-Forwarded-For, and whether it
/// came over https in X-Forwarded-Proto. Those headers are believed only from the configured proxies (nothing by
/// default, not even loopback), walking back through the list only while each hop is itself a known proxy, so a
/// client cannot choose its own address: rate limits, failed-key budgets and logs see the real client.
/// </summary>
public static class ForwardedClients
{
    public static IServiceCollection AddForwardedClients(this IServiceCollection services)
    {
        services.AddOptions<ForwardedClientOptions>().BindConfiguration(ForwardedClientOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses, e.g. [\"10.0.0.5\"].")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownNetworks must list networks in CIDR notation, e.g. [\"10.0.0.0/24\"].")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedClientOptions>>((forwarded, known) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in known.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
            foreach (var network in known.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, and only when some proxy is known: otherwise the headers are never read.</summary>
    public static WebApplication UseForwardedClients(this WebApplication app)
    {
        var known = app.Services.GetRequiredService<IOptions<ForwardedClientOptions>>().Value;
        if (known.KnownProxies.Count > 0 || known.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
