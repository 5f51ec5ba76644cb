using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsApi.Webhooks;

/// <summary>The outcome of one HTTP attempt.</summary>
public sealed record AttemptResult(DateTime StartedAt, int DurationMs, int? StatusCode, string? ResponseBody, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one signed delivery over the webhooks client: no redirects followed, no proxy, the address checked after
/// DNS, at most 1 KiB of the answer read. Retries are the outbox's business, not this client's.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";
    private const int BodyCap = Data.FieldLimits.Webhook.ResponseBody;

    public static readonly string UserAgent =
        $"NewsApi-Webhooks/{typeof(WebhookSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0"} (+https://www.standardwebhooks.com)";

    public static void Configure(IServiceCollection services)
    {
        services.AddHttpClient(ClientName, (sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the attempt's own timeout runs on TimeProvider
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var policy = sp.GetRequiredService<WebhookPolicy>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = (context, cancellationToken) =>
                        NetworkGuard.ConnectAsync(context.DnsEndPoint, policy.AllowPrivateNetworks, cancellationToken),
                };
            });
    }

    public async Task<AttemptResult> SendAsync(string url, string eventId, string payload, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var timestamp = started.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", eventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Header(secrets, eventId, timestamp, payload));

        using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        linked.CancelAfter(options.Value.AttemptTimeout); // and on the wall clock, should the given clock stand still
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadCappedAsync(response, linked.Token);
            return new AttemptResult(started.UtcDateTime, Elapsed(stopwatch), (int)response.StatusCode, body, null, RetryAfter(response, started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(started.UtcDateTime, Elapsed(stopwatch), null, null,
                $"No answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s.", null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            var message = e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} {inner.Message}" : e.Message;
            return new AttemptResult(started.UtcDateTime, Elapsed(stopwatch), null, null, Truncate(message, Data.FieldLimits.Webhook.Error), null);
        }
    }

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);

    private static async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[BodyCap];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
        }
        catch (HttpRequestException)
        {
            // The status decides; a body cut short is kept as far as it came.
        }
        if (read == 0)
        {
            return null;
        }
        // Cut at a character boundary: a truncated multi-byte sequence would not decode.
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > 0 && char.IsHighSurrogate(text[^1]) ? text[..^1] : text.TrimEnd('\uFFFD');
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }
        var delay = header.Delta ?? (header.Date is { } date ? date - now : null);
        return delay is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
