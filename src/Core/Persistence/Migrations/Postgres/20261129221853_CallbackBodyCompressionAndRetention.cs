using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallbackBodyCompressionAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BodyDeletedAt",
                table: "CallbackInbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BodyEncoding",
                table: "CallbackInbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BodyDeletedAt",
                table: "CallbackInbox");

            migrationBuilder.DropColumn(
                name: "BodyEncoding",
                table: "CallbackInbox");
        }
    }
}
