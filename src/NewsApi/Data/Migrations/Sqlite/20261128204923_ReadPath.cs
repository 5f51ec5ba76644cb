using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SourceId",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Featured_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "Featured", "Status", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceId_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "SourceId", "Status", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Title_Id",
                table: "Articles",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_UpdatedAt_Id",
                table: "Articles",
                columns: new[] { "UpdatedAt", "Id" });

            // Editors' lists put drafts (no publication time yet) by creation time; this expression index serves that order.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Articles_EditorialOrder" ON "Articles" (COALESCE("PublishedAt", "CreatedAt"), "Id");
                """);

            // Full-text search: a contentless FTS5 index (no second copy of every body) whose rowids come from a
            // key table with an INTEGER PRIMARY KEY, so they survive VACUUM; triggers keep both in step with Articles.
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleSearchKeys" ("RowId" INTEGER PRIMARY KEY, "ArticleId" TEXT NOT NULL UNIQUE);
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
                    "Title", "Subtitle", "Excerpt", "Body",
                    content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ArticleSearchKeys" ("ArticleId") SELECT "Id" FROM "Articles";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
                SELECT k."RowId", a."Title", coalesce(a."Subtitle", ''), coalesce(a."Excerpt", ''), a."Body"
                FROM "Articles" a JOIN "ArticleSearchKeys" k ON k."ArticleId" = a."Id";
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_EditorialOrder";""");
            migrationBuilder.Sql("""DROP TRIGGER "Articles_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Articles_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Articles_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "ArticleSearch";""");
            migrationBuilder.Sql("""DROP TABLE "ArticleSearchKeys";""");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Featured_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SourceId_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Title_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_UpdatedAt_Id",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceId",
                table: "Articles",
                column: "SourceId");
        }
    }
}
