using System.Text.Json.Serialization;
using NewsApi.Articles;
using NewsApi.Data.Entities;

namespace NewsApi.Transfer;

/// <summary>
/// One line of an export: a resource with its id and audit times, so an import can restore it exactly. The
/// <c>type</c> member names which kind of line it is.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AuthorRecord), "author")]
[JsonDerivedType(typeof(TagRecord), "tag")]
[JsonDerivedType(typeof(SourceRecord), "source")]
[JsonDerivedType(typeof(ArticleRecord), "article")]
[JsonDerivedType(typeof(RevisionRecord), "revision")]
[JsonDerivedType(typeof(RedirectRecord), "redirect")]
public abstract record TransferRecord;

public sealed record AuthorRecord : TransferRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Bio { get; init; }
    public string? Email { get; init; }
    public string? AvatarUrl { get; init; }
    public string? WebsiteUrl { get; init; }
    public string? SocialHandle { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public sealed record TagRecord : TransferRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Description { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public sealed record SourceRecord : TransferRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? HomepageUrl { get; init; }
    public string? Description { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public sealed record ArticleRecord : TransferRecord
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Subtitle { get; init; }
    public string? Excerpt { get; init; }

    /// <summary>Markdown, as every write takes it.</summary>
    public string Body { get; init; } = "";
    public IReadOnlyList<Guid> AuthorIds { get; init; } = [];
    public IReadOnlyList<Guid> TagIds { get; init; } = [];
    public IReadOnlyList<Guid> RelatedArticleIds { get; init; } = [];
    public Guid? SourceId { get; init; }
    public string? SourceUrl { get; init; }
    public bool Featured { get; init; }
    public FeaturedImage? FeaturedImage { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? MetaTitle { get; init; }
    public string? MetaDescription { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

public sealed record RevisionRecord : TransferRecord
{
    public Guid Id { get; init; }
    public Guid ArticleId { get; init; }
    public int Number { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public string Snapshot { get; init; } = "";
}

public sealed record RedirectRecord : TransferRecord
{
    public string Slug { get; init; } = "";
    public Guid ArticleId { get; init; }
    public DateTime CreatedAt { get; init; }
}
