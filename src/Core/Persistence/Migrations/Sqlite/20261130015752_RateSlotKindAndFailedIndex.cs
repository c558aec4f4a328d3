using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Each rate slot keeps its request's kind and owner, so staff's traffic panel reads one index (the slots already
    /// taken are filled in); /staff's newest failures come from a partial index of failed requests.
    /// </summary>
    public partial class RateSlotKindAndFailedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "RateSlots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "RateSlots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "RateSlots" SET
                    "Kind" = (SELECT r."Kind" FROM "DataRequests" r WHERE r."Id" = "RateSlots"."DataRequestId"),
                    "OwnerId" = (SELECT l."OwnerId" FROM "DataRequests" r JOIN "ServiceLinks" l ON l."Id" = r."LinkId"
                                 WHERE r."Id" = "RateSlots"."DataRequestId")
                WHERE "DataRequestId" IS NOT NULL
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots",
                columns: new[] { "TakenAt", "Kind", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Failed",
                table: "DataRequests",
                columns: new[] { "Status", "FailedAt" },
                filter: "\"Status\" = 3");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RateSlots_Traffic",
                table: "RateSlots");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Failed",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "RateSlots");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "RateSlots");
        }
    }
}
