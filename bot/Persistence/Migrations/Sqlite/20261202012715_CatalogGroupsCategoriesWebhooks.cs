using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogGroupsCategoriesWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "SolutionCategories",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "SolutionCategories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "GroupMembers",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AadObjectId",
                table: "Catalog",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Catalog",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "Catalog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Webhooks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webhooks", x => x.Id);
                });

            // Categories from before keys existed get one each; the API and the desk file name them by it.
            migrationBuilder.Sql("UPDATE \"SolutionCategories\" SET \"Key\" = 'category-' || \"Id\" WHERE \"Key\" = ''");

            migrationBuilder.CreateIndex(
                name: "IX_SolutionCategories_Key",
                table: "SolutionCategories",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Webhooks");

            migrationBuilder.DropIndex(
                name: "IX_SolutionCategories_Key",
                table: "SolutionCategories");

            migrationBuilder.DropColumn(
                name: "Key",
                table: "SolutionCategories");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "SolutionCategories");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "AadObjectId",
                table: "Catalog");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Catalog");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Catalog");
        }
    }
}
