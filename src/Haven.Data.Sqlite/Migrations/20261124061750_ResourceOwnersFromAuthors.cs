using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haven.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResourceOwnersFromAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing resources belong to their first authoring organization. A migration of its own: on SQLite the
            // previous one rebuilds the Resources table, and data steps should not run while that is pending.
            migrationBuilder.Sql("""
                UPDATE "Resources" SET "OwnerOrganizationId" = (
                    SELECT a."OrganizationId" FROM "ResourceAuthor" a
                    WHERE a."ResourceId" = "Resources"."Id" ORDER BY a."Position" LIMIT 1)
                WHERE "OwnerOrganizationId" IS NULL;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
