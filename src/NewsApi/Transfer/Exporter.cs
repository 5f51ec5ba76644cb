using System.Buffers;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Transfer;

/// <summary>What an export adds to the content: revisions and old slugs are history, asked for by name.</summary>
public sealed record ExportOptions(bool Revisions, bool Redirects);

/// <summary>
/// Writes every resource as NDJSON: authors, tags, sources, then articles (trashed ones too, with deletedAt), then
/// revisions and redirects when asked for. All lines come from one read transaction, so they agree with each other;
/// rows are read in keyset batches without tracking, so memory does not grow with the content.
/// </summary>
public sealed class Exporter(NewsDbContext db)
{
    /// <summary>Articles a batch: two batches are in memory at once, one read while the other is written.</summary>
    internal int BatchSize { get; init; } = 500;

    /// <param name="progress">Called with the number of articles written so far, after each batch.</param>
    public async Task WriteAsync(Stream output, ExportOptions options, Action<long>? progress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await using var transaction = await ReadSnapshot.BeginAsync(db, cancellationToken);

        await WriteAllAsync(output, ct => db.Authors.IgnoreQueryFilters().OrderBy(a => a.Id).Select(a => new AuthorRecord
        {
            Id = a.Id, Name = a.Name, Slug = a.Slug, Bio = a.Bio, Email = a.Email, AvatarUrl = a.AvatarUrl,
            WebsiteUrl = a.WebsiteUrl, SocialHandle = a.SocialHandle, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
        }).AsAsyncEnumerable(), cancellationToken);
        await WriteAllAsync(output, ct => db.Tags.IgnoreQueryFilters().OrderBy(t => t.Id).Select(t => new TagRecord
        {
            Id = t.Id, Name = t.Name, Slug = t.Slug, Description = t.Description, CreatedAt = t.CreatedAt, UpdatedAt = t.UpdatedAt,
        }).AsAsyncEnumerable(), cancellationToken);
        await WriteAllAsync(output, ct => db.Sources.IgnoreQueryFilters().OrderBy(s => s.Id).Select(s => new SourceRecord
        {
            Id = s.Id, Name = s.Name, Slug = s.Slug, HomepageUrl = s.HomepageUrl, Description = s.Description,
            CreatedAt = s.CreatedAt, UpdatedAt = s.UpdatedAt,
        }).AsAsyncEnumerable(), cancellationToken);

        // The next batch is read while the last one is serialised and written, so the database and the writer each
        // keep a core busy; a batch is written with one call, not a call a line.
        long written = 0;
        Guid? after = null;
        var writing = Task.CompletedTask;
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var batch = await ArticleBatchAsync(after, cancellationToken);
                await writing;
                progress?.Invoke(written);
                writing = Task.Run(() => WriteBatchAsync(output, buffer, batch, cancellationToken), cancellationToken);
                written += batch.Count;
                if (batch.Count < BatchSize)
                {
                    break;
                }
                after = batch[^1].Id;
            }
            await writing;
        }
        finally
        {
            // A failed read leaves no write running behind it on the output.
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        progress?.Invoke(written);

        if (options.Revisions)
        {
            await WriteAllAsync(output, ct => db.ArticleRevisions.IgnoreQueryFilters().OrderBy(r => r.ArticleId).ThenBy(r => r.Number)
                .Select(r => new RevisionRecord
                {
                    Id = r.Id, ArticleId = r.ArticleId, Number = r.Number, CreatedAt = r.CreatedAt, CreatedBy = r.CreatedBy, Snapshot = r.Snapshot,
                }).AsAsyncEnumerable(), cancellationToken);
        }
        if (options.Redirects)
        {
            await WriteAllAsync(output, ct => db.ArticleSlugRedirects.IgnoreQueryFilters().OrderBy(r => r.Slug)
                .Select(r => new RedirectRecord { Slug = r.Slug, ArticleId = r.ArticleId, CreatedAt = r.CreatedAt })
                .AsAsyncEnumerable(), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A batch of articles, then the links of the whole batch with one range read of each link table's index (the
    /// batch is a run of ids): four short statements instead of a split query that repeats the batch's query in each.
    /// </summary>
    private async Task<List<ArticleRecord>> ArticleBatchAsync(Guid? after, CancellationToken cancellationToken)
    {
        var articles = db.Articles.IgnoreQueryFilters();
        if (after is { } last)
        {
            articles = articles.Where(a => a.Id.CompareTo(last) > 0);
        }
        var batch = await articles.OrderBy(a => a.Id).Take(BatchSize).Select(a => new ArticleRecord
        {
            Id = a.Id,
            Slug = a.Slug,
            Title = a.Title,
            Subtitle = a.Subtitle,
            Excerpt = a.Excerpt,
            Body = a.Body,
            SourceId = a.SourceId,
            SourceUrl = a.SourceUrl,
            Featured = a.Featured,
            // A media asset's image leaves as its URL with the text it shows: media are not exported, so another
            // server takes it as an image hosted here.
            FeaturedImage = a.FeaturedImageUrl == null ? null : new FeaturedImage
            {
                Url = a.FeaturedImageUrl, Alt = a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt,
                Caption = a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption, Credit = a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
            },
            CanonicalUrl = a.CanonicalUrl,
            MetaTitle = a.MetaTitle,
            MetaDescription = a.MetaDescription,
            Status = a.Status,
            PublishedAt = a.PublishedAt,
            DeletedAt = a.DeletedAt,
            CreatedAt = a.CreatedAt,
            UpdatedAt = a.UpdatedAt,
        }).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return batch;
        }
        var (low, high) = (batch[0].Id, batch[^1].Id);
        var authors = (await db.ArticleAuthors.IgnoreQueryFilters()
            .Where(l => l.ArticleId.CompareTo(low) >= 0 && l.ArticleId.CompareTo(high) <= 0)
            .OrderBy(l => l.ArticleId).ThenBy(l => l.Position).Select(l => new { l.ArticleId, Id = l.AuthorId })
            .ToListAsync(cancellationToken)).ToLookup(l => l.ArticleId, l => l.Id);
        var tags = (await db.ArticleTags.IgnoreQueryFilters()
            .Where(l => l.ArticleId.CompareTo(low) >= 0 && l.ArticleId.CompareTo(high) <= 0)
            .OrderBy(l => l.ArticleId).ThenBy(l => l.Position).Select(l => new { l.ArticleId, Id = l.TagId })
            .ToListAsync(cancellationToken)).ToLookup(l => l.ArticleId, l => l.Id);
        var related = (await db.RelatedArticles.IgnoreQueryFilters()
            .Where(l => l.ArticleId.CompareTo(low) >= 0 && l.ArticleId.CompareTo(high) <= 0)
            .OrderBy(l => l.ArticleId).ThenBy(l => l.Position).Select(l => new { l.ArticleId, Id = l.RelatedId })
            .ToListAsync(cancellationToken)).ToLookup(l => l.ArticleId, l => l.Id);
        return batch.ConvertAll(a => a with
        {
            AuthorIds = [.. authors[a.Id]], TagIds = [.. tags[a.Id]], RelatedArticleIds = [.. related[a.Id]],
        });
    }

    private static async Task WriteBatchAsync(Stream output, ArrayBufferWriter<byte> buffer, List<ArticleRecord> batch, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        TransferJson.WriteLines(buffer, batch);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static async Task WriteAllAsync<T>(Stream output, Func<CancellationToken, IAsyncEnumerable<T>> rows, CancellationToken cancellationToken)
        where T : TransferRecord
    {
        await foreach (var row in rows(cancellationToken).WithCancellation(cancellationToken))
        {
            await TransferJson.WriteLineAsync(output, row, cancellationToken);
        }
    }
}
