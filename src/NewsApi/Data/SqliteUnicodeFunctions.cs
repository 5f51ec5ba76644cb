using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsApi.Data;

/// <summary>
/// SQLite's built-in lower() and upper() know only ASCII, so "Émile" would never match "émile". Every connection
/// gets Unicode-aware versions under the same names, which EF's ToLower()/ToUpper() translations then use.
/// </summary>
internal sealed class SqliteUnicodeFunctions : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
            sqlite.CreateFunction("upper", (string? value) => value?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}
