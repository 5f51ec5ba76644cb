using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NewsApi.Hosting;
using Npgsql;

namespace NewsApi.Data.Postgres;

/// <summary>
/// A job's lease is a session-level advisory lock, held on a connection of its own for the length of the run. A
/// holder that dies loses its session and so the lock at once; nothing has to expire. The lease connections are a
/// small pool apart (another application name), so a long run never takes a connection from the requests.
/// </summary>
public sealed class PostgresJobLeases(string connectionString) : IJobLeases
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = "NewsApi job lease",
        MaxPoolSize = 8,
    }.ConnectionString;

    /// <summary>The lock's number: the first 8 bytes of a hash of the job's name, the same on every instance.</summary>
    public static long LockKey(string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("newsapi:job:" + job)));

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var key = LockKey(job);
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new LocalJobLeases.Release(async () =>
                {
                    try
                    {
                        await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
                        await unlock.ExecuteScalarAsync(CancellationToken.None);
                    }
                    catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                    {
                        // The session is gone, and its lock with it.
                    }
                    await connection.DisposeAsync();
                });
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }
}
