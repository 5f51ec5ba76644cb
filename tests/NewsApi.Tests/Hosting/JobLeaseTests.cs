using Microsoft.Extensions.DependencyInjection;
using NewsApi.Hosting;
using NewsApi.Tests.Infrastructure;
using NewsApi.Tests.Reliability;
using Npgsql;

namespace NewsApi.Tests.Hosting;

/// <summary>
/// A background job runs on one instance at a time: while one holds the job's lease the other cannot take it, and it
/// can once the holder gives it back or dies. With Redis a dead holder's lease expires after Jobs:LeaseSeconds; with
/// PostgreSQL alone it goes with the holder's session.
/// </summary>
public abstract class JobLeaseTests
{
    protected JobLeaseTests(TwoInstances instances)
    {
        Assert.SkipWhen(instances.SkipReason is not null, instances.SkipReason ?? "");
        Instances = instances;
    }

    protected TwoInstances Instances { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected static IJobLeases Leases(NewsApiFactory instance) => instance.Services.GetRequiredService<IJobLeases>();

    protected static string NewJob() => $"test-job-{Guid.NewGuid():N}";

    [Fact]
    public async Task OnlyOneInstanceHoldsAJobAndTheOtherTakesItOnceItIsGivenBack()
    {
        var job = NewJob();
        var held = await Leases(Instances.A).TryAcquireAsync(job, Cancel);
        Assert.NotNull(held);
        Assert.Null(await Leases(Instances.B).TryAcquireAsync(job, Cancel));
        Assert.Null(await Leases(Instances.A).TryAcquireAsync(job, Cancel));
        await using (var other = await Leases(Instances.B).TryAcquireAsync(NewJob(), Cancel))
        {
            Assert.NotNull(other); // another job is another lease
        }

        await held.DisposeAsync();

        await using var taken = await Leases(Instances.B).TryAcquireAsync(job, Cancel);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task ARunIsSkippedWhileAnotherInstanceHoldsTheJob()
    {
        var job = NewJob();
        var runs = 0;
        await using (await Leases(Instances.A).TryAcquireAsync(job, Cancel))
        {
            Assert.False(await Leases(Instances.B).RunLeasedAsync(job, _ => { runs++; return Task.CompletedTask; }, Cancel));
        }
        Assert.True(await Leases(Instances.B).RunLeasedAsync(job, _ => { runs++; return Task.CompletedTask; }, Cancel));
        Assert.Equal(1, runs);
    }
}

public sealed class JobLeaseOnRedis(TwoSqliteInstancesOnRedis instances) : JobLeaseTests(instances), IClassFixture<TwoSqliteInstancesOnRedis>
{
    [Fact]
    public async Task ADeadHoldersLeaseExpiresAndTheOtherInstanceTakesTheJobWithinTheLeaseTime()
    {
        var job = NewJob();
        // Taken and never given back, as by a process that died while it ran the job.
        Assert.NotNull(await Leases(Instances.A).TryAcquireAsync(job, Cancel));
        Assert.Null(await Leases(Instances.B).TryAcquireAsync(job, Cancel));

        IAsyncDisposable? taken = null;
        var waited = await LocalServices.WaitUntilAsync(async () => (taken = await Leases(Instances.B).TryAcquireAsync(job, Cancel)) is not null,
            TimeSpan.FromSeconds(SharedRedisSqliteApi.LeaseSeconds + 3), "the other instance takes the expired lease");
        await taken!.DisposeAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"taken over {waited.TotalMilliseconds:0} ms after the holder stopped (lease {SharedRedisSqliteApi.LeaseSeconds} s)");
    }
}

public sealed class JobLeaseOnPostgres(TwoPostgresInstances instances) : JobLeaseTests(instances), IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task ADeadHoldersAdvisoryLockGoesWithItsSession()
    {
        var job = NewJob();
        Assert.IsType<NewsApi.Data.Postgres.PostgresJobLeases>(Leases(Instances.A));
        Assert.NotNull(await Leases(Instances.A).TryAcquireAsync(job, Cancel));
        Assert.Null(await Leases(Instances.B).TryAcquireAsync(job, Cancel));

        // The holder's session ends as when its process dies: the server drops the connection.
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Instances.A.DatabaseConnectionString) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync(Cancel);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((l.classid::bigint << 32) | l.objid::bigint) = $1", admin) { Parameters = { new() { Value = NewsApi.Data.Postgres.PostgresJobLeases.LockKey(job) } } };
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Cancel));
        }

        IAsyncDisposable? taken = null;
        await LocalServices.WaitUntilAsync(async () => (taken = await Leases(Instances.B).TryAcquireAsync(job, Cancel)) is not null,
            TimeSpan.FromSeconds(20), "the other instance takes the lock of the ended session");
        await taken!.DisposeAsync();
    }
}

/// <summary>SQLite without Redis runs alone: the lease keeps a job's runs apart within the process.</summary>
public sealed class LocalJobLeaseTests
{
    [Fact]
    public async Task AJobRunsOnceAtATimeInTheProcess()
    {
        var leases = new LocalJobLeases();
        var held = await leases.TryAcquireAsync("purge", TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        Assert.Null(await leases.TryAcquireAsync("purge", TestContext.Current.CancellationToken));
        await held.DisposeAsync();
        await held.DisposeAsync(); // twice is once
        await using var again = await leases.TryAcquireAsync("purge", TestContext.Current.CancellationToken);
        Assert.NotNull(again);
        Assert.Null(await leases.TryAcquireAsync("purge", TestContext.Current.CancellationToken));
    }
}
