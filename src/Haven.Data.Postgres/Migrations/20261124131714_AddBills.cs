using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Haven.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddBills : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Bills",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    JurisdictionId = table.Column<int>(type: "integer", nullable: false),
                    Chamber = table.Column<int>(type: "integer", nullable: false),
                    ChamberName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NumberKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Session = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SessionKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OfficialUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OwnerOrganizationId = table.Column<int>(type: "integer", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bills_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bills_Organizations_OwnerOrganizationId",
                        column: x => x.OwnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "BillPositions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BillId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    HolderKey = table.Column<int>(type: "integer", nullable: false),
                    Stance = table.Column<int>(type: "integer", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ReasonsHtml = table.Column<string>(type: "text", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IsActionAlert = table.Column<bool>(type: "boolean", nullable: false),
                    CallToAction = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ActionUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BillPositions_Bills_BillId",
                        column: x => x.BillId,
                        principalTable: "Bills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BillPositions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResourceBills",
                columns: table => new
                {
                    ResourceId = table.Column<int>(type: "integer", nullable: false),
                    BillId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceBills", x => new { x.ResourceId, x.BillId });
                    table.ForeignKey(
                        name: "FK_ResourceBills_Bills_BillId",
                        column: x => x.BillId,
                        principalTable: "Bills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResourceBills_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BillPositions_BillId_HolderKey",
                table: "BillPositions",
                columns: new[] { "BillId", "HolderKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BillPositions_OrganizationId",
                table: "BillPositions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Bills_JurisdictionId_SessionKey_NumberKey",
                table: "Bills",
                columns: new[] { "JurisdictionId", "SessionKey", "NumberKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bills_OwnerOrganizationId",
                table: "Bills",
                column: "OwnerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Bills_Slug",
                table: "Bills",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceBills_BillId",
                table: "ResourceBills",
                column: "BillId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BillPositions");

            migrationBuilder.DropTable(
                name: "ResourceBills");

            migrationBuilder.DropTable(
                name: "Bills");
        }
    }
}
