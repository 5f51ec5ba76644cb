using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RevisionCounter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastRevision",
                table: "Articles",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Existing articles continue their numbering where their revisions left off.
            migrationBuilder.Sql("""
                UPDATE [Articles] SET [LastRevision] =
                    (SELECT COALESCE(MAX(r.[Number]), 0) FROM [ArticleRevisions] r WHERE r.[ArticleId] = [Articles].[Id]);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastRevision",
                table: "Articles");
        }
    }
}
