namespace NewsApi.Data.Entities;

/// <summary>An outlet a story was sourced from.</summary>
public sealed class Source : Entity, ISlugged
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? HomepageUrl { get; set; }
    public string? Description { get; set; }

    public List<Article> Articles { get; set; } = [];
}
