using System.Linq.Expressions;
using NewsApi.Articles;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Authors;

public static class AuthorProjections
{
    /// <summary>The author with the number of articles the caller may see that carry it.</summary>
    public static Expression<Func<Author, AuthorResponse>> ToResponse(ReadContext read) => QueryTemplates.Expand<Func<Author, AuthorResponse>>(x => new AuthorResponse
    {
        Id = x.Id,
        Name = x.Name,
        Slug = x.Slug,
        Bio = x.Bio,
        // An author's email is for the newsroom, not for readers.
        Email = read.Editor ? x.Email : null,
        AvatarUrl = x.AvatarUrl,
        WebsiteUrl = x.WebsiteUrl,
        SocialHandle = x.SocialHandle,
        ArticleCount = x.Articles.Count(l => read.Editor || QueryTemplates.IsPublic(l.Article, read.Now)),
        CreatedAt = x.CreatedAt,
        UpdatedAt = x.UpdatedAt,
    });
}
