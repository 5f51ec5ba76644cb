using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsApi.Data;

/// <summary>
/// SQLite's built-in lower() and upper() know only ASCII, so "Émile" would never match "émile". Every connection
/// gets Unicode-aware versions under the same names, which EF's ToLower()/ToUpper() translations then use.
/// Functions live on the native connection, which the pool keeps open and hands to one request after another,
/// so each native connection gets them once: registering them on every open allocated finalizable hooks per
/// request, which the finalizer thread then spent a quarter of the server's time releasing.
/// </summary>
internal sealed class SqliteUnicodeFunctions : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Registered = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && Registered.TryAdd(handle, Registered))
        {
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
            sqlite.CreateFunction("upper", (string? value) => value?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}
