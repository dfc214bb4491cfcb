using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReleaseLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StatusBeforeSuspension",
                table: "Releases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ManagesReleases",
                table: "Groups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // "All events" subscriptions and "*" webhooks get the new events (suspended, resumed, cancelled, reopened, handed over).
            migrationBuilder.Sql("UPDATE \"Subscriptions\" SET \"Events\" = 4031 WHERE \"Events\" = 63");
            migrationBuilder.Sql("UPDATE \"Webhooks\" SET \"Events\" = 4095 WHERE \"Events\" = 127");
            // The demo desk's release managers, in databases filled before groups had roles.
            migrationBuilder.Sql("UPDATE \"Groups\" SET \"ManagesReleases\" = TRUE WHERE \"Name\" = 'Release Managers'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Subscriptions\" SET \"Events\" = \"Events\" & 127");
            migrationBuilder.Sql("UPDATE \"Webhooks\" SET \"Events\" = \"Events\" & 127");

            migrationBuilder.DropColumn(
                name: "StatusBeforeSuspension",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "ManagesReleases",
                table: "Groups");
        }
    }
}
