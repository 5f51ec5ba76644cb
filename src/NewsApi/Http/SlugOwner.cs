using NewsApi.Data.Entities;

namespace NewsApi.Http;

/// <summary>Who holds a slug, for resources whose slugs live in more than one table (an article's old slugs).</summary>
public sealed class SlugOwner : ISlugged
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
}
