using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FlowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Flows_ReleaseType",
                table: "Flows");

            migrationBuilder.AddColumn<int>(
                name: "FlowId",
                table: "Releases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SupersededAt",
                table: "Flows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Flows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The flows from before versions are each their type's first version, and every release keeps the one it runs on.
            migrationBuilder.Sql("UPDATE \"Flows\" SET \"Version\" = 1");
            migrationBuilder.Sql("""
                UPDATE "Releases" SET "FlowId" = COALESCE(
                    (SELECT "Id" FROM "Flows" WHERE "Flows"."ReleaseType" = "Releases"."Type"),
                    (SELECT "Id" FROM "Flows" WHERE "Flows"."ReleaseType" = '*'))
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Flows_ReleaseType_Version",
                table: "Flows",
                columns: new[] { "ReleaseType", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Flows_ReleaseType_Version",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "FlowId",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Flows");

            migrationBuilder.CreateIndex(
                name: "IX_Flows_ReleaseType",
                table: "Flows",
                column: "ReleaseType",
                unique: true);
        }
    }
}
