using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompletedRequestsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Completed",
                table: "DataRequests",
                columns: new[] { "Status", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DataRequests_Completed",
                table: "DataRequests");
        }
    }
}
