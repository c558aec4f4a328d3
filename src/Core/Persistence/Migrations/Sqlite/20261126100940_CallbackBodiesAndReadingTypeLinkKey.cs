using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallbackBodiesAndReadingTypeLinkKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallbackBodies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallbackBodies_CallbackInbox_Id",
                        column: x => x.Id,
                        principalTable: "CallbackInbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The bodies move before the column goes: a stored callback is the only copy of the data.
            migrationBuilder.Sql("INSERT INTO \"CallbackBodies\" (\"Id\", \"Body\") SELECT \"Id\", \"Body\" FROM \"CallbackInbox\";");

            migrationBuilder.DropColumn(
                name: "Body",
                table: "CallbackInbox");

            migrationBuilder.AddUniqueConstraint(
                name: "AK_ReadingTypes_LinkId_Id",
                table: "ReadingTypes",
                columns: new[] { "LinkId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Body",
                table: "CallbackInbox",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.Sql("UPDATE \"CallbackInbox\" SET \"Body\" = (SELECT \"Body\" FROM \"CallbackBodies\" WHERE \"CallbackBodies\".\"Id\" = \"CallbackInbox\".\"Id\");");

            migrationBuilder.DropTable(
                name: "CallbackBodies");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_ReadingTypes_LinkId_Id",
                table: "ReadingTypes");
        }
    }
}
