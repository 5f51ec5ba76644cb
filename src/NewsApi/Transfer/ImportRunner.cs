using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
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
        var scope = scopes.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RecordImporter>();
        var batch = await importer.BeginBatchAsync(cancellationToken);
        var deferred = new List<(long, ArticleRecord)>();
        // What the open batch has counted, applied to the job only once the batch is committed, so that the saved
        // progress and counts never run ahead of what is in the database.
        var pending = new ImportJob { Processed = job.Processed };
        try
        {
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
                if (line.Skip)
                {
                    pending.Skipped++;
                }
                else if (line.Error is { } error)
                {
                    pending.Failed++;
                    pending.Errors.Add(error);
                }
                else
                {
                    pending.Count(await importer.ImportAsync(line.Line, line.Record!, job.Mode, cancellationToken));
                }
                pending.Processed = index;
                if (index % BatchSize == 0)
                {
                    await batch.CommitAsync(cancellationToken);
                    await batch.DisposeAsync();
                    Apply(job, pending);
                    deferred.AddRange(importer.Deferred);
                    importer.Deferred.Clear();
                    // A fresh context per batch: nothing the last one tracked or cached lingers.
                    await scope.DisposeAsync();
                    scope = scopes.CreateAsyncScope();
                    importer = scope.ServiceProvider.GetRequiredService<RecordImporter>();
                    batch = await importer.BeginBatchAsync(cancellationToken);
                    save(job);
                }
            }
            await batch.CommitAsync(cancellationToken);
            await batch.DisposeAsync();
            Apply(job, pending);
            importer.Deferred.InsertRange(0, deferred);
            var linkErrors = await importer.LinkDeferredAsync(cancellationToken);
            job.AddErrors(linkErrors);
            job.Failed += linkErrors.Select(e => e.Line).Distinct().Count();
        }
        finally
        {
            await scope.DisposeAsync();
        }
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
