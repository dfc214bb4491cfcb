using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsApproval",
                table: "FlowStep",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // "All events" subscriptions and "*" webhooks get the approvals' events.
            migrationBuilder.Sql("UPDATE \"Subscriptions\" SET \"Events\" = 16319 WHERE \"Events\" = 4031");
            migrationBuilder.Sql("UPDATE \"Webhooks\" SET \"Events\" = 16383 WHERE \"Events\" = 4095");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Subscriptions\" SET \"Events\" = \"Events\" & 4095");
            migrationBuilder.Sql("UPDATE \"Webhooks\" SET \"Events\" = \"Events\" & 4095");

            migrationBuilder.DropColumn(
                name: "IsApproval",
                table: "FlowStep");
        }
    }
}
