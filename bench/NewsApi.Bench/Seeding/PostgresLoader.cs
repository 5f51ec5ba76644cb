using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// Binary COPY (<see cref="NpgsqlConnection.BeginBinaryImport"/>), one transaction per batch. The search vector
/// is a stored generated column, so PostgreSQL computes it during the COPY whatever we do; deferring indexes
/// and foreign keys leaves that as the main cost. It is paid by the server process of each connection, so batches
/// go to several connections at once (<c>writers</c>, one per core by default).
/// </summary>
internal sealed class PostgresLoader(string connectionString, int writers) : IBulkLoader
{
    private const string ArticleColumns = """
        "Id", "Title", "Subtitle", "Excerpt", "Body", "Slug", "SourceId", "SourceUrl", "Featured", "FeaturedImageUrl",
        "FeaturedImageAlt", "FeaturedImageCaption", "FeaturedImageCredit", "CanonicalUrl", "MetaTitle", "MetaDescription",
        "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "Version", "BodyHtml", "WordCount", "ReadingTimeMinutes",
        "DeletedAt", "LastRevision"
        """;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private readonly List<(string Name, string Sql)> _indexes = [];
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];
    private readonly List<(NpgsqlConnection Connection, Task Work)> _writers = [];
    private bool _deferred;

    public async Task PrepareAsync(bool defer)
    {
        await _connection.OpenAsync();
        await ExecuteAsync("SET synchronous_commit = off;");
        _deferred = defer;
        if (!defer)
        {
            return;
        }
        await using (var command = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema()
              AND i.tablename IN ('Articles', 'ArticleAuthors', 'ArticleTags', 'RelatedArticles')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname
            """, _connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                _indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        await using (var command = new NpgsqlCommand("""
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relname IN ('Articles', 'ArticleAuthors', 'ArticleTags', 'RelatedArticles')
            ORDER BY c.conname
            """, _connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                _foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        foreach (var (table, name, _) in _foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\";");
        }
        foreach (var (name, _) in _indexes)
        {
            await ExecuteAsync($"DROP INDEX \"{name}\";");
        }
    }

    public async Task WriteNamedAsync(IReadOnlyList<NamedRow> authors, IReadOnlyList<NamedRow> tags, IReadOnlyList<NamedRow> sources)
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        await CopyNamedAsync("Authors", """ "Name", "Slug", "Bio", "Email", "AvatarUrl", "WebsiteUrl", "SocialHandle" """, authors, (w, a) =>
        {
            Text(w, a.Name);
            Text(w, a.Slug);
            Text(w, a.Description);
            Text(w, a.Email);
            Text(w, a.AvatarUrl);
            Text(w, a.WebsiteUrl);
            Text(w, a.SocialHandle);
        });
        await CopyNamedAsync("Tags", """ "Name", "Slug", "Description" """, tags, (w, t) =>
        {
            Text(w, t.Name);
            Text(w, t.Slug);
            Text(w, t.Description);
        });
        await CopyNamedAsync("Sources", """ "Name", "Slug", "HomepageUrl", "Description" """, sources, (w, s) =>
        {
            Text(w, s.Name);
            Text(w, s.Slug);
            Text(w, s.WebsiteUrl);
            Text(w, s.Description);
        });
        await transaction.CommitAsync();
    }

    /// <summary>One binary COPY of authors, tags or sources: the id, the table's own columns, then the audit columns.</summary>
    private async Task CopyNamedAsync(string table, string columns, IReadOnlyList<NamedRow> rows, Action<NpgsqlBinaryImporter, NamedRow> write)
    {
        await using var writer = await _connection.BeginBinaryImportAsync(
            $"""COPY "{table}" ("Id", {columns.Trim()}, "CreatedAt", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)""");
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(row.Id, NpgsqlDbType.Uuid);
            write(writer, row);
            writer.Write(row.CreatedAt, NpgsqlDbType.TimestampTz);
            writer.Write(row.CreatedAt, NpgsqlDbType.TimestampTz);
            writer.Write(row.Version, NpgsqlDbType.Uuid);
        }
        await writer.CompleteAsync();
    }

    public async Task WriteBatchAsync(ArticleBatch batch)
    {
        if (_writers.Count < Math.Max(1, writers))
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var command = new NpgsqlCommand("SET synchronous_commit = off;", connection))
            {
                await command.ExecuteNonQueryAsync();
            }
            _writers.Add((connection, Task.CompletedTask));
        }
        // The next free connection takes the batch; the caller goes on generating.
        await Task.WhenAny(_writers.Select(w => w.Work));
        var free = _writers.FindIndex(w => w.Work.IsCompleted);
        await _writers[free].Work;
        var chosen = _writers[free].Connection;
        _writers[free] = (chosen, Task.Run(() => CopyAsync(chosen, batch)));
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ArticleBatch batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY \"Articles\" ({ArticleColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in batch.Articles)
            {
                writer.StartRow();
                writer.Write(a.Id, NpgsqlDbType.Uuid);
                Text(writer, a.Title);
                Text(writer, a.Subtitle);
                Text(writer, a.Excerpt);
                Text(writer, a.Body);
                Text(writer, a.Slug);
                Nullable(writer, a.SourceId, NpgsqlDbType.Uuid);
                Text(writer, a.SourceUrl);
                writer.Write(a.Featured, NpgsqlDbType.Boolean);
                Text(writer, a.FeaturedImageUrl);
                Text(writer, a.FeaturedImageAlt);
                Text(writer, a.FeaturedImageCaption);
                Text(writer, a.FeaturedImageCredit);
                Text(writer, a.CanonicalUrl);
                Text(writer, a.MetaTitle);
                Text(writer, a.MetaDescription);
                Text(writer, a.Status);
                Nullable(writer, a.PublishedAt, NpgsqlDbType.TimestampTz);
                writer.Write(a.CreatedAt, NpgsqlDbType.TimestampTz);
                writer.Write(a.UpdatedAt, NpgsqlDbType.TimestampTz);
                writer.Write(a.Version, NpgsqlDbType.Uuid);
                Text(writer, a.BodyHtml);
                writer.Write(a.WordCount, NpgsqlDbType.Integer);
                writer.Write(a.ReadingTimeMinutes, NpgsqlDbType.Integer);
                writer.WriteNull(); // DeletedAt: nothing is in the trash
                writer.Write(a.LastRevision, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        foreach (var (table, other, rows) in new[] { ("ArticleAuthors", "AuthorId", batch.Authors), ("ArticleTags", "TagId", batch.Tags), ("RelatedArticles", "RelatedId", batch.Related) })
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" (\"ArticleId\", \"{other}\", \"Position\") FROM STDIN (FORMAT BINARY)");
            foreach (var link in rows)
            {
                writer.StartRow();
                writer.Write(link.ArticleId, NpgsqlDbType.Uuid);
                writer.Write(link.OtherId, NpgsqlDbType.Uuid);
                writer.Write(link.Position, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task FinishAsync(Action<string, TimeSpan> step)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_writers.Select(w => w.Work));
        foreach (var (connection, _) in _writers)
        {
            await connection.DisposeAsync();
        }
        _writers.Clear();
        step("last batches", clock.Elapsed);
        clock.Restart();
        if (_deferred)
        {
            await ExecuteAsync("SET maintenance_work_mem = '1GB';");
            foreach (var (_, sql) in _indexes)
            {
                await ExecuteAsync(sql + ";");
            }
            step("indexes", clock.Elapsed);
            clock.Restart();
            foreach (var (table, name, definition) in _foreignKeys)
            {
                await ExecuteAsync($"ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition};");
            }
            step("foreign keys", clock.Elapsed);
            clock.Restart();
        }
        // A database that has been in use for a while has been vacuumed and analysed by autovacuum; do it now
        // rather than let autovacuum do it in the middle of a measurement.
        await ExecuteAsync("VACUUM ANALYZE;");
        step("vacuum analyze", clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, _) in _writers)
        {
            await connection.DisposeAsync();
        }
        await _connection.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
