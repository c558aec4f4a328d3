using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceNoticesAndMeterSwap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReplacesLinkId",
                table: "ServiceLinks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EmailAboutServices",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "LinkNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LinkId = table.Column<int>(type: "integer", nullable: false),
                    Event = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimedAt = table.Column<long>(type: "bigint", nullable: true),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkNotices_ServiceLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "ServiceLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLinks_ReplacesLinkId",
                table: "ServiceLinks",
                column: "ReplacesLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkNotices_LinkId_Event_State",
                table: "LinkNotices",
                columns: new[] { "LinkId", "Event", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkNotices_State_NextAttemptAt",
                table: "LinkNotices",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceLinks_ServiceLinks_ReplacesLinkId",
                table: "ServiceLinks",
                column: "ReplacesLinkId",
                principalTable: "ServiceLinks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ServiceLinks_ServiceLinks_ReplacesLinkId",
                table: "ServiceLinks");

            migrationBuilder.DropTable(
                name: "LinkNotices");

            migrationBuilder.DropIndex(
                name: "IX_ServiceLinks_ReplacesLinkId",
                table: "ServiceLinks");

            migrationBuilder.DropColumn(
                name: "ReplacesLinkId",
                table: "ServiceLinks");

            migrationBuilder.DropColumn(
                name: "EmailAboutServices",
                table: "AspNetUsers");
        }
    }
}
