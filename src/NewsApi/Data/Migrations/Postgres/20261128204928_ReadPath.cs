using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Postgres
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

            // Full-text search: a weighted tsvector kept by PostgreSQL itself (a stored generated column), with a
            // GIN index; searched with websearch_to_tsquery and ranked with ts_rank (ArticleSearch).
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce("Title", '')), 'A') ||
                    setweight(to_tsvector('english', coalesce("Subtitle", '')), 'B') ||
                    setweight(to_tsvector('english', coalesce("Excerpt", '')), 'B') ||
                    setweight(to_tsvector('english', coalesce("Body", '')), 'C')) STORED;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_EditorialOrder";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchVector";""");

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
