namespace NewsApi.Data.Entities;

public sealed class Tag : Entity, ISlugged
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }

    public List<ArticleTag> Articles { get; set; } = [];
}
