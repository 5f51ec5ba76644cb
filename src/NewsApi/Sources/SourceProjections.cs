using System.Linq.Expressions;
using NewsApi.Articles;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Sources;

public static class SourceProjections
{
    /// <summary>The source with the number of articles the caller may see that carry it.</summary>
    public static Expression<Func<Source, SourceResponse>> ToResponse(ReadContext read) => QueryTemplates.Expand<Func<Source, SourceResponse>>(x => new SourceResponse
    {
        Id = x.Id,
        Name = x.Name,
        Slug = x.Slug,
        HomepageUrl = x.HomepageUrl,
        Description = x.Description,
        ArticleCount = x.Articles.Count(a => read.Editor || QueryTemplates.IsPublic(a, read.Now)),
        CreatedAt = x.CreatedAt,
        UpdatedAt = x.UpdatedAt,
    });
}
