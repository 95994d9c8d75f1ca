using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haven.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlaceFips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
