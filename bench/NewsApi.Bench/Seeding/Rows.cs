namespace NewsApi.Bench.Seeding;

/// <summary>An article as stored: every column of the Articles table except the search column the database derives.</summary>
internal sealed class ArticleRow
{
    public Guid Id;
    public string Title = "";
    public string? Subtitle;
    public string? Excerpt;
    public string Body = "";
    public string Slug = "";
    public Guid? SourceId;
    public string? SourceUrl;
    public bool Featured;
    public string? FeaturedImageUrl;
    public string? FeaturedImageAlt;
    public string? FeaturedImageCaption;
    public string? FeaturedImageCredit;
    public string? CanonicalUrl;
    public string? MetaTitle;
    public string? MetaDescription;
    public string Status = "";
    public DateTime? PublishedAt;
    public DateTime CreatedAt;
    public DateTime UpdatedAt;
    public Guid Version;
    public string BodyHtml = "";
    public int WordCount;
    public int ReadingTimeMinutes;
    public int LastRevision;
}

/// <summary>A row of ArticleAuthors, ArticleTags or RelatedArticles: the article, what it links to, and the position.</summary>
internal readonly record struct LinkRow(Guid ArticleId, Guid OtherId, int Position);

/// <summary>An author, tag or source: the columns the three share, and the ones only some have.</summary>
internal sealed class NamedRow
{
    public Guid Id;
    public string Name = "";
    public string Slug = "";
    public string? Description;
    public string? Email;
    public string? AvatarUrl;
    public string? WebsiteUrl;
    public string? SocialHandle;
    public DateTime CreatedAt;
    public Guid Version;
}

/// <summary>What one generation step produces: articles in publication order and their links.</summary>
internal sealed class ArticleBatch
{
    public required int Index { get; init; }
    public required List<ArticleRow> Articles { get; init; }
    public required List<LinkRow> Authors { get; init; }
    public required List<LinkRow> Tags { get; init; }
    public required List<LinkRow> Related { get; init; }

    public int Rows => Articles.Count + Authors.Count + Tags.Count + Related.Count;
}
