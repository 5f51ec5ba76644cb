using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Sqlite;
using Npgsql;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// <c>seed</c>: migrates an empty database and fills it with a generated newsroom. The work happens in a side
/// database (<c>…partial</c>) that takes the real name only when complete, so an interrupted run leaves nothing
/// that looks finished.
/// </summary>
internal static class SeedCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        // As in the API: SQLite's memory statistics take a process-wide mutex on every allocation, and building
        // the search index allocates for every token.
        SqliteEngine.Configure();
        var target = BenchDatabase.From(args);
        var count = args.Int("articles", 10_000);
        var seed = args.Int("seed", 42);
        var batchSize = args.Int("batch", 2_000);
        var defer = !args.Flag("no-defer");
        var ifMissing = args.Flag("if-missing");
        var statsFile = args.Optional("stats-file");
        var dryRun = args.Flag("dry-run");
        var verify = args.Flag("verify");
        var rowsPerInsert = args.Int("rows-per-insert", 4);
        var writers = args.Int("writers", Environment.ProcessorCount);
        var now = args.Optional("now") is { } at
            ? DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : DateTime.UtcNow;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        args.EnsureAllRead();
        if (count < 100)
        {
            throw new UsageException("--articles must be at least 100.");
        }

        if (!await target.IsEmptyAsync())
        {
            if (ifMissing && await target.ArticleCountAsync() is > 0 and var existing)
            {
                // A database seeded by an older commit gets the migrations added since (new indexes, say).
                var clock = Stopwatch.StartNew();
                await target.MigrateAsync();
                Console.WriteLine($"seed: reusing {Describe(target)} with {existing:N0} articles (migrated in {clock.Elapsed.TotalSeconds:N1} s)");
                return 0;
            }
            Console.Error.WriteLine($"seed: {Describe(target)} is not empty; the generator only fills an empty database.");
            return 2;
        }

        var work = await SideDatabaseAsync(target);
        var total = Stopwatch.StartNew();
        await work.MigrateAsync();
        var migrate = total.Elapsed;

        var newsroom = new Newsroom(seed, count, now);
        var steps = new List<(string Name, TimeSpan Took)> { ("migrate", migrate) };
        var rows = (long)newsroom.Authors.Count + newsroom.Tags.Count + newsroom.Sources.Count;
        TimeSpan load;
        await using (IBulkLoader loader = work.Provider == DatabaseProvider.Sqlite
                         ? new SqliteLoader(work.ConnectionString, rowsPerInsert, verify ? newsroom.SearchTerms().Word : null)
                         : new PostgresLoader(work.ConnectionString, writers))
        {
            await loader.PrepareAsync(defer);
            await loader.WriteNamedAsync(newsroom.Authors, newsroom.Tags, newsroom.Sources);

            var progress = new Progress(count, "articles");
            var batches = (count + batchSize - 1) / batchSize;
            var pending = new Queue<Task<ArticleBatch>>();
            var next = 0;
            void Schedule()
            {
                // Generation runs ahead on the thread pool while the database writes the previous batch.
                while (pending.Count < 3 && next < batches)
                {
                    var index = next++;
                    pending.Enqueue(Task.Run(() => newsroom.Generate(index, index * batchSize, Math.Min(batchSize, count - index * batchSize))));
                }
            }
            var slugs = new HashSet<string>(count, StringComparer.Ordinal);
            var generatorWait = TimeSpan.Zero;
            Schedule();
            while (pending.Count > 0)
            {
                var waiting = Stopwatch.StartNew();
                var batch = await pending.Dequeue();
                generatorWait += waiting.Elapsed;
                Schedule();
                foreach (var article in batch.Articles)
                {
                    // Slugs are unique, as SlugAllocator would make them: a taken one gets -2, -3, ...
                    var slug = article.Slug;
                    for (var n = 2; !slugs.Add(slug); n++)
                    {
                        slug = $"{article.Slug}-{n}";
                    }
                    article.Slug = slug;
                }
                if (batch.Index == 0)
                {
                    VerifyAgainstRenderer(batch);
                }
                if (!dryRun)
                {
                    await loader.WriteBatchAsync(batch);
                }
                rows += batch.Rows;
                progress.Advance(batch.Articles.Count, batch.Rows);
            }
            progress.Complete();
            load = progress.Elapsed;
            steps.Add(("rows", load));
            steps.Add(("of which waiting for the generator", generatorWait));
            await loader.FinishAsync((name, took) => steps.Add((name, took)));
        }
        if (dryRun)
        {
            // Generated but not written: the side database holds the schema and the authors, tags and sources only.
            Console.WriteLine($"seed: dry run, {count:N0} articles generated in {load.TotalSeconds:F1} s ({count / load.TotalSeconds:N0}/s), none written");
            return 0;
        }
        await PromoteAsync(work, target);
        total.Stop();

        var size = await target.SizeOnDiskAsync();
        var (word, phrase) = newsroom.SearchTerms();
        var seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"seed: {target.Provider} {count:N0} articles, {rows:N0} rows in {seconds:F1} s: {count / seconds:N0} articles/s, {rows / seconds:N0} rows/s end to end; "
            + $"rows alone {count / load.TotalSeconds:N0} articles/s ({(defer ? "indexes, search triggers and foreign keys deferred" : "indexes and triggers live")}); "
            + string.Join(", ", steps.Select(s => $"{s.Name} {s.Took.TotalSeconds:F1} s"))
            + $"; {size / 1048576.0:N0} MiB on disk; search terms \"{word}\" and \"{phrase}\"");

        if (statsFile is not null)
        {
            var record = new Dictionary<string, object?>
            {
                ["kind"] = "seed",
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["provider"] = target.Provider.ToString(),
                ["size"] = count,
                ["seed"] = seed,
                ["deferred"] = defer,
                ["rows"] = rows,
                ["seconds"] = Math.Round(seconds, 2),
                ["articles_per_second"] = Math.Round(count / seconds),
                ["rows_per_second"] = Math.Round(rows / seconds),
                ["load_articles_per_second"] = Math.Round(count / load.TotalSeconds),
                ["load_rows_per_second"] = Math.Round(rows / load.TotalSeconds),
                ["steps"] = steps.ToDictionary(s => s.Name, s => Math.Round(s.Took.TotalSeconds, 2)),
                ["bytes"] = size,
            };
            await File.AppendAllTextAsync(statsFile, JsonSerializer.Serialize(record) + "\n");
        }
        return 0;
    }

    /// <summary>The generated body must be exactly what the API's renderer makes of it; checked on a few articles per run.</summary>
    private static void VerifyAgainstRenderer(ArticleBatch batch)
    {
        var renderer = new ArticleBodyRenderer();
        foreach (var article in batch.Articles.Take(5))
        {
            var rendered = renderer.Render(article.Body);
            if (rendered.Html != article.BodyHtml || rendered.WordCount != article.WordCount || rendered.ReadingTimeMinutes != article.ReadingTimeMinutes)
            {
                throw new InvalidOperationException(
                    $"The generated HTML of article {article.Id} differs from the renderer's ({rendered.WordCount} words, {rendered.ReadingTimeMinutes} min):\n"
                    + $"renderer:  {rendered.Html[..Math.Min(300, rendered.Html.Length)]}\ngenerator: {article.BodyHtml[..Math.Min(300, article.BodyHtml.Length)]} ({article.WordCount} words)");
            }
        }
    }

    private static async Task<BenchDatabase> SideDatabaseAsync(BenchDatabase target)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var path = Path.GetFullPath(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            foreach (var suffix in new[] { ".partial", ".partial-wal", ".partial-shm" })
            {
                File.Delete(path + suffix);
            }
            return target.WithDatabase(path + ".partial");
        }
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database
                   ?? throw new UsageException("The PostgreSQL connection string must name a Database.");
        if (await target.PostgresDatabaseExistsAsync(name))
        {
            return target; // exists and has no tables: fill it in place
        }
        await target.PostgresAdminAsync($"DROP DATABASE IF EXISTS \"{name}_partial\"");
        await target.PostgresAdminAsync($"CREATE DATABASE \"{name}_partial\"");
        return target.WithDatabase(name + "_partial");
    }

    private static async Task PromoteAsync(BenchDatabase work, BenchDatabase target)
    {
        if (work == target)
        {
            return;
        }
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var from = new SqliteConnectionStringBuilder(work.ConnectionString).DataSource;
            var to = Path.GetFullPath(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource);
            File.Move(from, to, overwrite: false);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                File.Delete(from + suffix);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
        await target.PostgresAdminAsync($"ALTER DATABASE \"{name}_partial\" RENAME TO \"{name}\"");
    }

    private static string Describe(BenchDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource
        : "database " + new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
}
