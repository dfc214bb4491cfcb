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
            migrationBuilder.AlterColumn<int>(
                name: "ReleaseId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

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

            migrationBuilder.AlterColumn<int>(
                name: "ReleaseId",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
