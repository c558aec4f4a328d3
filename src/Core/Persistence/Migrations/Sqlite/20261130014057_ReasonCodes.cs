using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <summary>Reasons become codes; what the utility said moves to its own column (<see cref="ReasonCodeConversion"/>).</summary>
    public partial class ReasonCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UtilityMessage",
                table: "ServiceLinks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UtilityMessage",
                table: "DataRequests",
                type: "TEXT",
                nullable: true);

            foreach (var statement in ReasonCodeConversion.Statements("instr"))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        // The codes stay in the reason columns: the sentences they replaced are not written back.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UtilityMessage",
                table: "ServiceLinks");

            migrationBuilder.DropColumn(
                name: "UtilityMessage",
                table: "DataRequests");
        }
    }
}
