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
public abstract class NewsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this leg cannot run here, or null when it can.</summary>
    public virtual string? SkipReason => null;

    protected abstract string ConnectionString { get; }

    /// <summary>
    /// Whether every caller reads as an editor (unpublished content, status filters). Most test classes write and
    /// read back drafts, so they do; the public read path is tested through the <c>Public…Api</c> fixtures.
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
        builder.UseSetting("Content:EveryoneMayReadUnpublished", CallersAreEditors ? "true" : "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client that writes and reads as an editor, whatever the fixture's callers are.</summary>
    public HttpClient CreateEditorClient() => CreateClient();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task DropDatabaseAsync();
}
