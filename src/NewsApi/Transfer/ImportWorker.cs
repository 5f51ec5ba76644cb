using System.Collections.Concurrent;
using System.Threading.Channels;

namespace NewsApi.Transfer;

/// <summary>
/// Runs queued imports one at a time, woken when one is queued. On start it takes up the jobs a stopped server
/// left queued or running. Jobs and their files live on this instance's disk, so only this instance runs them.
/// </summary>
public sealed class ImportWorker(ImportJobStore store, ImportRunner runner, ILogger<ImportWorker> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _finished = new();

    public void Enqueue(Guid id) => _queue.Writer.TryWrite(id);

    /// <summary>Completes when this worker has finished with the job (whatever its outcome): for tests and tools.</summary>
    public Task WhenFinishedAsync(Guid id, CancellationToken cancellationToken) =>
        store.Find(id) is { Status: ImportStatus.Succeeded or ImportStatus.Failed }
            ? Task.CompletedTask
            : Finished(id).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource Finished(Guid id) =>
        _finished.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var job in store.Unfinished())
        {
            Enqueue(job.Id);
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (store.Find(id) is not { Status: ImportStatus.Queued or ImportStatus.Running } job)
            {
                Finished(id).TrySetResult();
                continue;
            }
            try
            {
                await runner.RunAsync(job, store.UploadPath(id), store.Save, stoppingToken);
                store.DeleteUpload(id);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The server goes on whatever one import meets; the job says it failed.
                logger.LogError(e, "Import {Job} failed.", id);
                job.Status = ImportStatus.Failed;
                job.Problem = "The import stopped on an unexpected error; the lines before it are in.";
                store.Save(job);
            }
            Finished(id).TrySetResult();
        }
    }
}
