using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Featured_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SourceId_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Featured_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "Featured", "Status", "PublishedAt", "Id" },
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceId_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "SourceId", "Status", "PublishedAt", "Id" },
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt", "Id" },
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Featured_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SourceId_Status_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt_Id",
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
                name: "IX_Articles_Status_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt", "Id" });
        }
    }
}
