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
    public const int BatchSize = 1000;

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

        long written = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await ArticleBatchAsync(after, cancellationToken);
            foreach (var article in batch)
            {
                await TransferJson.WriteLineAsync(output, article, cancellationToken);
            }
            written += batch.Count;
            progress?.Invoke(written);
            if (batch.Count < BatchSize)
            {
                break;
            }
            after = batch[^1].Id;
            await output.FlushAsync(cancellationToken);
        }

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

    private Task<List<ArticleRecord>> ArticleBatchAsync(Guid? after, CancellationToken cancellationToken)
    {
        var articles = db.Articles.IgnoreQueryFilters();
        if (after is { } last)
        {
            articles = articles.Where(a => a.Id.CompareTo(last) > 0);
        }
        return articles.OrderBy(a => a.Id).Take(BatchSize).Select(a => new ArticleRecord
        {
            Id = a.Id,
            Slug = a.Slug,
            Title = a.Title,
            Subtitle = a.Subtitle,
            Excerpt = a.Excerpt,
            Body = a.Body,
            AuthorIds = a.Authors.OrderBy(l => l.Position).Select(l => l.AuthorId).ToList(),
            TagIds = a.Tags.OrderBy(l => l.Position).Select(l => l.TagId).ToList(),
            RelatedArticleIds = a.Related.OrderBy(l => l.Position).Select(l => l.RelatedId).ToList(),
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
        }).AsSplitQuery().ToListAsync(cancellationToken);
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
