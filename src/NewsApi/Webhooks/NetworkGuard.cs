using System.Net;
using System.Net.Sockets;

namespace NewsApi.Webhooks;

/// <summary>
/// The server-side request forgery guard: addresses a webhook must not reach from a production server (loopback,
/// private, link-local, carrier-grade NAT, cloud metadata, multicast, reserved).
/// </summary>
public static class NetworkGuard
{
    private static readonly (IPAddress Network, int Prefix)[] Blocked =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16), // link-local, with 169.254.169.254 (AWS, GCP, Azure metadata)
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("fc00::"), 7), // unique local, with fd00:ec2::254 (AWS metadata over IPv6)
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("ff00::"), 8),
    ];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return Blocked.Any(b => b.Network.AddressFamily == address.AddressFamily && InNetwork(address, b.Network, b.Prefix));
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(n.AsSpan(0, whole)))
        {
            return false;
        }
        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (a[whole] & mask) == (n[whole] & mask);
    }

    /// <summary>The addresses a host name stands for (the host itself when it is an address).</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>
    /// The first private address <paramref name="url"/>'s host resolves to, or null. A host that does not resolve
    /// is let through here: delivery checks again after its own lookup.
    /// </summary>
    public static async Task<IPAddress?> FindPrivateAddressAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        try
        {
            return (await ResolveAsync(uri.Host, cancellationToken)).FirstOrDefault(IsPrivate);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Connects to the first allowed address of the host; refuses when none is (checked after DNS, so a rebinding name cannot slip through).</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(endPoint.Host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"Refused: {endPoint.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, a loopback, private, link-local or metadata address.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
