using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffBacklogSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BacklogSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Pending = table.Column<int>(type: "INTEGER", nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BacklogSamples", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BacklogSamples_At",
                table: "BacklogSamples",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BacklogSamples");
        }
    }
}
