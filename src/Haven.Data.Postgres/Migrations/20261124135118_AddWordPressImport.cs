using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Haven.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WordPressKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WordPressId = table.Column<long>(type: "bigint", nullable: false),
                    HavenKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HavenId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
