using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Hosting;

/// <summary>Two instances of the application over one database (and one Redis, when the first has it), as behind a load balancer.</summary>
public abstract class TwoInstances(NewsApiFactory first) : IAsyncLifetime
{
    public NewsApiFactory A => first;

    public SecondInstance B { get; private set; } = null!;

    public string? SkipReason => first.SkipReason;

    public async ValueTask InitializeAsync()
    {
        await first.InitializeAsync();
        if (first.SkipReason is null)
        {
            first.CreateClient().Dispose(); // the first starts (and migrates the database) before the second
            B = new SecondInstance(first);
            B.CreateClient().Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        await first.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class TwoSqliteInstancesOnRedis() : TwoInstances(new SharedRedisSqliteApi());

public sealed class TwoPostgresInstancesOnRedis() : TwoInstances(new SharedRedisPostgresApi());

/// <summary>PostgreSQL and no Redis: jobs take advisory locks.</summary>
public sealed class TwoPostgresInstances() : TwoInstances(new PostgresApi());
