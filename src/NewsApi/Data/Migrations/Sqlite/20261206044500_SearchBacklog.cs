using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <summary>
    /// Lets a bulk write index its articles' text in one statement. FTS5 writes its pending terms out at every
    /// statement savepoint, so an article inserted by its own statement inside a larger transaction becomes its own
    /// segment, and the merging of thousands of them made an import slow to a crawl after some 30,000 articles. The
    /// insert trigger now leaves out the articles listed in ArticleSearchBacklog, which a writer fills before its
    /// inserts and empties into the index with one INSERT ... SELECT in the same transaction
    /// (Data/Sqlite/SqliteSearchBacklog.cs). Everyone else, external tools included, never lists an article there.
    /// </summary>
    public partial class SearchBacklog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleSearchBacklog" ("ArticleId" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""DROP TRIGGER "Articles_Search_Insert";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticleSearchKeys" ("ArticleId") VALUES (new."Id");
                    INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
                    SELECT (SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = new."Id"),
                           new."Title", coalesce(new."Subtitle", ''), coalesce(new."Excerpt", ''), new."Body"
                    WHERE NOT EXISTS (SELECT 1 FROM "ArticleSearchBacklog" WHERE "ArticleId" = new."Id");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Articles_Search_Insert";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticleSearchKeys" ("ArticleId") VALUES (new."Id");
                    INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
                    VALUES ((SELECT "RowId" FROM "ArticleSearchKeys" WHERE "ArticleId" = new."Id"),
                            new."Title", coalesce(new."Subtitle", ''), coalesce(new."Excerpt", ''), new."Body");
                END;
                """);
            migrationBuilder.Sql("""DROP TABLE "ArticleSearchBacklog";""");
        }
    }
}
