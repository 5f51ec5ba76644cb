using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// Multi-row INSERT statements, prepared once and reused for every batch, one transaction per batch, with the
/// journal in WAL mode and synchronous=OFF while loading (a crashed load is thrown away anyway).
/// With <c>defer</c>, the search index is built on the other core while the rows are written: a second connection
/// fills the same FTS5 table in a side database file, and its index is copied into the main one at the end
/// (<see cref="SideSearchIndex"/>).
/// </summary>
/// <param name="verifyWord">With a word, the finished search index is checked (see <see cref="SideSearchIndex.VerifyAsync"/>).</param>
internal sealed class SqliteLoader(string connectionString, int rowsPerInsert, string? verifyWord = null) : IBulkLoader
{
    private static readonly string[] LinkTables = ["ArticleAuthors", "ArticleTags", "RelatedArticles"];

    private readonly SqliteConnection _connection = new(connectionString);
    private readonly List<(string Type, string Name, string Sql)> _dropped = [];
    private bool _deferred;
    private MultiRowInsert? _articles;
    private MultiRowInsert? _authors;
    private MultiRowInsert? _tags;
    private MultiRowInsert? _related;
    private MultiRowInsert? _searchKeys;
    private SideSearchIndex? _search;
    private long _nextSearchRowId = 1;

