using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

public sealed class HostileInputOnSqlite(SqliteApi api) : HostileInputTests(api), IClassFixture<SqliteApi>;

public sealed class HostileInputOnPostgres(PostgresApi api) : HostileInputTests(api), IClassFixture<PostgresApi>;

/// <summary>
/// Bodies and queries built to hurt: each is a 4xx problem naming what was wrong, never a 5xx, and the callers
/// reading meanwhile are served as usual. (What Kestrel refuses before the app is in <see cref="TransportAbuseTests"/>.)
/// </summary>
public abstract class HostileInputTests(NewsApiFactory api) : ApiTest(api)
{
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private Task<HttpResponseMessage> PostBytesAsync(string url, byte[] body, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Client.PostAsync(url, content, Cancel);
    }

    /// <summary>Runs the hostile request while two other callers read, and asserts every read was answered 200.</summary>
    private async Task<HttpResponseMessage> WhileOthersReadAsync(Func<Task<HttpResponseMessage>> hostile)
    {
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            do
            {
                statuses.Add((await Editor.GetAsync("/api/v1/tags?pageSize=5", Cancel)).StatusCode);
            }
            while (!done.IsCancellationRequested);
            return statuses;
        })).ToArray();
        var response = await hostile();
        await done.CancelAsync();
        Assert.All((await Task.WhenAll(readers)).SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        return response;
    }

    [Fact]
    public async Task JsonNested10000DeepIsA400NamingTheField()
    {
        var response = await WhileOthersReadAsync(() => Client.PostRawAsync("/api/v1/tags", $$"""{"name":"Deep","description":{{Nested(10_000)}}}"""));

        await response.ReadValidationErrorAsync("description");
    }

    [Fact]
    public async Task AMergePatchNested10000DeepIsA400SayingItIsTooDeep()
    {
        var tag = await Editor.CreateTagAsync();

        var response = await WhileOthersReadAsync(() => Editor.PatchAsync($"/api/v1/tags/{tag.Id()}", $$"""{"description":{{Nested(10_000)}}}"""));

        var messages = await response.ReadValidationErrorAsync("$");
        Assert.Contains(messages, m => m.Contains("depth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A1MiBStringFieldIsA413AndJustUnderItA400NamingTheField()
    {
        var over = await WhileOthersReadAsync(() => Client.PostRawAsync("/api/v1/tags", $$"""{"name":"{{new string('a', 1024 * 1024)}}"}"""));
        var under = await WhileOthersReadAsync(() => Client.PostRawAsync("/api/v1/tags", $$"""{"name":"{{new string('a', 1000 * 1000)}}"}"""));

        var problem = await over.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MiB", (string?)problem["detail"]);
        var messages = await under.ReadValidationErrorAsync("name");
        Assert.Contains(messages, m => m.Contains("100 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A100000ElementArrayIsRefusedWithoutReadingItAll()
    {
        var numbers = await WhileOthersReadAsync(() => Client.PostRawAsync("/api/v1/articles",
            $$"""{"title":"Many authors","authorIds":[{{string.Join(',', Enumerable.Repeat("1", 100_000))}}]}"""));
        var ids = await WhileOthersReadAsync(() => Client.PostRawAsync("/api/v1/articles",
            $$"""{"title":"Many authors","authorIds":[{{string.Join(',', Enumerable.Range(0, 100_000).Select(_ => $"\"{Guid.NewGuid()}\""))}}]}"""));

        await numbers.ReadValidationErrorAsync("authorIds[0]");
        await ids.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe }, "invalid UTF-8")]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 }, "a UTF-8-encoded lone surrogate")]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' }, "an escaped lone surrogate")]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)'0', (byte)'0' }, "an escaped NUL")]
    public async Task TextThatIsNotValidOrStorableIsA400NamingTheField(byte[] inside, string what)
    {
        var body = Encoding.UTF8.GetBytes("{\"name\":\"Bad ").Concat(inside).Concat(Encoding.UTF8.GetBytes(" text\"}")).ToArray();

        var response = await WhileOthersReadAsync(() => PostBytesAsync("/api/v1/tags", body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        await response.ReadValidationErrorAsync("name");
    }

    [Theory]
    [InlineData("/api/v1/articles?q=energy%00grid", "q")]
    [InlineData("/api/v1/tags/slug/energy?page%00=1", "page\\u0000")]
    public async Task NulInAQueryValueIsA400NamingTheParameter(string url, string parameter)
    {
        var response = await WhileOthersReadAsync(() => Client.GetAsync(url, Cancel));

        var messages = await response.ReadValidationErrorAsync(parameter);
        Assert.Contains(messages, m => m.Contains("NUL", StringComparison.Ordinal));
    }
}
