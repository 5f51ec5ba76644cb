using Npgsql;
using NewsApi.Data;

namespace NewsApi.Tests.Data;

/// <summary>What the API adds to a PostgreSQL connection string, and that an operator's own settings win.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void AConnectionStringWithoutPoolOrPrepareSettingsGetsTwoConnectionsPerCoreAndAutoPrepare()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.WithPostgresDefaults("Host=db;Username=news"));

        Assert.Equal(Math.Max(4, 2 * Environment.ProcessorCount), builder.MaxPoolSize);
        Assert.Equal(64, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("db", builder.Host);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50")]
    [InlineData("Host=db;MaxPoolSize=50")]
    public void AnOperatorsPoolSizeIsKept(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.WithPostgresDefaults(connectionString));

        Assert.Equal(50, builder.MaxPoolSize);
    }

    [Fact]
    public void AnOperatorsAutoPrepareSettingIsKept()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.WithPostgresDefaults("Host=db;Max Auto Prepare=0"));

        Assert.Equal(0, builder.MaxAutoPrepare);
    }

    [Fact]
    public void AKeywordNpgsqlDoesNotKnowIsNamedWithTheSettingItCameFrom()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseServiceCollectionExtensions.WithPostgresDefaults("Host=db;Max Pool Size=8"));

        Assert.StartsWith("ConnectionStrings:News is not a valid PostgreSQL connection string", error.Message);
        Assert.Contains("max pool size", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConnectingAndStatementsAreBoundedSoAnOutageIsAnsweredNotWaitedOut()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.WithPostgresDefaults(
            "Host=db", new DatabaseOptions { ConnectTimeoutSeconds = 3, CommandTimeoutSeconds = 7 }));

        Assert.Equal(3, builder.Timeout);
        Assert.Equal(7, builder.CommandTimeout);
    }

    [Fact]
    public void AnOperatorsTimeoutsAreKept()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.WithPostgresDefaults("Host=db;Timeout=30;Command Timeout=60"));

        Assert.Equal(30, builder.Timeout);
        Assert.Equal(60, builder.CommandTimeout);
    }
}
