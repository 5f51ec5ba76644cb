using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsApi.Data;

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
        return connection;
    }
}

internal static class LeanSqliteConnectionExtensions
{
    public static DbContextOptionsBuilder UseLeanSqliteConnection(this DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, LeanSqliteConnection>();
}
#pragma warning restore EF1001
