using System.Linq.Expressions;
using NewsApi.Articles;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Tags;

public static class TagProjections
{
    /// <summary>The tag with the number of articles the caller may see that carry it.</summary>
    public static Expression<Func<Tag, TagResponse>> ToResponse(ReadContext read) => QueryTemplates.Expand<Func<Tag, TagResponse>>(x => new TagResponse
    {
        Id = x.Id,
        Name = x.Name,
        Slug = x.Slug,
        Description = x.Description,
        ArticleCount = x.Articles.Count(l => read.Editor || QueryTemplates.IsPublic(l.Article, read.Now)),
        CreatedAt = x.CreatedAt,
        UpdatedAt = x.UpdatedAt,
    });
}
