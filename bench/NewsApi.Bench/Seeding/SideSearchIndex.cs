using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// The articles' FTS5 index, built by a connection and thread of its own in a side database file while the main
/// connection writes the rows, so tokenising (most of a load's time) runs on the other core. Built afterwards in
/// the main file, whose page cache it shares with gigabytes of articles being read back, it took twice as long.
/// The side table is made by the main table's own CREATE statement, so its shadow tables (<c>_data</c>,
/// <c>_idx</c>, <c>_docsize</c>) have the same layout and are copied in row for row; the main table's
/// <c>_config</c> keeps its own settings.
/// </summary>
internal sealed class SideSearchIndex : IAsyncDisposable
{
    private const string Table = "ArticleSearch";
    private static readonly string[] CopiedShadowTables = ["data", "idx", "docsize"];

    /// <summary>
    /// FTS5 writes its pending terms out as a new segment every <c>hashsize</c> bytes (1 MB by default) and merges
    /// segments as they pile up: a load with 256 MB makes a few large ones. Set on the side table only.
    /// </summary>
    private const int LoadHashSize = 256 * 1024 * 1024;

    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly Channel<(ArticleBatch Batch, long FirstRowId)> _batches =
        Channel.CreateBounded<(ArticleBatch, long)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly Task _writer;

    private SideSearchIndex(SqliteConnection connection, string path)
    {
        _connection = connection;
        _path = path;
        _writer = Task.Factory.StartNew(() =>
        {
            try
            {
                Write();
            }
            catch (Exception exception)
            {
                // The loader's next AddAsync fails with this instead of waiting for room that never comes.
                _batches.Writer.TryComplete(exception);
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static async Task<SideSearchIndex> StartAsync(SqliteConnection main)
    {
        string create;
        await using (var command = main.CreateCommand())
        {
            command.CommandText = $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{Table}'";
            create = (string?)await command.ExecuteScalarAsync()
                     ?? throw new InvalidOperationException($"The migrated database has no {Table} table.");
        }
        var path = main.DataSource + "-search";
        DeleteFiles(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        // A throwaway file: no journal, no syncing.
        await SqliteLoader.ExecuteAsync(connection, $"""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;
            {create};
            INSERT INTO "{Table}" ("{Table}", rank) VALUES ('hashsize', {LoadHashSize});
            """);
        return new SideSearchIndex(connection, path);
    }

    /// <summary>Queues a batch; the rows get the numbers <paramref name="firstRowId"/> onwards, in order.</summary>
    public ValueTask AddAsync(ArticleBatch batch, long firstRowId) => _batches.Writer.WriteAsync((batch, firstRowId));

    /// <summary>Waits for the last batch, then replaces the main table's index with the side one.</summary>
    public async Task CopyIntoAsync(SqliteConnection main)
    {
        _batches.Writer.TryComplete();
        await _writer;
        await _connection.CloseAsync();

        await SqliteLoader.ExecuteAsync(main, $"ATTACH DATABASE '{_path.Replace("'", "''")}' AS side;");
        try
        {
            await using var transaction = main.BeginTransaction();
            foreach (var shadow in CopiedShadowTables)
            {
                await SqliteLoader.ExecuteAsync(main, $"""
                    DELETE FROM main."{Table}_{shadow}";
                    INSERT INTO main."{Table}_{shadow}" SELECT * FROM side."{Table}_{shadow}";
                    """, transaction);
            }
            await transaction.CommitAsync();
        }
        finally
        {
            await SqliteLoader.ExecuteAsync(main, "DETACH DATABASE side;");
        }
    }

    /// <summary>
    /// Checks a finished index: FTS5's own integrity check, one key row per article, and every match of
    /// <paramref name="word"/> (a common word of the generated text) an article whose text holds it.
    /// </summary>
    public static async Task VerifyAsync(SqliteConnection main, string word)
    {
        await SqliteLoader.ExecuteAsync(main, $"""INSERT INTO "{Table}" ("{Table}", rank) VALUES ('integrity-check', 0);""");
        var keys = await ScalarAsync(main, """SELECT (SELECT count(*) FROM "ArticleSearchKeys") - (SELECT count(*) FROM "Articles")""");
        var matches = await ScalarAsync(main, $"""SELECT count(*) FROM "{Table}" WHERE "{Table}" MATCH $word""", word);
        var wrong = await ScalarAsync(main, $"""
            SELECT count(*) FROM "{Table}" s
            JOIN "ArticleSearchKeys" k ON k."RowId" = s.rowid
            JOIN "Articles" a ON a."Id" = k."ArticleId"
            WHERE "{Table}" MATCH $word
              AND instr(lower(a."Title" || ' ' || coalesce(a."Subtitle", '') || ' ' || coalesce(a."Excerpt", '') || ' ' || a."Body"), $word) = 0
            """, word);
        if (keys != 0 || matches == 0 || wrong != 0)
        {
            throw new InvalidOperationException(
                $"The search index does not match the articles: {keys} key rows more than articles, {matches} matches of \"{word}\", {wrong} of them in articles without it.");
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, string? word = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        if (word is not null)
        {
            command.Parameters.AddWithValue("$word", word);
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        try
        {
            await _writer;
        }
        catch (Exception)
        {
            // Already reported: by CopyIntoAsync, or by the loader's AddAsync, whose load failed with it.
        }
        await _connection.DisposeAsync();
        DeleteFiles(_path);
    }

    private void Write()
    {
        using var insert = _connection.CreateCommand();
        insert.CommandText = $"""INSERT INTO "{Table}" (rowid, "Title", "Subtitle", "Excerpt", "Body") VALUES ($rowid, $title, $subtitle, $excerpt, $body)""";
        var rowId = insert.Parameters.Add("$rowid", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var subtitle = insert.Parameters.Add("$subtitle", SqliteType.Text);
        var excerpt = insert.Parameters.Add("$excerpt", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var reader = _batches.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                using var transaction = _connection.BeginTransaction();
                insert.Transaction = transaction;
                var next = item.FirstRowId;
                foreach (var article in item.Batch.Articles)
                {
                    // As the search triggers write it: a missing subtitle or excerpt is empty text.
                    rowId.Value = next++;
                    title.Value = article.Title;
                    subtitle.Value = article.Subtitle ?? "";
                    excerpt.Value = article.Excerpt ?? "";
                    body.Value = article.Body;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
        }
    }

    private static void DeleteFiles(string path)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
