using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffRateInForce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RequestsPerWindow",
                table: "DispatchControl",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "DispatchControl",
                keyColumn: "Id",
                keyValue: 1,
                column: "RequestsPerWindow",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestsPerWindow",
                table: "DispatchControl");
        }
    }
}
