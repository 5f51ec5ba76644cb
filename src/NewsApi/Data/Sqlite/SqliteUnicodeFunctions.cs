using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// SQLite's built-in lower() and upper() know only ASCII, so "Émile" would never match "émile". Every connection
/// gets Unicode-aware versions under the same names, which EF's ToLower()/ToUpper() translations then use.
/// They are registered on the native connection, once: the pool keeps it open and hands it to one request after
/// another. (SqliteConnection.CreateFunction would instead register them again on every open and remove them on
/// every close, allocating finalizable hooks each time.)
/// </summary>
internal sealed class SqliteUnicodeFunctions : DbConnectionInterceptor
{
    private const int Utf8Deterministic = raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC;
    private static readonly ConditionalWeakTable<sqlite3, object> Registered = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && Registered.TryAdd(handle, Registered))
        {
            Create(handle, "lower", static text => text.ToLowerInvariant());
            Create(handle, "upper", static text => text.ToUpperInvariant());
        }
    }

    private static void Create(sqlite3 handle, string name, Func<string, string> map)
    {
        var rc = raw.sqlite3_create_function(handle, name, 1, Utf8Deterministic, null, (context, _, args) =>
        {
            if (raw.sqlite3_value_type(args[0]) == raw.SQLITE_NULL)
            {
                raw.sqlite3_result_null(context);
                return;
            }
            raw.sqlite3_result_text(context, map(raw.sqlite3_value_text(args[0]).utf8_to_string()));
        });
        SqliteException.ThrowExceptionForRC(rc, handle);
    }
}
