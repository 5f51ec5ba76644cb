namespace NewsApi.Data.Entities;

public sealed class Article : Entity, ISlugged
{
    public string Title { get; set; } = "";
    public string? Subtitle { get; set; }
    public string? Excerpt { get; set; }
    public string Body { get; set; } = "";
    public string Slug { get; set; } = "";

    public Guid? SourceId { get; set; }
    public Source? Source { get; set; }
    public string? SourceUrl { get; set; }

    public bool Featured { get; set; }

    // The featured image is stored flat: it has no identity of its own and every field but the URL is optional.
    public string? FeaturedImageUrl { get; set; }
    public string? FeaturedImageAlt { get; set; }
    public string? FeaturedImageCaption { get; set; }
    public string? FeaturedImageCredit { get; set; }

    /// <summary>
    /// The media asset the featured image is, if it is one: then the URL is the asset's (set on save), and alt,
    /// caption and credit left empty here are the asset's own, read with it.
    /// </summary>
    public Guid? FeaturedImageMediaId { get; set; }
    public MediaAsset? FeaturedMedia { get; set; }

    public string? CanonicalUrl { get; set; }
    public string? MetaTitle { get; set; }
    public string? MetaDescription { get; set; }

    public ArticleStatus Status { get; set; } = ArticleStatus.Draft;
    public DateTime? PublishedAt { get; set; }

    /// <summary>The Markdown body rendered and sanitised on every write: what readers get.</summary>
    public string BodyHtml { get; set; } = "";
    public int WordCount { get; set; }
    public int ReadingTimeMinutes { get; set; }

    /// <summary>Set while the article is in the trash: hidden everywhere, its slug still reserved.</summary>
    public DateTime? DeletedAt { get; set; }

    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
    public List<RelatedArticle> Related { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];

    /// <summary>
    /// The number of the newest revision. Kept on the article so that numbering a revision is part of the same
    /// update the concurrency token guards: two racing writers cannot both take the next number.
    /// </summary>
    public int LastRevision { get; set; }
}
