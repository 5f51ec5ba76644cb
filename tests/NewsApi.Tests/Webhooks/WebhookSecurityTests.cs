using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Entities;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Webhooks;

public sealed class WebhookSecurityOnSqlite(ProductionWebhookSqliteApi api) : WebhookSecurityTests(api), IClassFixture<ProductionWebhookSqliteApi>;

public sealed class WebhookSecurityOnPostgres(ProductionWebhookPostgresApi api) : WebhookSecurityTests(api), IClassFixture<ProductionWebhookPostgresApi>;

/// <summary>In Production: https only, and no webhook reaches an internal address, whether when saved or after DNS at delivery.</summary>
public abstract class WebhookSecurityTests(NewsApiFactory api) : WebhookTest(api)
{
    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://192.168.0.10/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00:ec2::254]/hooks")]
    public async Task AUrlResolvingToAnInternalAddressIsRefusedWhenSaved(string url)
    {
        var response = await Editor.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
        var messages = await response.ReadValidationErrorAsync("url");
        Assert.Contains("address", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpIsRefusedInProduction()
    {
        var response = await Editor.PostJsonAsync("/api/v1/webhooks", new { url = "http://hooks.example.com/x", events = new[] { "*" } });
        var messages = await response.ReadValidationErrorAsync("url");
        Assert.Contains("https", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInternalAddressIsRefusedAgainAtDeliveryAfterDns()
    {
        await DisableOtherSubscriptionsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        // As if the name had resolved to a public address when it was saved and to loopback now (DNS rebinding):
        // the row is written directly, past the checks a save makes.
        var id = await WithDbAsync(async db =>
        {
            var subscription = new WebhookSubscription { Url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), Events = "*", Secret = WebhookSigner.NewSecret() };
            db.WebhookSubscriptions.Add(subscription);
            await db.SaveChangesAsync(Cancel);
            return subscription.Id;
        });
        await Editor.CreateTagAsync();
        Assert.Equal(1, await DispatchAsync());

        Assert.Empty(receiver.Received);
        var attempt = await WithDbAsync(db => db.WebhookAttempts.Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.SubscriptionId == id)).SingleAsync(Cancel));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("Refused", attempt.Error, StringComparison.Ordinal);
        Assert.True(NetworkGuard.IsPrivate(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.False(NetworkGuard.IsPrivate(IPAddress.Parse("93.184.216.34")));
    }
}
