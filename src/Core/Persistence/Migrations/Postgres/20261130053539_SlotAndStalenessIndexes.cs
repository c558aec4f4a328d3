using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlotAndStalenessIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceLinks_Status",
                table: "ServiceLinks");

            migrationBuilder.DropIndex(
                name: "IX_RateSlots_TakenAt",
                table: "RateSlots");

            migrationBuilder.DropIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLinks_Status_Newest",
                table: "ServiceLinks",
                columns: new[] { "Status", "NeedsReview", "LastCompleteReadingAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots",
                columns: new[] { "TakenAt", "Kind", "OwnerId", "ReturnedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceLinks_Status_Newest",
                table: "ServiceLinks");

            migrationBuilder.DropIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLinks_Status",
                table: "ServiceLinks",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RateSlots_TakenAt",
                table: "RateSlots",
                column: "TakenAt");

            migrationBuilder.CreateIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots",
                columns: new[] { "TakenAt", "Kind", "OwnerId" });
        }
    }
}
