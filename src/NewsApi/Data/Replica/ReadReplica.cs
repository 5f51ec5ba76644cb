using Npgsql;

namespace NewsApi.Data.Replica;

/// <summary>The two connection strings a request's reads may take: the primary's and the replica's.</summary>
public sealed class ReadReplica(string primaryConnectionString, string replicaConnectionString)
{
    public const string ConnectionStringName = "NewsReplica";

    public string PrimaryConnectionString { get; } = primaryConnectionString;

    public string ConnectionString { get; } = replicaConnectionString;

    /// <summary>After the replica went away each idle connection to it would fail one more read before Npgsql noticed.</summary>
    public void DropIdleConnections()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
