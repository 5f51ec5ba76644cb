using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;
using StandardWebhooks;

namespace NewsApi.Tests.Webhooks;

public sealed class WebhookSignaturesOnSqlite(SignedWebhookSqliteApi api) : WebhookSignatureTests(api), IClassFixture<SignedWebhookSqliteApi>;

public sealed class WebhookSignaturesOnPostgres(SignedWebhookPostgresApi api) : WebhookSignatureTests(api), IClassFixture<SignedWebhookPostgresApi>;

/// <summary>
/// What a receiver sees, verified with an independent Standard Webhooks implementation (the StandardWebhooks
/// package), which checks the timestamp against the real clock: these tests move theirs by a minute at most.
/// </summary>
public abstract class WebhookSignatureTests(NewsApiFactory api) : WebhookTest(api)
{
    [Fact]
    public async Task AnEditorWatchesCreatePublishScheduledPublishUpdateUnpublishAndDeleteArriveSigned()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await SubscribeAsync(receiver.Url, new[] { "article.created", "article.published", "article.updated", "article.unpublished", "article.deleted", "article.trashed" });

        var article = await Editor.CreateArticleAsync(new { excerpt = "An excerpt." });
        await Editor.PublishAsync(article.Id());
        var scheduled = await Editor.CreateArticleAsync(new { excerpt = "Later." });
        await Editor.PublishAsync(scheduled.Id(), Api.Clock.GetUtcNow().AddSeconds(30));
        (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { subtitle = "Now with a subtitle", featured = true })).EnsureSuccessStatusCode();
        (await Editor.PostAsync($"/api/v1/articles/{article.Id()}/unpublish", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/articles/{article.Id()}?permanent=true")).StatusCode);
        await DispatchAsync();

        // The scheduled article is announced when its time comes (the scheduler runs every second).
        var publisher = Api.Services.GetRequiredService<ScheduledPublisher>();
        Api.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await publisher.RunOnceAsync(Cancel));
        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await publisher.RunOnceAsync(Cancel));
        await DispatchAsync();

        var received = await receiver.WaitForAsync(8);
        var first = received.Where(r => (string)r.Data["id"]! == article.Id()).Select(r => r.Type);
        Assert.Equal(["article.created", "article.published", "article.updated", "article.unpublished", "article.deleted"], first);
        var second = received.Where(r => (string)r.Data["id"]! == scheduled.Id()).ToList();
        Assert.Equal(["article.created", "article.updated", "article.published"], second.Select(r => r.Type));
        Assert.Equal("scheduled", (string)second[1].Data["status"]!);
        Assert.Equal("published", (string)second[2].Data["status"]!);
        Assert.Equal(["publishedAt", "status"], second[1].Data["changedFields"]!.AsArray().Select(f => (string)f!));

        var update = received.Single(r => r.Type == "article.updated" && (string)r.Data["id"]! == article.Id());
        Assert.Equal(["featured", "subtitle"], update.Data["changedFields"]!.AsArray().Select(f => (string)f!));
        var unpublished = received.Single(r => r.Type == "article.unpublished");
        Assert.Equal("draft", (string)unpublished.Data["status"]!);
        Assert.Contains($"article:{article.Id()}", unpublished.Data["cacheTags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal($"https://news.example.com/articles/{article["slug"]}", (string)unpublished.Data["url"]!);

        var verifier = new StandardWebhook(secret);
        foreach (var webhook in received)
        {
            verifier.Verify(webhook.Body, webhook.Headers); // throws when a signature does not verify
        }
        var forged = received[0] with { Body = received[0].Body.Replace("article.created", "article.deleted", StringComparison.Ordinal) };
        Assert.ThrowsAny<Exception>(() => verifier.Verify(forged.Body, forged.Headers));
    }

    [Fact]
    public async Task DuringARotationBothSecretsVerify()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, oldSecret) = await SubscribeAsync(receiver.Url, new[] { "webhook.test" });
        var rotated = await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/rotate-secret", null)).ReadJsonAsync(HttpStatusCode.OK);
        var newSecret = (string)rotated["secret"]!;
        Assert.NotNull(rotated["webhook"]!["previousSecretExpiresAt"]);

        (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/test", null)).EnsureSuccessStatusCode();
        await DispatchAsync();
        var ping = (await receiver.WaitForAsync(1))[0];
        Assert.Equal("webhook.test", ping.Type);
        var signatures = ping.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(newSecret).Verify(ping.Body, ping.Headers);
        // A receiver still holding the old secret: one of the signatures is its.
        Assert.Single(signatures, signature =>
        {
            var headers = new Microsoft.AspNetCore.Http.HeaderDictionary(ping.Headers.ToDictionary(h => h.Key, h => h.Value))
            {
                ["webhook-signature"] = signature,
            };
            try
            {
                new StandardWebhook(oldSecret).Verify(ping.Body, headers);
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                return false;
            }
        });
    }
}
