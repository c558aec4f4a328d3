using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GbcPortal.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadingDaysOnPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(GcdAggregate);

            migrationBuilder.CreateTable(
                name: "ReadingDays",
                columns: table => new
                {
                    LinkId = table.Column<int>(type: "integer", nullable: false),
                    ReadingTypeId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<long>(type: "bigint", nullable: false),
                    IntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    FlowDirection = table.Column<int>(type: "integer", nullable: false),
                    Values = table.Column<double?[]>(type: "double precision[]", nullable: false),
                    Qualities = table.Column<long?[]>(type: "bigint[]", nullable: true),
                    Costs = table.Column<decimal?[]>(type: "numeric[]", nullable: true),
                    Durations = table.Column<int?[]>(type: "integer[]", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadingDays", x => new { x.LinkId, x.ReadingTypeId, x.Day });
                    table.ForeignKey(
                        name: "FK_ReadingDays_ReadingTypes_LinkId_ReadingTypeId",
                        columns: x => new { x.LinkId, x.ReadingTypeId },
                        principalTable: "ReadingTypes",
                        principalColumns: new[] { "LinkId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql(ConvertToDays);

            migrationBuilder.DropTable(
                name: "Readings");

            migrationBuilder.Sql("""DROP AGGREGATE "gbc_gcd"(bigint);""");
            migrationBuilder.Sql(ReadingsView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER VIEW "Readings" RENAME TO "ReadingDaysUnnested";""");

            migrationBuilder.CreateTable(
                name: "Readings",
                columns: table => new
                {
                    LinkId = table.Column<int>(type: "integer", nullable: false),
                    ReadingTypeId = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<long>(type: "bigint", nullable: false),
                    Cost = table.Column<decimal>(type: "numeric", nullable: true),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: false),
                    FlowDirection = table.Column<int>(type: "integer", nullable: false),
                    Quality = table.Column<long>(type: "bigint", nullable: false),
                    ValueWh = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readings", x => new { x.LinkId, x.ReadingTypeId, x.Start });
                    table.ForeignKey(
                        name: "FK_Readings_ReadingTypes_LinkId_ReadingTypeId",
                        columns: x => new { x.LinkId, x.ReadingTypeId },
                        principalTable: "ReadingTypes",
                        principalColumns: new[] { "LinkId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality", "Cost")
                SELECT "LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality", "Cost"
                FROM "ReadingDaysUnnested";
                DROP VIEW "ReadingDaysUnnested";
                """);

            migrationBuilder.DropTable(
                name: "ReadingDays");
        }

        /// <summary>A GCD aggregate, for the slot width; dropped once the rows are converted.</summary>
        internal const string GcdAggregate = """
            CREATE AGGREGATE "gbc_gcd"(bigint) (SFUNC = gcd, STYPE = bigint, INITCOND = '86400');
            """;

        /// <summary>
        /// The readings as day rows, as <see cref="ReadingDayCodec.Encode"/> lays them out: the slot width the GCD
        /// of a day, of the offsets into the UTC day and of the durations up to a day; the arrays by slot up to
        /// the last reading, a gap NULL (every slot is generated and the readings joined to the slots in one pass); Qualities,
        /// Costs and Durations only where a reading has a flag, a cost or a duration other than the width.
        /// </summary>
        internal const string ConvertToDays = """
            INSERT INTO "ReadingDays" ("LinkId", "ReadingTypeId", "Day", "IntervalSeconds", "FlowDirection", "Values", "Qualities", "Costs", "Durations")
            WITH w AS (
                SELECT "LinkId", "ReadingTypeId", "Start" - (("Start" % 86400) + 86400) % 86400 AS "Day",
                       gcd("gbc_gcd"((("Start" % 86400) + 86400) % 86400),
                           "gbc_gcd"(CASE WHEN "DurationSeconds" BETWEEN 1 AND 86400 THEN "DurationSeconds" ELSE 0 END)) AS "Width",
                       max((("Start" % 86400) + 86400) % 86400) AS "Last", min("FlowDirection") AS "FlowDirection"
                FROM "Readings" GROUP BY 1, 2, 3),
            s AS (SELECT w.*, g.i FROM w CROSS JOIN LATERAL generate_series(0, w."Last" / w."Width") AS g(i))
            SELECT s."LinkId", s."ReadingTypeId", s."Day", s."Width"::integer, s."FlowDirection",
                   array_agg(r."ValueWh" ORDER BY s.i),
                   CASE WHEN bool_or(r."Quality" <> 0) THEN array_agg(NULLIF(r."Quality", 0) ORDER BY s.i) END,
                   CASE WHEN bool_or(r."Cost" IS NOT NULL) THEN array_agg(r."Cost" ORDER BY s.i) END,
                   CASE WHEN bool_or(r."DurationSeconds" <> s."Width") THEN array_agg(NULLIF(r."DurationSeconds", s."Width")::integer ORDER BY s.i) END
            FROM s LEFT JOIN "Readings" AS r
                ON r."LinkId" = s."LinkId" AND r."ReadingTypeId" = s."ReadingTypeId" AND r."Start" = s."Day" + s.i * s."Width"
            GROUP BY s."LinkId", s."ReadingTypeId", s."Day", s."Width", s."FlowDirection"
            ORDER BY s."Day", s."LinkId", s."ReadingTypeId";
            """;

        /// <summary>
        /// "Readings" as every reader reads them: a row a reading, unnested from the day rows, plus "Day" so a
        /// range of starts can be narrowed to the day rows' key (<see cref="ReadingRange"/>).
        /// </summary>
        internal const string ReadingsView = """
            CREATE VIEW "Readings" AS
            SELECT d."LinkId", d."ReadingTypeId", d."Day" + (u.i - 1) * d."IntervalSeconds" AS "Start",
                   COALESCE(d."Durations"[u.i::integer], d."IntervalSeconds") AS "DurationSeconds", u.v AS "ValueWh",
                   d."FlowDirection", COALESCE(d."Qualities"[u.i::integer], 0) AS "Quality", d."Costs"[u.i::integer] AS "Cost", d."Day"
            FROM "ReadingDays" AS d CROSS JOIN LATERAL unnest(d."Values") WITH ORDINALITY AS u(v, i)
            WHERE u.v IS NOT NULL;
            """;
    }
}
