using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haven.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddWordPressImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WordPressImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WordPressKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WordPressId = table.Column<long>(type: "INTEGER", nullable: false),
                    HavenKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HavenId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WordPressImports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WordPressImports_SiteUrl_WordPressKind_WordPressId",
                table: "WordPressImports",
                columns: new[] { "SiteUrl", "WordPressKind", "WordPressId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WordPressImports");
        }
    }
}
