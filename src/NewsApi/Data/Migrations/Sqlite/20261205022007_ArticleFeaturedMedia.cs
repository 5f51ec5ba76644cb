using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Adds the featured image's media asset, with its foreign key. SQLite can only add a foreign key by rebuilding
    /// the table, and EF's own rebuild would drop the search triggers and put the new column after the bodies (where
    /// every list would walk the overflow chain to read it): the table is rebuilt as ArticleBodyLast did, with the
    /// column beside the other image fields, and its indexes and triggers created again as they were.
    /// </summary>
    public partial class ArticleFeaturedMedia : Migration
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
                    "FeaturedImageMediaId" TEXT NULL,
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
                    CONSTRAINT "FK_Articles_MediaAssets_FeaturedImageMediaId" FOREIGN KEY ("FeaturedImageMediaId") REFERENCES "MediaAssets" ("Id") ON DELETE RESTRICT,
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
                CREATE INDEX "IX_Articles_FeaturedImageMediaId" ON "Articles" ("FeaturedImageMediaId");
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
            migrationBuilder.DropIndex(name: "IX_Articles_FeaturedImageMediaId", table: "Articles");
            migrationBuilder.DropForeignKey(name: "FK_Articles_MediaAssets_FeaturedImageMediaId", table: "Articles");
            migrationBuilder.DropColumn(name: "FeaturedImageMediaId", table: "Articles");
        }
    }
}
