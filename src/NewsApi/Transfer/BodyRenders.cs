using System.Collections.Concurrent;
using NewsApi.Articles;

namespace NewsApi.Transfer;

/// <summary>
/// Renders and sanitises the article bodies of the next batch of an import while the current one is written:
/// rendering is most of an article's CPU, and the writes keep one core busy, so the two overlap on a second core.
/// </summary>
public sealed class BodyRenders(ArticleBodyRenderer renderer)
{
    private readonly ConcurrentDictionary<ArticleRecord, RenderedBody?> _done = new(ReferenceEqualityComparer.Instance);
    private Task _running = Task.CompletedTask;

    /// <summary>Starts rendering the bodies, after those already started.</summary>
    public void Start(IEnumerable<ArticleRecord> records)
    {
        var list = records.ToList();
        if (list.Count == 0)
        {
            return;
        }
        var before = _running;
        var cores = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) };
        _running = Task.Run(async () =>
        {
            await before;
            Parallel.ForEach(list, cores, record => _done[record] = Render(record));
        });
    }

    /// <summary>The record's body rendered; null when the Markdown nests too deeply to render.</summary>
    public async Task<RenderedBody?> TakeAsync(ArticleRecord record)
    {
        if (!_done.TryRemove(record, out var body))
        {
            await _running;
            body = _done.TryRemove(record, out var late) ? late : Render(record);
        }
        return body;
    }

    private RenderedBody? Render(ArticleRecord record)
    {
        try
        {
            return renderer.Render(record.Body);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
