using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispatchNextDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Status_Kind",
                table: "DataRequests");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Status_Kind_NotBefore",
                table: "DataRequests",
                columns: new[] { "Status", "Kind", "NotBefore" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Status_Kind_NotBefore",
                table: "DataRequests");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Status_Kind",
                table: "DataRequests",
                columns: new[] { "Status", "Kind" });
        }
    }
}
