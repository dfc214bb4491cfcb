using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReleaseUpdatedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UpdatedAtMs",
                table: "Releases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Releases from before this column count as changed now.
            migrationBuilder.Sql("UPDATE \"Releases\" SET \"UpdatedAtMs\" = CAST(EXTRACT(EPOCH FROM now()) * 1000 AS bigint)");

            migrationBuilder.CreateIndex(
                name: "IX_Releases_UpdatedAtMs",
                table: "Releases",
                column: "UpdatedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Releases_UpdatedAtMs",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "UpdatedAtMs",
                table: "Releases");
        }
    }
}
