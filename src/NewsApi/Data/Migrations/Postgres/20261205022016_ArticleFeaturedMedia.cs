using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArticleFeaturedMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FeaturedImageMediaId",
                table: "Articles",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_FeaturedImageMediaId",
                table: "Articles",
                column: "FeaturedImageMediaId");

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_MediaAssets_FeaturedImageMediaId",
                table: "Articles",
                column: "FeaturedImageMediaId",
                principalTable: "MediaAssets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_MediaAssets_FeaturedImageMediaId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_FeaturedImageMediaId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "FeaturedImageMediaId",
                table: "Articles");
        }
    }
}
