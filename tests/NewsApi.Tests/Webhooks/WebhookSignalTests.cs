using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Webhooks;

public sealed class WebhookSignalOnSqlite(SignalledWebhookSqliteApi api) : WebhookSignalTests(api), IClassFixture<SignalledWebhookSqliteApi>;

public sealed class WebhookSignalOnPostgres(SignalledWebhookPostgresApi api) : WebhookSignalTests(api), IClassFixture<SignalledWebhookPostgresApi>;

/// <summary>The background dispatcher, woken by the commit: the test clock never moves, so no poll interval can elapse.</summary>
public abstract class WebhookSignalTests(NewsApiFactory api) : WebhookTest(api)
{
    [Fact]
    public async Task TheDispatcherIsSignalledWhenATransactionCommits()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, new[] { "tag.created", "tag.updated" });
        var tag = await Editor.CreateTagAsync();
        Assert.Equal("tag.created", (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0].Type);
        (await Editor.PatchAsync($"/api/v1/tags/{tag.Id()}", new { description = "Now described." })).EnsureSuccessStatusCode();
        Assert.Equal("tag.updated", (await receiver.WaitForAsync(2, TimeSpan.FromSeconds(10)))[1].Type);
    }
}
