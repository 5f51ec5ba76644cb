using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data;

public static class OneOpening
{
    /// <summary>
    /// A read's statements on one opening of the connection: EF would open and close it around each, and every
    /// opening takes a connection from the pool and hands it back.
    /// </summary>
    public static async Task<T> OnOneOpeningAsync<T>(this NewsDbContext db, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
