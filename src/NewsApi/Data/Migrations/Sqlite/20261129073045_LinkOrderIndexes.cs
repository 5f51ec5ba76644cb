using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_ArticleId_Position_TagId",
                table: "ArticleTags",
                columns: new[] { "ArticleId", "Position", "TagId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleAuthors_ArticleId_Position_AuthorId",
                table: "ArticleAuthors",
                columns: new[] { "ArticleId", "Position", "AuthorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_ArticleId_Position_TagId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleAuthors_ArticleId_Position_AuthorId",
                table: "ArticleAuthors");
        }
    }
}
