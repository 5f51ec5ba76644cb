using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NewsApi.Tests.Reliability;

/// <summary>An answer read off the socket as it came: what HttpClient would refuse to send is sent as bytes.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool Closed)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim() : null;

    /// <summary>Asserts an RFC 9457 problem with this status and returns it.</summary>
    public JsonNode Problem(int status)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status}: {Body}");
        Assert.Equal("application/problem+json", ContentType);
        var problem = JsonNode.Parse(Body)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        return problem;
    }
}

public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> as is and reads the answer until the server closes or goes quiet.</summary>
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, TimeSpan? quiet = null, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cancellationToken);
        }
        catch (IOException)
        {
            // the server may answer and close before it has read everything
        }
        return await ReadAsync(stream, quiet ?? TimeSpan.FromSeconds(15), cancellationToken);
    }

    public static byte[] Request(string method, string target, string headers = "", string body = "") =>
        Request(method, Encoding.ASCII.GetBytes(target), Encoding.ASCII.GetBytes(headers), Encoding.UTF8.GetBytes(body));

    public static byte[] Request(string method, byte[] target, byte[] headers, byte[] body)
    {
        using var buffer = new MemoryStream();
        void Write(string text) => buffer.Write(Encoding.ASCII.GetBytes(text));
        Write(method + " ");
        buffer.Write(target);
        Write(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        buffer.Write(headers);
        if (body.Length > 0)
        {
            Write($"Content-Length: {body.Length}\r\n");
        }
        Write("\r\n");
        buffer.Write(body);
        return buffer.ToArray();
    }

    /// <summary>Reads one answer; <c>Closed</c> tells whether the server closed the connection after it.</summary>
    public static async Task<RawResponse> ReadAsync(NetworkStream stream, TimeSpan quiet, CancellationToken cancellationToken = default)
    {
        var received = new MemoryStream();
        var chunk = new byte[65536];
        var closed = false;
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(quiet);
            int read;
            try
            {
                read = await stream.ReadAsync(chunk, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (IOException)
            {
                closed = true;
                break;
            }
            if (read == 0)
            {
                closed = true;
                break;
            }
            received.Write(chunk, 0, read);
            if (Complete(received.ToArray()))
            {
                break;
            }
        }
        var parsed = Parse(received.ToArray());
        return parsed with { Closed = closed || (parsed.Headers.TryGetValue("connection", out var c) && c.Equals("close", StringComparison.OrdinalIgnoreCase)) };
    }

    private static bool Complete(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }
        var head = text[..end].ToLowerInvariant();
        if (head.Contains("transfer-encoding: chunked", StringComparison.Ordinal))
        {
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("content-length:", StringComparison.Ordinal));
        return length is not null && text.Length - end - 4 >= int.Parse(length["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static RawResponse Parse(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), text, true);
        }
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = text[(end + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            var rest = body;
            while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var eol and > 0)
            {
                var size = Convert.ToInt32(rest[..eol].Trim(), 16);
                if (size == 0)
                {
                    break;
                }
                decoded.Append(rest.AsSpan(eol + 2, Math.Min(size, rest.Length - eol - 2)));
                rest = rest[Math.Min(rest.Length, eol + 2 + size + 2)..];
            }
            body = decoded.ToString();
        }
        return new RawResponse(status, headers, body, false);
    }
}
