using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Article;

namespace NewsApi.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    // Double quotes: standard SQL identifiers, which SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER ON) all read.
    private const string NotInTrash = "\"DeletedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ConfigureEntity();
        builder.Property(a => a.Title).HasMaxLength(Limits.Title);
        builder.Property(a => a.Subtitle).HasMaxLength(Limits.Subtitle);
        builder.Property(a => a.Excerpt).HasMaxLength(Limits.Excerpt);
        builder.Property(a => a.Body).HasMaxLength(Limits.Body);
        builder.Property(a => a.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.SourceUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(a => a.FeaturedImageUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(a => a.FeaturedImageAlt).HasMaxLength(Limits.ImageAlt);
        builder.Property(a => a.FeaturedImageCaption).HasMaxLength(Limits.ImageCaption);
        builder.Property(a => a.FeaturedImageCredit).HasMaxLength(Limits.ImageCredit);
        builder.Property(a => a.CanonicalUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(a => a.MetaTitle).HasMaxLength(Limits.MetaTitle);
        builder.Property(a => a.MetaDescription).HasMaxLength(Limits.MetaDescription);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.BodyHtml).HasMaxLength(Limits.BodyHtml);

        // The trash: a trashed article is gone from every query unless one asks for the trash explicitly.
        builder.HasQueryFilter(a => a.DeletedAt == null);
        builder.HasIndex(a => a.DeletedAt);

        // One index per list path, each ending in the id so keyset pages seek straight to their start:
        // the public front page (published, newest first), featured boxes, a source's page, and the other sorts.
        // The public paths leave the trash out of the index itself: the trash test is then answered by the index,
        // and counting a list's total reads only the index, never the rows (whose DeletedAt lies past the body).
        builder.HasIndex(a => new { a.Status, a.PublishedAt, a.Id }).HasFilter(NotInTrash);
        builder.HasIndex(a => new { a.Featured, a.Status, a.PublishedAt, a.Id }).HasFilter(NotInTrash);
        builder.HasIndex(a => new { a.SourceId, a.Status, a.PublishedAt, a.Id }).HasFilter(NotInTrash);
        builder.HasIndex(a => new { a.Title, a.Id });
        builder.HasIndex(a => new { a.UpdatedAt, a.Id });

        // Deleting a source still referenced by articles is refused by the API (409); the database backs that up.
        builder.HasOne(a => a.Source).WithMany(s => s.Articles).HasForeignKey(a => a.SourceId)
            .OnDelete(DeleteBehavior.Restrict);

        // Likewise a media asset that is still an article's featured image (trashed articles included).
        builder.HasOne(a => a.FeaturedMedia).WithMany().HasForeignKey(a => a.FeaturedImageMediaId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.Authors).WithOne(aa => aa.Article).HasForeignKey(aa => aa.ArticleId);
        builder.HasMany(a => a.Tags).WithOne(at => at.Article).HasForeignKey(at => at.ArticleId);
        builder.HasMany(a => a.Related).WithOne(r => r.Article).HasForeignKey(r => r.ArticleId);
        builder.HasMany(a => a.Revisions).WithOne(r => r.Article).HasForeignKey(r => r.ArticleId);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.HasQueryFilter(r => r.Article.DeletedAt == null);
    }
}

internal sealed class ArticleSlugRedirectConfiguration : IEntityTypeConfiguration<ArticleSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleSlugRedirect> builder)
    {
        builder.HasKey(r => r.Slug);
        builder.Property(r => r.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(r => r.ArticleId);
        builder.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasQueryFilter(r => r.Article.DeletedAt == null);
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> builder)
    {
        builder.HasKey(aa => new { aa.ArticleId, aa.AuthorId });
        builder.HasQueryFilter(aa => aa.Article.DeletedAt == null);
        builder.HasIndex(aa => aa.AuthorId);
        // An article's bylines in the editor's order, straight from the index (no sort per article in a list page's
        // cards, nor a visit to the table): a tenth of the SQLite card statement.
        builder.HasIndex(aa => new { aa.ArticleId, aa.Position, aa.AuthorId });
        builder.HasOne(aa => aa.Author).WithMany(a => a.Articles).HasForeignKey(aa => aa.AuthorId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> builder)
    {
        builder.HasKey(at => new { at.ArticleId, at.TagId });
        builder.HasQueryFilter(at => at.Article.DeletedAt == null);
        builder.HasIndex(at => at.TagId);
        // As for bylines: an article's tags in the editor's order, from the index alone.
        builder.HasIndex(at => new { at.ArticleId, at.Position, at.TagId });
        builder.HasOne(at => at.Tag).WithMany(t => t.Articles).HasForeignKey(at => at.TagId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RelatedArticleConfiguration : IEntityTypeConfiguration<RelatedArticle>
{
    public void Configure(EntityTypeBuilder<RelatedArticle> builder)
    {
        builder.ToTable("RelatedArticles");
        builder.HasKey(r => new { r.ArticleId, r.RelatedId });
        builder.HasQueryFilter(r => r.Article.DeletedAt == null && r.Related.DeletedAt == null);
        builder.HasIndex(r => r.RelatedId);
        // SQL Server refuses two cascade paths into one table; links pointing at a deleted article are removed
        // explicitly by the delete handler, and the database refuses any that are left behind.
        builder.HasOne(r => r.Related).WithMany().HasForeignKey(r => r.RelatedId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
