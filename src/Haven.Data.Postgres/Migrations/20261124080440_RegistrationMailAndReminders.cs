using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Haven.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationMailAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_EventId_Status_CreatedAt",
                table: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_PrivateTokenHash",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "PrivateTokenHash",
                table: "Registrations");

            migrationBuilder.AddColumn<DateTime>(
                name: "QueuedAt",
                table: "Registrations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.Sql("UPDATE \"Registrations\" SET \"QueuedAt\" = \"CreatedAt\"");

            migrationBuilder.AddColumn<bool>(
                name: "IsDraft",
                table: "Events",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReminderMinutes",
                table: "Events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "1440,60");

            migrationBuilder.CreateTable(
                name: "EventReminders",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    LeadMinutes = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventReminders", x => new { x.EventId, x.LeadMinutes, x.StartsAt });
                    table.ForeignKey(
                        name: "FK_EventReminders_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationLinks_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_EventId_Status_QueuedAt",
                table: "Registrations",
                columns: new[] { "EventId", "Status", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationLinks_RegistrationId",
                table: "RegistrationLinks",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationLinks_TokenHash",
                table: "RegistrationLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventReminders");

            migrationBuilder.DropTable(
                name: "RegistrationLinks");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_EventId_Status_QueuedAt",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "IsDraft",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ReminderMinutes",
                table: "Events");

            migrationBuilder.AddColumn<string>(
                name: "PrivateTokenHash",
                table: "Registrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_EventId_Status_CreatedAt",
                table: "Registrations",
                columns: new[] { "EventId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_PrivateTokenHash",
                table: "Registrations",
                column: "PrivateTokenHash",
                unique: true);
        }
    }
}
