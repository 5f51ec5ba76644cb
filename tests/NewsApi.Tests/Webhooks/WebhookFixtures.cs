using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Webhooks;

/// <summary>
/// Webhook settings for tests: plain http to the loopback receiver, and no background dispatcher: tests run its
/// loop themselves (<see cref="WebhookTest.DispatchAsync"/>), so what is sent when is decided by the test.
/// </summary>
public static class WebhookSettings
{
    public static Dictionary<string, string?> For(bool backgroundDispatcher = false, bool allowHttp = true) => new()
    {
        ["Webhooks:AllowInsecureUrls"] = allowHttp ? "true" : null,
        ["Webhooks:DispatcherEnabled"] = backgroundDispatcher ? "true" : "false",
        ["Webhooks:SiteUrl"] = "https://news.example.com",
        ["Webhooks:BatchSize"] = "20",
    };
}

public sealed class WebhookSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => WebhookSettings.For();
}

public sealed class WebhookPostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => WebhookSettings.For();
}

/// <summary>The clock starts at the real time, so StandardWebhooks (which checks timestamps against it) accepts the signatures.</summary>
public sealed class SignedWebhookSqliteApi : SqliteApi
{
    public SignedWebhookSqliteApi() => Clock.SetUtcNow(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings => WebhookSettings.For();
}

public sealed class SignedWebhookPostgresApi : PostgresApi
{
    public SignedWebhookPostgresApi() => Clock.SetUtcNow(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings => WebhookSettings.For();
}

/// <summary>With the background dispatcher running, woken by commits (the clock never moves, so it cannot be polling).</summary>
public sealed class SignalledWebhookSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => WebhookSettings.For(backgroundDispatcher: true);
}

public sealed class SignalledWebhookPostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => WebhookSettings.For(backgroundDispatcher: true);
}

/// <summary>Production: https only, and the SSRF guard on.</summary>
public sealed class ProductionWebhookSqliteApi : SqliteApi
{
    protected override string EnvironmentName => "Production";

    protected override IDictionary<string, string?> Settings => WebhookSettings.For(allowHttp: false);
}

public sealed class ProductionWebhookPostgresApi : PostgresApi
{
    protected override string EnvironmentName => "Production";

    protected override IDictionary<string, string?> Settings => WebhookSettings.For(allowHttp: false);
}

/// <summary>Another instance of the application on the first one's database (and clock): a restart, or a second server.</summary>
public sealed class OtherInstance(NewsApiFactory first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", first.Provider.ToString());
        builder.UseSetting("ConnectionStrings:News", first.DatabaseConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:BootstrapAdminKey", NewsApiFactory.AdminKey);
        builder.UseSetting("Hosting:UnreadySeconds", "0");
        foreach (var (key, value) in WebhookSettings.For())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(first.Clock)));
    }
}

/// <summary>What webhook tests share: subscribing, running the dispatcher, reading the log.</summary>
public abstract class WebhookTest(NewsApiFactory api) : ApiTest(api)
{
    protected async Task<(string Id, string Secret)> SubscribeAsync(string url, object? events = null, object? filters = null)
    {
        var response = await Editor.PostJsonAsync("/api/v1/webhooks", new { url, events = events ?? new[] { "*" }, description = "test receiver", filters });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return ((string)body["webhook"]!["id"]!, (string)body["secret"]!);
    }

    /// <summary>Runs the dispatcher until nothing more is due now; answers how many attempts it made.</summary>
    protected static async Task<int> DispatchAsync(IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<WebhookDispatcher>();
        var total = 0;
        int sent;
        while ((sent = await dispatcher.RunOnceAsync(Cancel)) > 0)
        {
            total += sent;
        }
        return total;
    }

    protected Task<int> DispatchAsync() => DispatchAsync(Api.Services);

    protected async Task<JsonArray> DeliveriesAsync(string webhookId, string query = "")
    {
        var page = await (await Editor.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?pageSize=100{query}")).ReadJsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray();
    }

    protected async Task<T> WithDbAsync<T>(Func<NewsDbContext, Task<T>> work)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    /// <summary>Only this test's subscription should hear anything: earlier tests' subscriptions are switched off.</summary>
    protected Task DisableOtherSubscriptionsAsync() =>
        WithDbAsync(db => db.WebhookSubscriptions.ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false), Cancel));

    protected static string Sign(string secret, ReceivedWebhook webhook) =>
        WebhookSigner.Sign(secret, webhook.Id, long.Parse(webhook.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture), webhook.Body);
}
