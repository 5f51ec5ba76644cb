namespace NewsApi.Data.Entities;

/// <summary>A byline: a person, or a desk such as "News Desk".</summary>
public sealed class Author : Entity, ISlugged
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Bio { get; set; }
    public string? Email { get; set; }
    public string? AvatarUrl { get; set; }
    public string? WebsiteUrl { get; set; }
    public string? SocialHandle { get; set; }

    public List<ArticleAuthor> Articles { get; set; } = [];
}