    public async Task PrepareAsync(bool defer)
    {
        await _connection.OpenAsync();
        await ExecuteAsync($"PRAGMA journal_mode={Environment.GetEnvironmentVariable("BENCH_JOURNAL") ?? "WAL"}; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;");
        _deferred = defer;
        if (defer)
        {
            await using (var command = _connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT type, name, sql FROM sqlite_master
                    WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN ('Articles', 'ArticleAuthors', 'ArticleTags', 'RelatedArticles'))
                                              OR (type = 'trigger' AND tbl_name = 'Articles'))
                    ORDER BY rowid
                    """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            foreach (var (type, name, _) in _dropped)
            {
                await ExecuteAsync($"DROP {type.ToUpperInvariant()} \"{name}\";");
            }
        }

        _articles = new MultiRowInsert(_connection, "Articles",
        [
            "Id", "Title", "Subtitle", "Excerpt", "Body", "Slug", "SourceId", "SourceUrl", "Featured", "FeaturedImageUrl",
            "FeaturedImageAlt", "FeaturedImageCaption", "FeaturedImageCredit", "CanonicalUrl", "MetaTitle", "MetaDescription",
            "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "Version", "BodyHtml", "WordCount", "ReadingTimeMinutes",
            "DeletedAt", "LastRevision",
        ], rowsPerInsert);
        _authors = new MultiRowInsert(_connection, "ArticleAuthors", ["ArticleId", "AuthorId", "Position"], rowsPerInsert * 8);
        _tags = new MultiRowInsert(_connection, "ArticleTags", ["ArticleId", "TagId", "Position"], rowsPerInsert * 8);
        _related = new MultiRowInsert(_connection, "RelatedArticles", ["ArticleId", "RelatedId", "Position"], rowsPerInsert * 8);
        if (defer)
        {
            _searchKeys = new MultiRowInsert(_connection, "ArticleSearchKeys", ["RowId", "ArticleId"], rowsPerInsert * 8);
            _search = await SideSearchIndex.StartAsync(_connection);
        }
    }

    public async Task WriteNamedAsync(IReadOnlyList<NamedRow> authors, IReadOnlyList<NamedRow> tags, IReadOnlyList<NamedRow> sources)
    {
        await using var transaction = _connection.BeginTransaction();
        var authorRows = new MultiRowInsert(_connection, "Authors",
            ["Id", "Name", "Slug", "Bio", "Email", "AvatarUrl", "WebsiteUrl", "SocialHandle", "CreatedAt", "UpdatedAt", "Version"], 100);
        foreach (var a in authors)
        {
            authorRows.Add(transaction, a.Id, a.Name, a.Slug, a.Description, a.Email, a.AvatarUrl, a.WebsiteUrl, a.SocialHandle, a.CreatedAt, a.CreatedAt, a.Version);
        }
        authorRows.Flush(transaction);
        var tagRows = new MultiRowInsert(_connection, "Tags", ["Id", "Name", "Slug", "Description", "CreatedAt", "UpdatedAt", "Version"], 100);
        foreach (var t in tags)
        {
            tagRows.Add(transaction, t.Id, t.Name, t.Slug, t.Description, t.CreatedAt, t.CreatedAt, t.Version);
        }
        tagRows.Flush(transaction);
        var sourceRows = new MultiRowInsert(_connection, "Sources", ["Id", "Name", "Slug", "HomepageUrl", "Description", "CreatedAt", "UpdatedAt", "Version"], 100);
        foreach (var s in sources)
        {
            sourceRows.Add(transaction, s.Id, s.Name, s.Slug, s.WebsiteUrl, s.Description, s.CreatedAt, s.CreatedAt, s.Version);
        }
        sourceRows.Flush(transaction);
        await transaction.CommitAsync();
    }

    public async Task WriteBatchAsync(ArticleBatch batch)
    {
        await using var transaction = _connection.BeginTransaction();
        foreach (var a in batch.Articles)
        {
            _articles!.Add(transaction, a.Id, a.Title, a.Subtitle, a.Excerpt, a.Body, a.Slug, a.SourceId, a.SourceUrl, a.Featured,
                a.FeaturedImageUrl, a.FeaturedImageAlt, a.FeaturedImageCaption, a.FeaturedImageCredit, a.CanonicalUrl, a.MetaTitle,
                a.MetaDescription, a.Status, a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.Version, a.BodyHtml, a.WordCount,
                a.ReadingTimeMinutes, null, a.LastRevision);
        }
        _articles!.Flush(transaction);
        foreach (var (rows, insert) in new[] { (batch.Authors, _authors!), (batch.Tags, _tags!), (batch.Related, _related!) })
        {
            foreach (var link in rows)
            {
                insert.Add(transaction, link.ArticleId, link.OtherId, link.Position);
            }
            insert.Flush(transaction);
        }
        if (_search is not null)
        {
            // The search rows are numbered here, in the key table, and the side index uses the same numbers.
            var first = _nextSearchRowId;
            foreach (var a in batch.Articles)
            {
                _searchKeys!.Add(transaction, _nextSearchRowId++, a.Id);
            }
            _searchKeys!.Flush(transaction);
            await _search.AddAsync(batch, first);
        }
        await transaction.CommitAsync();
    }

    public async Task FinishAsync(Action<string, TimeSpan> step)
    {
        if (_deferred)
        {
            var clock = Stopwatch.StartNew();
            foreach (var (_, _, sql) in _dropped.Where(d => d.Type == "index"))
            {
                await ExecuteAsync(sql);
            }
            step("indexes", clock.Elapsed);

            // The side index was built alongside the rows (and while the indexes above were made); what is left is
            // to wait for its last batch and copy it in.
            clock.Restart();
            await _search!.CopyIntoAsync(_connection);
            foreach (var (_, _, sql) in _dropped.Where(d => d.Type == "trigger"))
            {
                await ExecuteAsync(sql);
            }
            step("search index", clock.Elapsed);
            if (verifyWord is not null)
            {
                clock.Restart();
                await SideSearchIndex.VerifyAsync(_connection, verifyWord);
                step("search index check", clock.Elapsed);
            }
        }
        var checkpoint = Stopwatch.StartNew();
        await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        step("checkpoint", checkpoint.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in new[] { _articles, _authors, _tags, _related, _searchKeys })
        {
            insert?.Dispose();
        }
        if (_search is not null)
        {
            await _search.DisposeAsync();
        }
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private Task ExecuteAsync(string sql) => ExecuteAsync(_connection, sql);

    /// <summary>Runs statements with no time limit (a load's index builds take minutes).</summary>
    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// INSERT … VALUES (…), (…), … with one parameter per value: the full-size statement is prepared once and
    /// reused for every batch; a short last statement is made for the rows left over.
    /// </summary>
    private sealed class MultiRowInsert(SqliteConnection connection, string table, string[] columns, int rowsPerStatement) : IDisposable
    {
        private readonly object?[] _pending = new object?[columns.Length * rowsPerStatement];
        private readonly Dictionary<int, SqliteCommand> _commands = [];
        private int _rows;

        public void Add(SqliteTransaction transaction, params ReadOnlySpan<object?> values)
        {
            values.CopyTo(_pending.AsSpan(_rows * columns.Length));
            if (++_rows == rowsPerStatement)
            {
                Flush(transaction);
            }
        }

        public void Flush(SqliteTransaction transaction)
        {
            if (_rows == 0)
            {
                return;
            }
            var command = CommandFor(_rows);
            command.Transaction = transaction;
            var parameters = command.Parameters;
            for (var i = 0; i < _rows * columns.Length; i++)
            {
                parameters[i].Value = _pending[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
            _rows = 0;
        }

        private SqliteCommand CommandFor(int rows)
        {
            if (_commands.TryGetValue(rows, out var command))
            {
                return command;
            }
            command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder($"INSERT INTO \"{table}\" (\"{string.Join("\", \"", columns)}\") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = $"$p{r * columns.Length + c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            _commands[rows] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
        }
    }
}
