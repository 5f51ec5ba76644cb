using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// EF's SQLite connection registers eight .NET functions and a collation (decimal arithmetic and comparison,
/// regexp) on every SqliteConnection it creates, and Microsoft.Data.Sqlite registers them on the native connection
/// at every open and removes them at every close: 18 native calls with locks and handle bookkeeping per opening,
/// about 6% of a list request. The model has no decimal and no query uses Regex, so this connection is created
/// without them; anything that would need them fails loudly ("no such function"), not silently.
/// </summary>
#pragma warning disable EF1001 // EF's SQLite connection is internal API: a change to it breaks this build, not a request.
internal sealed class LeanSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        if (CommandTimeout is { } timeout)
        {
            connection.DefaultTimeout = timeout;
        }
        connection.StateChange += SqliteConnectionSetup.OnStateChange;
        return connection;
    }
}

/// <summary>
/// Set once on each native connection EF opens, when it is first opened:
/// <list type="bullet">
/// <item>A 4 MiB page cache, set here because EF's pool opens a native connection for every request in flight and
/// keeps it (a deep offset page kept 32 requests in flight and took the pool from 4 connections to 11), so the size is
/// paid per connection. At 100,000 articles 1 MiB served as well as SQLite's 2 MiB default and saved 8-9 MiB at the
/// read benchmark's peak; at 1,000,000 it held too little of the trees: the News sitemap's 513 rows cost 4.3 ms of CPU
/// a request against 2.8 ms with 4 MiB (16 MiB: no better), for 18 MiB more at the peak with eight requests in flight.
/// The prepared card statements' connections (<see cref="SqliteStatementCache"/>) keep the default: there are never
/// more of them than cores.</item>
/// <item>SQLite's own busy handler for the connection's <c>DefaultTimeout</c>. Microsoft.Data.Sqlite otherwise
/// retries a locked write every 150 ms, so with eight writers a write that holds the lock for a few milliseconds kept
/// others waiting in 150 ms steps, some past the 1 s busy timeout (503s from the webhook benchmark's eight parallel
/// writers); SQLite's handler retries within milliseconds.</item>
/// </list>
/// </summary>
internal static class SqliteConnectionSetup
{
    public const int KiB = 4 * 1024;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    public static void OnStateChange(object? sender, StateChangeEventArgs e)
    {
        // Every request opens a connection: the lock-free look-up first, the locking add only for a new one.
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection { Handle: { } handle } connection
            && !Configured.TryGetValue(handle, out _) && Configured.TryAdd(handle, Marker))
        {
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_exec(handle, $"PRAGMA cache_size = -{KiB};"), handle);
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_busy_timeout(handle, connection.DefaultTimeout * 1000), handle);
        }
    }
}

internal static class LeanSqliteConnectionExtensions
{
    public static DbContextOptionsBuilder UseLeanSqliteConnection(this DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, LeanSqliteConnection>();
}
#pragma warning restore EF1001
