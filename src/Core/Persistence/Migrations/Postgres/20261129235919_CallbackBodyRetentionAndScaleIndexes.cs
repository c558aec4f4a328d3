using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallbackBodyRetentionAndScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DataRequests_ClaimedBy",
                table: "DataRequests");

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

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLinks_UnderReview",
                table: "ServiceLinks",
                column: "StatusChangedAt",
                filter: "\"NeedsReview\"");

            migrationBuilder.CreateIndex(
                name: "IX_RateSlots_DataRequestId",
                table: "RateSlots",
                column: "DataRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Claimed",
                table: "DataRequests",
                columns: new[] { "Status", "ClaimedBy" },
                filter: "\"ClaimedBy\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Status_Kind",
                table: "DataRequests",
                columns: new[] { "Status", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceLinks_UnderReview",
                table: "ServiceLinks");

            migrationBuilder.DropIndex(
                name: "IX_RateSlots_DataRequestId",
                table: "RateSlots");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Claimed",
                table: "DataRequests");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Status_Kind",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "BodyDeletedAt",
                table: "CallbackInbox");

            migrationBuilder.DropColumn(
                name: "BodyEncoding",
                table: "CallbackInbox");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_ClaimedBy",
                table: "DataRequests",
                column: "ClaimedBy");
        }
    }
}
