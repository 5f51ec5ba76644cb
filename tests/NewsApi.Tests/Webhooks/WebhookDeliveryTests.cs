using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Webhooks;

public sealed class WebhookDeliveriesOnSqlite(WebhookSqliteApi api) : WebhookDeliveryTests(api), IClassFixture<WebhookSqliteApi>;

public sealed class WebhookDeliveriesOnPostgres(WebhookPostgresApi api) : WebhookDeliveryTests(api), IClassFixture<WebhookPostgresApi>;

/// <summary>Outbox, order, retries, restarts and several instances, against a real receiver, with the dispatcher driven by the test.</summary>
public abstract class WebhookDeliveryTests(NewsApiFactory api) : WebhookTest(api)
{
    [Fact]
    public async Task ACommittedChangeIsDeliveredOnceWithThinPayloadAndStandardHeaders()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, secret) = await SubscribeAsync(receiver.Url);
        var tag = await Editor.CreateTagAsync();

        Assert.Equal(1, await DispatchAsync());
        var webhook = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("tag.created", webhook.Type);
        Assert.StartsWith("msg_", webhook.Id, StringComparison.Ordinal);
        Assert.Equal(Api.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), webhook.Headers["webhook-timestamp"].ToString());
        Assert.Equal(Sign(secret, webhook), webhook.Headers["webhook-signature"].ToString());
        Assert.StartsWith("application/json", webhook.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("NewsApi-Webhooks/", webhook.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Equal(tag.Id(), (string)webhook.Data["id"]!);
        Assert.Equal((string)tag["slug"]!, (string)webhook.Data["slug"]!);
        Assert.Equal($"/api/v1/tags/{tag.Id()}", (string)webhook.Data["path"]!);
        Assert.Equal($"https://news.example.com/tags/{tag["slug"]}", (string)webhook.Data["url"]!);
        Assert.Contains($"tag:{tag.Id()}", webhook.Data["cacheTags"]!.AsArray().Select(t => (string)t!));
        Assert.True(webhook.Body.Length < 20_000);

        // Delivered: nothing more goes out, however often the dispatcher runs.
        Assert.Equal(0, await DispatchAsync());
        Assert.Single(receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync(webhookId));
        Assert.Equal("succeeded", (string)delivery!["status"]!);
        Assert.Equal(204, (int)delivery["attempts"]![0]!["statusCode"]!);
    }

    [Fact]
    public async Task ARolledBackWriteSendsNothing()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, _) = await SubscribeAsync(receiver.Url);
        var before = await WithDbAsync(db => db.Changes.CountAsync(Cancel));

        await WithDbAsync<int>(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            db.Tags.Add(new Tag { Name = "Never committed", Slug = $"never-{Guid.NewGuid():N}" });
            await db.SaveChangesAsync(Cancel);
            // The event was written with the change, in its transaction...
            Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == Guid.Parse(webhookId), Cancel));
            await transaction.RollbackAsync(Cancel);
            return 0;
        });

        // ...and went with it.
        Assert.Equal(before, await WithDbAsync(db => db.Changes.CountAsync(Cancel)));
        Assert.Equal(0, await DispatchAsync());
        Assert.Empty(receiver.Received);
        Assert.Empty(await DeliveriesAsync(webhookId));
    }

    [Fact]
    public async Task ACrashAfterTheCommitLosesNoEventAndARestartResumesALeasedDelivery()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, new[] { "author.created" });
        // Committed, and then this instance "dies" before dispatching: one delivery is even mid-attempt (leased).
        var first = await Editor.CreateAuthorAsync();
        var second = await Editor.CreateAuthorAsync();
        await WithDbAsync(async db =>
        {
            var leased = await DeliveryClaims.ClaimAsync(db, Api.Clock.GetUtcNow().UtcDateTime, 1, Cancel);
            return Assert.Single(leased).Id;
        });

        // A fresh instance on the same database sends what is due at once, and the leased one when its lease runs out.
        await using var restarted = new OtherInstance(Api);
        Assert.Equal(1, await DispatchAsync(restarted.Services));
        Assert.Equal(second.Id(), (string)Assert.Single(await receiver.WaitForAsync(1)).Data["id"]!);
        Api.Clock.Advance(DeliveryClaims.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync(restarted.Services));
        var all = await receiver.WaitForAsync(2);
        Assert.Equal(first.Id(), (string)all[1].Data["id"]!);
    }

    [Fact]
    public async Task SeveralInstancesNeverMakeTheSameAttemptTwice()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        const int events = 60;
        for (var i = 0; i < events; i++)
        {
            await Editor.CreateTagAsync();
        }
        await using var second = new OtherInstance(Api);
        await using var third = new OtherInstance(Api);

        // Three instances claim and send at the same time until nothing is left.
        var sent = await Task.WhenAll(DispatchAsync(Api.Services), DispatchAsync(second.Services), DispatchAsync(third.Services));
        Assert.Equal(events, sent.Sum());
        var received = await receiver.WaitForAsync(events);
        Assert.Equal(events, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(events, received.Count);
    }

    [Fact]
    public async Task EventsOfOneResourceGoOutInCommitOrderEvenWhileAnEarlierOneIsRetried()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, new[] { "article.created", "article.published", "article.updated" });
        var article = await Editor.CreateArticleAsync(new { excerpt = "An excerpt." });
        var failFirst = true;
        receiver.Answer = w => failFirst && (string)w.Data["id"]! == article.Id() ? Results.StatusCode(500) : Results.Ok();
        await Editor.PublishAsync(article.Id());
        (await Editor.PatchAsync($"/api/v1/articles/{article.Id()}", new { title = "A better title" })).EnsureSuccessStatusCode();
        var other = await Editor.CreateArticleAsync();

        // The first attempt fails: the later events of that article wait; another article's event does not.
        await DispatchAsync();
        var firstRound = await receiver.WaitForAsync(2);
        Assert.Equal(new[] { article.Id(), other.Id() }.Order(), firstRound.Select(r => (string)r.Data["id"]!).Order());
        Assert.All(firstRound, r => Assert.Equal("article.created", r.Type));

        failFirst = false;
        Api.Clock.Advance(TimeSpan.FromSeconds(6)); // the first retry is due after 5-6 s
        await DispatchAsync();
        var forArticle = (await receiver.WaitForAsync(5)).Where(r => (string)r.Data["id"]! == article.Id()).Select(r => r.Type);
        Assert.Equal(["article.created", "article.created", "article.published", "article.updated"], forArticle);
        var update = receiver.Received[^1];
        Assert.Equal(["title"], update.Data["changedFields"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task FailedAttemptsAreRetriedOnTheScheduleAndTheLastFailsTheDelivery()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => Results.Text(new string('x', 3000), statusCode: 500);
        var (webhookId, _) = await SubscribeAsync(receiver.Url, new[] { "source.created" });
        await Editor.CreateSourceAsync();

        var schedule = WebhookOptions.DefaultRetrySchedule;
        await DispatchAsync();
        foreach (var delay in schedule)
        {
            Api.Clock.Advance(delay * 0.99);
            Assert.Equal(0, await DispatchAsync()); // not yet: the schedule is honoured
            Api.Clock.Advance(delay * 0.22);        // plus at most a fifth of jitter
            Assert.Equal(1, await DispatchAsync());
        }
        Assert.Equal(schedule.Length + 1, (await receiver.WaitForAsync(schedule.Length + 1)).Count);
        // The same event every time: same id and body.
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        Assert.Single(receiver.Received.Select(r => r.Body).Distinct());

        var delivery = Assert.Single(await DeliveriesAsync(webhookId))!;
        Assert.Equal("failed", (string)delivery["status"]!);
        var attempts = delivery["attempts"]!.AsArray();
        Assert.Equal(schedule.Length + 1, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(500, (int)a!["statusCode"]!));
        Assert.Equal(1024, ((string)attempts[0]!["responseBody"]!).Length);
        Api.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await DispatchAsync());
    }

    [Fact]
    public async Task RetryAfterIsHonouredOn429And503()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var answers = new Queue<IResult>([
            new RetryAfterResult(429, "120"),
            new RetryAfterResult(503, "30"),
            Results.Ok(),
        ]);
        receiver.Answer = _ => answers.Dequeue();
        var (webhookId, _) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await Editor.CreateTagAsync();

        await DispatchAsync();
        Api.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await DispatchAsync()); // the schedule says 5 s, the receiver said 120
        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync());
        Api.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await DispatchAsync());
        var delivery = Assert.Single(await DeliveriesAsync(webhookId))!;
        Assert.Equal("succeeded", (string)delivery["status"]!);
        Assert.Equal([429, 503, 200], delivery["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
    }

    [Fact]
    public async Task GoneDisablesTheSubscription()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => Results.StatusCode(410);
        var (webhookId, _) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await Editor.CreateTagAsync();
        await DispatchAsync();
        await Editor.CreateTagAsync();
        Api.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await DispatchAsync());

        Assert.Single(receiver.Received);
        var webhook = await (await Editor.GetAsync($"/api/v1/webhooks/{webhookId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False((bool)webhook["enabled"]!);
        Assert.Contains("410", (string)webhook["disabledReason"]!, StringComparison.Ordinal);
        Assert.Equal("failed", (string)(await DeliveriesAsync(webhookId, "&status=failed"))[0]!["status"]!);
    }

    [Fact]
    public async Task RedirectsAreNotFollowed()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = w => w.Path == "/hooks" ? Results.Redirect($"{receiver.BaseUrl}/elsewhere") : Results.Ok();
        var (webhookId, _) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await Editor.CreateTagAsync();
        await DispatchAsync();

        Assert.Equal("/hooks", Assert.Single(await receiver.WaitForAsync(1)).Path);
        var delivery = Assert.Single(await DeliveriesAsync(webhookId))!;
        Assert.Equal("pending", (string)delivery["status"]!);
        Assert.Equal(302, (int)delivery["attempts"]![0]!["statusCode"]!);
    }

    [Fact]
    public async Task ANetworkFailureIsLoggedWithItsErrorAndRetried()
    {
        await DisableOtherSubscriptionsAsync();
        var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url;
        await receiver.DisposeAsync(); // nobody listens there any more
        var (webhookId, _) = await SubscribeAsync(url, new[] { "tag.created" });
        await Editor.CreateTagAsync();
        await DispatchAsync();

        var delivery = Assert.Single(await DeliveriesAsync(webhookId))!;
        Assert.Equal("pending", (string)delivery["status"]!);
        var attempt = delivery["attempts"]![0]!;
        Assert.Null(attempt["statusCode"]);
        Assert.False(string.IsNullOrEmpty((string?)attempt["error"]));
        Assert.NotNull(delivery["nextAttemptAt"]);
    }

    [Fact]
    public async Task TheLogFiltersRedeliversTestsAndIsPurgedAfterItsRetention()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, _) = await SubscribeAsync(receiver.Url);
        await Editor.CreateTagAsync();
        await Editor.CreateAuthorAsync();
        var ping = await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/test", null)).ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("webhook.test", (string)ping["eventType"]!);
        await DispatchAsync();
        await receiver.WaitForAsync(3);

        Assert.Single(await DeliveriesAsync(webhookId, "&event=tag.created"));
        Assert.Single(await DeliveriesAsync(webhookId, "&event=webhook.test"));
        Assert.Equal(3, (await DeliveriesAsync(webhookId, "&status=succeeded")).Count);
        Assert.Empty(await DeliveriesAsync(webhookId, "&status=failed"));
        await (await Editor.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?status=lost")).ReadValidationErrorAsync("status");
        await (await Editor.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?event=tag.exploded")).ReadValidationErrorAsync("event");

        var tagDelivery = (await DeliveriesAsync(webhookId, "&event=tag.created"))[0]!;
        var again = await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{tagDelivery["id"]}/redeliver", null))
            .ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal((string)tagDelivery["eventId"]!, (string)again["eventId"]!);
        await DispatchAsync();
        var resent = (await receiver.WaitForAsync(4))[^1];
        Assert.Equal((string)tagDelivery["eventId"]!, resent.Id);
        await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/999999999/redeliver", null)).ReadProblemAsync(HttpStatusCode.NotFound);

        Api.Clock.Advance(TimeSpan.FromDays(31));
        await Api.Services.GetRequiredService<WebhookDispatcher>().PurgeLogAsync(Cancel);
        Assert.Empty(await DeliveriesAsync(webhookId));
    }

    [Fact]
    public async Task FiltersLimitArticleEventsToTagsOrASource()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var climate = await Editor.CreateTagAsync();
        var source = await Editor.CreateSourceAsync();
        await SubscribeAsync(receiver.Url, new[] { "article.created" },
            new { tags = new[] { (string)climate["slug"]! }, source = (string)source["slug"]! });
        var tagged = await Editor.CreateArticleAsync(new { tagIds = new[] { climate.Id() } });
        var fromSource = await Editor.CreateArticleAsync(new { sourceId = source.Id() });
        await Editor.CreateArticleAsync();
        await DispatchAsync();

        var received = await receiver.WaitForAsync(2);
        Assert.Equal(new[] { tagged.Id(), fromSource.Id() }.Order(), received.Select(r => (string)r.Data["id"]!).Order());
    }

    [Fact]
    public async Task AfterTheRotationWindowOnlyTheNewSecretSigns()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, oldSecret) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        var rotated = await (await Editor.PostAsync($"/api/v1/webhooks/{webhookId}/rotate-secret", null)).ReadJsonAsync(HttpStatusCode.OK);
        var newSecret = (string)rotated["secret"]!;
        Assert.NotEqual(oldSecret, newSecret);

        await Editor.CreateTagAsync();
        await DispatchAsync();
        var during = (await receiver.WaitForAsync(1))[0];
        Assert.Equal($"{Sign(newSecret, during)} {Sign(oldSecret, during)}", during.Headers["webhook-signature"].ToString());

        Api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await Editor.CreateTagAsync();
        await DispatchAsync();
        var after = (await receiver.WaitForAsync(2))[1];
        Assert.Equal(Sign(newSecret, after), after.Headers["webhook-signature"].ToString());
    }

    [Fact]
    public async Task SecretsAreNeverInTheDeliveryLog()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = w => Results.Text(w.Headers["webhook-signature"].ToString(), statusCode: 500);
        var (webhookId, secret) = await SubscribeAsync(receiver.Url, new[] { "tag.created" });
        await Editor.CreateTagAsync();
        await DispatchAsync();
        var log = (await Editor.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, await log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], await log, StringComparison.Ordinal);
    }

    /// <summary>An answer with a Retry-After header.</summary>
    private sealed class RetryAfterResult(int status, string retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        }
    }
}
