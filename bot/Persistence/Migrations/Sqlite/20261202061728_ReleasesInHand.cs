using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReleasesInHand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReleasesInHand",
                columns: table => new
                {
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReleaseKey = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleasesInHand", x => new { x.ConversationId, x.UserId });
                });

            // The release each person last saw, from the bot state that kept it until now.
            migrationBuilder.Sql("""
                INSERT INTO "ReleasesInHand" ("ConversationId", "UserId", "ReleaseKey", "UpdatedAt")
                SELECT substr(rest, 1, instr(rest, '/users/') - 1), substr(rest, instr(rest, '/users/') + 7), json_extract("Document", '$.releaseInHand'), "UpdatedAt"
                FROM (SELECT substr("Key", instr("Key", '/conversations/') + 15) AS rest, "Document", "UpdatedAt" FROM "BotState" WHERE instr("Key", '/conversations/') > 0)
                WHERE instr(rest, '/users/') > 1 AND json_valid("Document") AND length(json_extract("Document", '$.releaseInHand')) BETWEEN 1 AND 20
                ON CONFLICT DO NOTHING
                """);

            migrationBuilder.DropTable(
                name: "BotState");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReleasesInHand");

            migrationBuilder.CreateTable(
                name: "BotState",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotState", x => x.Key);
                });
        }
    }
}
