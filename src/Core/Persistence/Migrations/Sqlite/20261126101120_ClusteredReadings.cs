using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClusteredReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite cannot alter a foreign key, so EF rebuilds Readings here (ef_temp_Readings, copy,
            // rename); ClusteredTablesSqlGenerator creates the new table WITHOUT ROWID, which moves an
            // existing database's readings into the clustered layout. The new foreign key is a prefix
            // of the primary key, so the old index on ReadingTypeId goes.
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
