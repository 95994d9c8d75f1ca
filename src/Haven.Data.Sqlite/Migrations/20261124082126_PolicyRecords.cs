using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haven.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PolicyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PolicyAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyAreas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyPositions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyPositions_PolicyAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "PolicyAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    PositionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Basis = table.Column<int>(type: "INTEGER", nullable: false),
                    Excerpt = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    VerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerifiedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    VerifiedByName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyRecords_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PolicyRecords_PolicyAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "PolicyAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PolicyRecords_PolicyPositions_PositionId",
                        column: x => x.PositionId,
                        principalTable: "PolicyPositions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicySources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicySources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicySources_PolicyRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "PolicyRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAreas_Slug",
                table: "PolicyAreas",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyPositions_AreaId_Slug",
                table: "PolicyPositions",
                columns: new[] { "AreaId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyRecords_AreaId_EffectiveOn",
                table: "PolicyRecords",
                columns: new[] { "AreaId", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyRecords_JurisdictionId_AreaId_EffectiveOn",
                table: "PolicyRecords",
                columns: new[] { "JurisdictionId", "AreaId", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyRecords_PositionId",
                table: "PolicyRecords",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicySources_RecordId",
                table: "PolicySources",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicySources");

            migrationBuilder.DropTable(
                name: "PolicyRecords");

            migrationBuilder.DropTable(
                name: "PolicyPositions");

            migrationBuilder.DropTable(
                name: "PolicyAreas");
        }
    }
}
