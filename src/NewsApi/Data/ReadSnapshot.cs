using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsApi.Data;

/// <summary>A transaction that only reads and sees one moment of the database throughout, without stopping writers.</summary>
public static class ReadSnapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite: a deferred transaction takes its snapshot at the first read and, in WAL mode, lets writers go on.
            // EF would begin an immediate one, which holds the write lock for the whole export.
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            return await db.Database.UseTransactionAsync(transaction, cancellationToken)
                   ?? throw new InvalidOperationException("The SQLite transaction was not taken up.");
        }
        // PostgreSQL: repeatable read is snapshot isolation. SQL Server: snapshot isolation needs a database setting,
        // so repeatable read is the nearest it offers by default.
        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }
}
