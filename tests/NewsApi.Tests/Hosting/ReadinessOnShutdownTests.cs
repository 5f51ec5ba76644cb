using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Hosting;

/// <summary>
/// On SIGTERM an instance first fails <c>/health/ready</c>, so the load balancer stops sending it requests, while it
/// still answers everything else for Hosting:UnreadySeconds; then it stops, letting the requests in flight finish.
/// The host is stopped here as SIGTERM stops it, and the unready period runs on the test clock.
/// </summary>
public sealed class ReadinessOnShutdownTests
{
    private const int UnreadySeconds = 5;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadinessFailsAtOnceWhileRequestsAreStillServedThenTheRequestInFlightFinishes()
    {
        await using var api = new StoppableApi();
        var client = api.CreateEditorClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Cancel)).StatusCode);

        // A request in flight: its body arrives only after the stop has begun.
        var body = new SlowBody();
        var inFlight = client.PostAsync("/api/v1/tags", new StreamContent(body) { Headers = { ContentType = new("application/json") } }, Cancel);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        var stopping = api.Host.StopAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Cancel)).StatusCode);
        await (await client.GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(stopping.IsCompleted, "the instance serves on for the unready period before it stops");

        api.Clock.Advance(TimeSpan.FromSeconds(UnreadySeconds));
        body.Finish($$"""{"name":"{{TestData.Unique("In flight")}}"}""");

        await (await inFlight.WaitAsync(TimeSpan.FromSeconds(30), Cancel)).ReadJsonAsync(HttpStatusCode.Created);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
    }

    [Fact]
    public async Task AnUnreadyPeriodOutOfRangeStopsTheApplicationFromStarting()
    {
        await using var api = new StoppableApi(unreadySeconds: -1);

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => api.CreateClient());

        Assert.Contains("UnreadySeconds", failure.Message, StringComparison.Ordinal);
    }

    private sealed class StoppableApi(int unreadySeconds = UnreadySeconds) : SqliteApi
    {
        public IHost Host { get; private set; } = null!;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Hosting:UnreadySeconds"] = unreadySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override IHost CreateHost(IHostBuilder builder) => Host = base.CreateHost(builder);
    }

    /// <summary>A request body that sends nothing until told, then the whole of it.</summary>
    private sealed class SlowBody : Stream
    {
        private readonly TaskCompletionSource<byte[]> _content = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position = -1;
        private byte[] _bytes = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish(string json) => _content.TrySetResult(Encoding.UTF8.GetBytes(json));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < 0)
            {
                Started.TrySetResult();
                _bytes = await _content.Task.WaitAsync(cancellationToken);
                _position = 0;
            }
            var count = Math.Min(buffer.Length, _bytes.Length - _position);
            _bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
