using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Transfer;

/// <summary>
/// Runs an import job over its file: the worker and the command line both come here. Lines before the job's
/// recorded progress are passed over, so a job picked up again after a crash carries on where it was.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, ArticleBodyRenderer renderer, TimeProvider time, ILogger<ImportRunner> logger)
{
    public const int BatchSize = 500;

    /// <param name="save">Called after every batch and at the end: the job's state as it is now.</param>
    public async Task RunAsync(ImportJob job, string path, Action<ImportJob> save, CancellationToken cancellationToken)
    {
        job.Status = ImportStatus.Running;
        if (job.Total is null)
        {
            await using var counting = OpenRead(path);
            job.Total = job.Format == ImportFormat.Wxr
                ? await WxrReader.CountAsync(counting, cancellationToken)
                : await NdjsonReader.CountLinesAsync(counting, cancellationToken);
        }
        save(job);

        try
        {
            await ImportLinesAsync(job, path, save, cancellationToken);
            job.Status = ImportStatus.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job stays running and is taken up again from its progress on the next start.
            save(job);
            throw;
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or InvalidDataException)
        {
            logger.LogWarning(e, "Import {Job} stopped: its file could not be read.", job.Id);
            job.Status = ImportStatus.Failed;
            job.Problem = "The file could not be read to its end.";
        }
        job.FinishedAt = time.GetUtcNow().UtcDateTime;
        save(job);
        await ForgetCachedAnswersAsync(cancellationToken);
    }

    private async Task ImportLinesAsync(ImportJob job, string path, Action<ImportJob> save, CancellationToken cancellationToken)
    {
        var deferred = new List<(long, ArticleRecord)>();
        var renders = new BodyRenders(renderer);
        // A batch's bodies are rendered while the batch before it is written.
        List<(long Index, ImportLine Line)>? previous = null;
        var lines = new List<(long Index, ImportLine Line)>(BatchSize);
        long index = 0;
        await foreach (var line in Read(job.Format, path, cancellationToken))
        {
            index++;
            if (index <= job.Processed)
            {
                if (line.Record is ArticleRecord { RelatedArticleIds.Count: > 0 } passed)
                {
                    deferred.Add((line.Line, passed));
                }
                continue;
            }
            lines.Add((index, line));
            if (index % BatchSize == 0)
            {
                await NextBatchAsync();
            }
        }
        await NextBatchAsync();
        await ImportBatchAsync(job, previous ?? [], deferred, renders, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RecordImporter>();
        importer.Deferred.AddRange(deferred);
        var linkErrors = await importer.LinkDeferredAsync(cancellationToken);
        job.AddErrors(linkErrors);
        job.Failed += linkErrors.Select(e => e.Line).Distinct().Count();

        // Starts rendering the batch just read, writes the one before it, and keeps the new one for the next turn.
        async Task NextBatchAsync()
        {
            renders.Start(Articles(lines));
            if (previous is not null)
            {
                await ImportBatchAsync(job, previous, deferred, renders, cancellationToken);
                save(job);
            }
            (previous, lines) = (lines, new List<(long Index, ImportLine Line)>(BatchSize));
        }
    }

    /// <summary>
    /// One transaction per batch: one commit (one sync to disk) for many records. It first runs without a savepoint
    /// per record, which SQLite pays for with a statement journal of every page each record touches; a record that
    /// only fails validation has written nothing, so it needs none. Only when the database itself refuses a record
    /// (a unique key taken meanwhile) is the batch rolled back and run again with a savepoint around each record.
    /// </summary>
    private async Task ImportBatchAsync(ImportJob job, List<(long Index, ImportLine Line)> lines, List<(long, ArticleRecord)> deferred,
        BodyRenders renders, CancellationToken cancellationToken)
    {
        if (lines.Count > 0 && !await TryBatchAsync(job, lines, deferred, renders, savepoints: false, cancellationToken))
        {
            await TryBatchAsync(job, lines, deferred, renders, savepoints: true, cancellationToken);
        }
    }

    private static IEnumerable<ArticleRecord> Articles(List<(long Index, ImportLine Line)> lines) =>
        lines.Select(l => l.Line).Where(l => l is { Skip: false, Error: null }).Select(l => l.Record).OfType<ArticleRecord>();

    private async Task<bool> TryBatchAsync(ImportJob job, List<(long Index, ImportLine Line)> lines, List<(long, ArticleRecord)> deferred,
        BodyRenders renders, bool savepoints, CancellationToken cancellationToken)
    {
        // A fresh context per batch: nothing the last one tracked or cached lingers.
        await using var scope = scopes.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RecordImporter>();
        await using var cache = await BulkWriteCache.WidenAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), cancellationToken);
        await using var batch = await importer.BeginBatchAsync(savepoints, cancellationToken);
        // What the batch counts is applied to the job only once it is committed, so that the saved progress and
        // counts never run ahead of what is in the database.
        var pending = new ImportJob { Processed = job.Processed };
        // Without savepoints, runs of article lines are imported together (RecordImporter.ImportArticlesAsync).
        var run = new List<(long Index, long Line, ArticleRecord Record)>();
        foreach (var (index, line) in lines)
        {
            if (!savepoints && line is { Skip: false, Error: null, Record: ArticleRecord article })
            {
                run.Add((index, line.Line, article));
                continue;
            }
            if (!await ImportRunAsync(importer, run, job.Mode, renders, pending, cancellationToken))
            {
                return false;
            }
            if (line.Skip)
            {
                pending.Skipped++;
            }
            else if (line.Error is { } error)
            {
                pending.Failed++;
                pending.Errors.Add(error);
            }
            else if (await importer.ImportAsync(line.Line, line.Record!, job.Mode, cancellationToken) is { } outcome)
            {
                pending.Count(outcome);
            }
            else
            {
                return false;
            }
            pending.Processed = index;
        }
        if (!await ImportRunAsync(importer, run, job.Mode, renders, pending, cancellationToken))
        {
            return false;
        }
        await batch.CommitAsync(cancellationToken);
        Apply(job, pending);
        deferred.AddRange(importer.Deferred);
        return true;
    }

    /// <summary>Imports the run of article lines gathered so far and empties it; false when the database refused it.</summary>
    private static async Task<bool> ImportRunAsync(RecordImporter importer, List<(long Index, long Line, ArticleRecord Record)> run, ImportMode mode,
        BodyRenders renders, ImportJob pending, CancellationToken cancellationToken)
    {
        if (run.Count == 0)
        {
            return true;
        }
        if (await importer.ImportArticlesAsync([.. run.Select(r => (r.Line, r.Record))], mode, renders, cancellationToken) is not { } outcomes)
        {
            return false;
        }
        foreach (var outcome in outcomes)
        {
            pending.Count(outcome);
        }
        pending.Processed = run[^1].Index;
        run.Clear();
        return true;
    }

    private static void Apply(ImportJob job, ImportJob batch)
    {
        job.Processed = batch.Processed;
        job.Created += batch.Created;
        job.Updated += batch.Updated;
        job.Skipped += batch.Skipped;
        job.Failed += batch.Failed;
        job.AddErrors(batch.Errors);
        (batch.Created, batch.Updated, batch.Skipped, batch.Failed) = (0, 0, 0, 0);
        batch.Errors.Clear();
    }

    private IAsyncEnumerable<ImportLine> Read(ImportFormat format, string path, CancellationToken cancellationToken) =>
        format == ImportFormat.Wxr
            ? WxrReader.ReadAsync(() => OpenRead(path), renderer.Sanitize, cancellationToken)
            : ReadNdjsonAsync(path, cancellationToken);

    private static async IAsyncEnumerable<ImportLine> ReadNdjsonAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var input = OpenRead(path);
        await foreach (var line in NdjsonReader.ReadAsync(input, cancellationToken))
        {
            yield return line;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    /// <summary>An import can change anything a cached answer shows, and what is scheduled next.</summary>
    private async Task ForgetCachedAnswersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ArticleCounts>().Forget();
        services.GetService<ScheduledPublications>()?.Forget();
        if (services.GetRequiredService<IOptions<OutputCachingOptions>>().Value.Enabled && services.GetService<IOutputCacheStore>() is { } store)
        {
            await store.EvictByTagAsync(CacheTags.Everything, cancellationToken);
        }
    }
}
