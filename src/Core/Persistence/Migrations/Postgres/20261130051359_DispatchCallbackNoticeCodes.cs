using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Dispatch's pause and alert, a callback's problem and a notice's reason become codes, their values in columns of their own;
    /// our words stored as the utility's are removed (<see cref="DispatchCallbackNoticeConversion"/>).
    /// </summary>
    public partial class DispatchCallbackNoticeCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Note",
                table: "LinkNotices",
                newName: "Detail");

            migrationBuilder.RenameColumn(
                name: "PausedReason",
                table: "DispatchControl",
                newName: "PauseReason");

            migrationBuilder.RenameColumn(
                name: "Alert",
                table: "DispatchControl",
                newName: "AlertUtilityMessage");

            migrationBuilder.RenameColumn(
                name: "Error",
                table: "CallbackInbox",
                newName: "Detail");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "LinkNotices",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertCount",
                table: "DispatchControl",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AlertReason",
                table: "DispatchControl",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRequestId",
                table: "DispatchControl",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Count",
                table: "CallbackInbox",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Problem",
                table: "CallbackInbox",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "DispatchControl",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "AlertCount", "AlertReason", "AlertRequestId" },
                values: new object[] { null, null, null });

            foreach (var statement in DispatchCallbackNoticeConversion.Statements("strpos"))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        // The codes stay in the renamed columns: the sentences they replaced are not written back.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Reason",
                table: "LinkNotices");

            migrationBuilder.DropColumn(
                name: "AlertCount",
                table: "DispatchControl");

            migrationBuilder.DropColumn(
                name: "AlertReason",
                table: "DispatchControl");

            migrationBuilder.DropColumn(
                name: "AlertRequestId",
                table: "DispatchControl");

            migrationBuilder.DropColumn(
                name: "Count",
                table: "CallbackInbox");

            migrationBuilder.DropColumn(
                name: "Problem",
                table: "CallbackInbox");

            migrationBuilder.RenameColumn(
                name: "Detail",
                table: "LinkNotices",
                newName: "Note");

            migrationBuilder.RenameColumn(
                name: "PauseReason",
                table: "DispatchControl",
                newName: "PausedReason");

            migrationBuilder.RenameColumn(
                name: "AlertUtilityMessage",
                table: "DispatchControl",
                newName: "Alert");

            migrationBuilder.RenameColumn(
                name: "Detail",
                table: "CallbackInbox",
                newName: "Error");
        }
    }
}
