using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClusteredReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Readings_ReadingTypes_ReadingTypeId",
                table: "Readings");

            migrationBuilder.DropIndex(
                name: "IX_Readings_ReadingTypeId",
                table: "Readings");

            migrationBuilder.AddForeignKey(
                name: "FK_Readings_ReadingTypes_LinkId_ReadingTypeId",
                table: "Readings",
                columns: new[] { "LinkId", "ReadingTypeId" },
                principalTable: "ReadingTypes",
                principalColumns: new[] { "LinkId", "Id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Readings_ReadingTypes_LinkId_ReadingTypeId",
                table: "Readings");

            migrationBuilder.CreateIndex(
                name: "IX_Readings_ReadingTypeId",
                table: "Readings",
                column: "ReadingTypeId");

            migrationBuilder.AddForeignKey(
                name: "FK_Readings_ReadingTypes_ReadingTypeId",
                table: "Readings",
                column: "ReadingTypeId",
                principalTable: "ReadingTypes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
