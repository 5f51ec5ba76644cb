using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Articles;

/// <summary>Checks that the ids an article refers to exist, and keeps its links in the order the request gives.</summary>
internal static class ArticleLinks
{
    /// <summary>Every unknown id, keyed by its field path (<c>authorIds[1]</c>, <c>sourceId</c>).</summary>
    public static async Task<Dictionary<string, string[]>> FindUnknownAsync(
        ArticleRequest request, Guid? articleId, NewsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();

        if (request.AuthorIds.Count > 0)
        {
            var authors = await db.Authors.Where(a => request.AuthorIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
            Report(errors, "authorIds", request.AuthorIds, authors, "author");
        }
        if (request.TagIds.Count > 0)
        {
            var tags = await db.Tags.Where(t => request.TagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            Report(errors, "tagIds", request.TagIds, tags, "tag");
        }
        if (request.RelatedArticleIds.Count > 0)
        {
            // Looked up by key alone, the trash tested on the rows found: with the trash filter in the statement, SQLite
            // without fresh statistics (a newsroom that started empty) walks the DeletedAt index through every article.
            var related = (await db.Articles.IgnoreQueryFilters().Where(a => request.RelatedArticleIds.Contains(a.Id))
                    .Select(a => new { a.Id, a.DeletedAt }).ToListAsync(cancellationToken))
                .Where(a => a.DeletedAt is null).Select(a => a.Id).ToList();
            Report(errors, "relatedArticleIds", request.RelatedArticleIds, related, "article");
        }
        for (var i = 0; i < request.RelatedArticleIds.Count; i++)
        {
            if (request.RelatedArticleIds[i] == articleId)
            {
                errors[$"relatedArticleIds[{i}]"] = ["An article cannot be related to itself."];
            }
        }

        if (request.SourceId is { } sourceId && !await db.Sources.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            errors["sourceId"] = [$"No source has the id {sourceId}."];
        }
        if (request.FeaturedImage?.MediaId is { } mediaId && !await db.MediaAssets.AnyAsync(m => m.Id == mediaId, cancellationToken))
        {
            errors["featuredImage.mediaId"] = [$"No media asset has the id {mediaId}."];
        }
        return errors;
    }

    private static void Report(Dictionary<string, string[]> errors, string field, IReadOnlyList<Guid> requested, List<Guid> found, string noun)
    {
        for (var i = 0; i < requested.Count; i++)
        {
            if (!found.Contains(requested[i]))
            {
                errors[$"{field}[{i}]"] = [$"No {noun} has the id {requested[i]}."];
            }
        }
    }

    public static void Apply(Article article, ArticleRequest request)
    {
        Sync(article.Authors, request.AuthorIds, l => l.AuthorId, (id, i) => new ArticleAuthor { AuthorId = id, Position = i },
            (l, i) => l.Position = i);
        Sync(article.Tags, request.TagIds, l => l.TagId, (id, i) => new ArticleTag { TagId = id, Position = i },
            (l, i) => l.Position = i);
        Sync(article.Related, request.RelatedArticleIds, l => l.RelatedId, (id, i) => new RelatedArticle { RelatedId = id, Position = i },
            (l, i) => l.Position = i);
    }

    /// <summary>Removes links no longer wanted, renumbers the kept ones and adds the new ones (never delete-and-re-add one key).</summary>
    private static void Sync<TLink>(List<TLink> links, IReadOnlyList<Guid> ids, Func<TLink, Guid> key,
        Func<Guid, int, TLink> create, Action<TLink, int> setPosition)
    {
        links.RemoveAll(l => !ids.Contains(key(l)));
        for (var i = 0; i < ids.Count; i++)
        {
            var existing = links.Find(l => key(l) == ids[i]);
            if (existing is null)
            {
                links.Add(create(ids[i], i));
            }
            else
            {
                setPosition(existing, i);
            }
        }
    }
}
