using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Rebuilds Articles with the body and its HTML as the last columns. SQLite stores a row as one record and
    /// spills what does not fit a page onto a chain of overflow pages; with the 6 KB body fifth, every column after
    /// it (slug, status, dates, image, source) could only be read by walking that chain, so each row of a list cost
    /// several page reads for fields that take a few hundred bytes. With the bodies last, lists read one page per
    /// row and only a whole article follows the chain. The rowids are kept, and the indexes and search triggers
    /// (dropped with the old table) are created again as they were.
    /// </summary>
    public partial class ArticleBodyLast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As EF's own SQLite table rebuilds: foreign keys off (outside the transaction, where the pragma works).
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_Articles" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY,
                    "Slug" TEXT NOT NULL,
                    "Status" TEXT NOT NULL,
                    "PublishedAt" TEXT NULL,
                    "DeletedAt" TEXT NULL,
                    "Featured" INTEGER NOT NULL,
                    "SourceId" TEXT NULL,
                    "Title" TEXT NOT NULL,
                    "Subtitle" TEXT NULL,
                    "Excerpt" TEXT NULL,
                    "FeaturedImageUrl" TEXT NULL,
                    "FeaturedImageAlt" TEXT NULL,
                    "FeaturedImageCaption" TEXT NULL,
                    "FeaturedImageCredit" TEXT NULL,
                    "ReadingTimeMinutes" INTEGER NOT NULL,
                    "WordCount" INTEGER NOT NULL,
                    "LastRevision" INTEGER NOT NULL,
                    "CreatedAt" TEXT NOT NULL,
                    "UpdatedAt" TEXT NOT NULL,
                    "Version" TEXT NOT NULL,
                    "SourceUrl" TEXT NULL,
                    "CanonicalUrl" TEXT NULL,
                    "MetaTitle" TEXT NULL,
                    "MetaDescription" TEXT NULL,
                    "Body" TEXT NOT NULL,
                    "BodyHtml" TEXT NOT NULL,
                    CONSTRAINT "FK_Articles_Sources_SourceId" FOREIGN KEY ("SourceId") REFERENCES "Sources" ("Id") ON DELETE RESTRICT
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_Articles" (rowid, "Id", "Slug", "Status", "PublishedAt", "DeletedAt", "Featured", "SourceId", "Title", "Subtitle", "Excerpt", "FeaturedImageUrl", "FeaturedImageAlt", "FeaturedImageCaption", "FeaturedImageCredit", "ReadingTimeMinutes", "WordCount", "LastRevision", "CreatedAt", "UpdatedAt", "Version", "SourceUrl", "CanonicalUrl", "MetaTitle", "MetaDescription", "Body", "BodyHtml")
                SELECT rowid, "Id", "Slug", "Status", "PublishedAt", "DeletedAt", "Featured", "SourceId", "Title", "Subtitle", "Excerpt", "FeaturedImageUrl", "FeaturedImageAlt", "FeaturedImageCaption", "FeaturedImageCredit", "ReadingTimeMinutes", "WordCount", "LastRevision", "CreatedAt", "UpdatedAt", "Version", "SourceUrl", "CanonicalUrl", "MetaTitle", "MetaDescription", "Body", "BodyHtml" FROM "Articles";
                """);
            migrationBuilder.Sql("""DROP TABLE "Articles";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_Articles" RENAME TO "Articles";""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Articles_DeletedAt" ON "Articles" ("DeletedAt");
                CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");
                CREATE INDEX "IX_Articles_Title_Id" ON "Articles" ("Title", "Id");
                CREATE INDEX "IX_Articles_UpdatedAt_Id" ON "Articles" ("UpdatedAt", "Id");
                CREATE INDEX "IX_Articles_EditorialOrder" ON "Articles" (COALESCE("PublishedAt", "CreatedAt"), "Id");
                CREATE INDEX "IX_Articles_Featured_Status_PublishedAt_Id" ON "Articles" ("Featured", "Status", "PublishedAt", "Id") WHERE "DeletedAt" IS NULL;
                CREATE INDEX "IX_Articles_SourceId_Status_PublishedAt_Id" ON "Articles" ("SourceId", "Status", "PublishedAt", "Id") WHERE "DeletedAt" IS NULL;
                CREATE INDEX "IX_Articles_Status_PublishedAt_Id" ON "Articles" ("Status", "PublishedAt", "Id") WHERE "DeletedAt" IS NULL;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticleSearchKeys" ("ArticleId") VALUES (new."Id");
                    INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
                    VALUES ((SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = new."Id"),
                            new."Title", coalesce(new."Subtitle", ''), coalesce(new."Excerpt", ''), new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Update" AFTER UPDATE OF "Title", "Subtitle", "Excerpt", "Body" ON "Articles" BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = (SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = old."Id");
                    INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
                    VALUES ((SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = new."Id"),
                            new."Title", coalesce(new."Subtitle", ''), coalesce(new."Excerpt", ''), new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Delete" AFTER DELETE ON "Articles" BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = (SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = old."Id");
                    DELETE FROM "ArticleSearchKeys" WHERE "ArticleId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Column order means nothing to the model: going back leaves the faster layout in place.
        }
    }
}
