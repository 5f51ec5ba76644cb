using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NewsApi.Data;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// The real application over HTTP against a real database of its own: one instance, and so one database, per test
/// class. Subclasses pick the provider. Time is a <see cref="FakeTimeProvider"/> the tests move by hand.
/// </summary>
public static class HttpClientKeyExtensions
{
    /// <summary>Sends <paramref name="key"/> as X-Api-Key from now on (none when null).</summary>
    public static HttpClient WithKey(this HttpClient client, string? key)
    {
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }
}

public abstract class NewsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The bootstrap admin key every test application accepts.</summary>
    public const string AdminKey = "nk_TestBootstrapAdminKey_0123456789abcdefghij";

    public FakeTimeProvider Clock { get; } = new(Start);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this leg cannot run here, or null when it can.</summary>
    public virtual string? SkipReason => null;

    protected abstract string ConnectionString { get; }

    /// <summary>The database's connection string, for a second instance of the application on the same database.</summary>
    public string DatabaseConnectionString => ConnectionString;

    /// <summary>This fixture's own settings, for a second instance of the application that shares its database and Redis.</summary>
    public IDictionary<string, string?> InstanceSettings => Settings;

    /// <summary>
    /// Whether the fixture's client is an editor (it sends the admin key). Most test classes write and read back
    /// drafts, so they are; the public read path is tested through the <c>Public…Api</c> fixtures.
    /// </summary>
    protected virtual bool CallersAreEditors => true;

    /// <summary>Extra configuration for a test class that needs it (small budgets, switches).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string EnvironmentName => "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:News", ConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        // Budgets big enough for any test's traffic; the rate-limit tests set small ones of their own.
        builder.UseSetting("RateLimits:ReadsPerMinute", "1000000");
        builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
        builder.UseSetting("RateLimits:FailedAuthenticationsPerMinute", "1000000");
        // The webhook dispatcher runs where a test drives it (tests/Webhooks); elsewhere its queries would only be noise.
        builder.UseSetting("Webhooks:DispatcherEnabled", "false");
        // Stopping a test application does not wait for a load balancer to notice (the drain tests set their own).
        builder.UseSetting("Hosting:UnreadySeconds", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (CallersAreEditors)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        }
    }

    /// <summary>A client that writes and reads as an editor (the admin key), whatever the fixture's callers are.</summary>
    public HttpClient CreateEditorClient() => CreateClient().WithKey(AdminKey);

    /// <summary>A client that sends no key at all.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient().WithKey(null);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task DropDatabaseAsync();
}
