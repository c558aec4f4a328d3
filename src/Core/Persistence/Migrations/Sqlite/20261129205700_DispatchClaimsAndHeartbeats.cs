using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispatchClaimsAndHeartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "RateSlots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClaimedAt",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SendStartedAt",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Dispatchers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dispatchers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_ClaimedBy",
                table: "DataRequests",
                column: "ClaimedBy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Dispatchers");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_ClaimedBy",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "RateSlots");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "SendStartedAt",
                table: "DataRequests");
        }
    }
}
