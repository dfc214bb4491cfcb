using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Postgres
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
                    ConversationId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UserId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReleaseKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleasesInHand", x => new { x.ConversationId, x.UserId });
                });

            // The release each person last saw, from the bot state that kept it until now.
            migrationBuilder.Sql("""
                INSERT INTO "ReleasesInHand" ("ConversationId", "UserId", "ReleaseKey", "UpdatedAt")
                SELECT conversation, usr, release, "UpdatedAt" FROM (
                    SELECT substring("Key" from '/conversations/(.+)/users/[^/]+$') AS conversation, substring("Key" from '/users/([^/]+)$') AS usr,
                           CASE WHEN "Document" ~ '^\s*\{' THEN ("Document"::jsonb ->> 'releaseInHand') END AS release, "UpdatedAt"
                    FROM "BotState") AS state
                WHERE conversation IS NOT NULL AND usr IS NOT NULL AND length(release) BETWEEN 1 AND 20
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
                    Key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    ETag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotState", x => x.Key);
                });
        }
    }
}
