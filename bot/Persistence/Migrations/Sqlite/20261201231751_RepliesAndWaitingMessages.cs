using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepliesAndWaitingMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConversationId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyToId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReplyToId",
                table: "Outbox");
        }
    }
}
