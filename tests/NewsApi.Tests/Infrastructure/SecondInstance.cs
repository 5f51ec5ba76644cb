using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsApi.Data;

namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Another instance of the application beside <paramref name="first"/>, as behind a load balancer: the same
/// database, the same settings (and so the same Redis and key prefix), the same clock. The first owns the database.
/// </summary>
public sealed class SecondInstance(NewsApiFactory first, IDictionary<string, string?>? extra = null) : NewsApiFactory
{
    public override DatabaseProvider Provider => first.Provider;

    public override string? SkipReason => first.SkipReason;

    protected override string ConnectionString => first.DatabaseConnectionString;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var all = new Dictionary<string, string?>(first.InstanceSettings);
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }
            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(first.Clock)));
    }

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
