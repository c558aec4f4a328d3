-- Generated: dotnet ef migrations script 20261130015759_RateSlotKindAndFailedIndex ReadingDaysOnPostgres --project src/Core --context PostgresPortalDbContext
-- (the migration's own SQL, the history row left out). Regenerate it with that command when the migration changes.
CREATE AGGREGATE "gbc_gcd"(bigint) (SFUNC = gcd, STYPE = bigint, INITCOND = '86400');

CREATE TABLE "ReadingDays" (
    "LinkId" integer NOT NULL,
    "ReadingTypeId" integer NOT NULL,
    "Day" bigint NOT NULL,
    "IntervalSeconds" integer NOT NULL,
    "FlowDirection" integer NOT NULL,
    "Values" double precision[] NOT NULL,
    "Qualities" bigint[],
    "Costs" numeric[],
    "Durations" integer[],
    CONSTRAINT "PK_ReadingDays" PRIMARY KEY ("LinkId", "ReadingTypeId", "Day"),
    CONSTRAINT "FK_ReadingDays_ReadingTypes_LinkId_ReadingTypeId" FOREIGN KEY ("LinkId", "ReadingTypeId") REFERENCES "ReadingTypes" ("LinkId", "Id") ON DELETE CASCADE
);

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

DROP TABLE "Readings";

DROP AGGREGATE "gbc_gcd"(bigint);

CREATE VIEW "Readings" AS
SELECT d."LinkId", d."ReadingTypeId", d."Day" + (u.i - 1) * d."IntervalSeconds" AS "Start",
       COALESCE(d."Durations"[u.i::integer], d."IntervalSeconds") AS "DurationSeconds", u.v AS "ValueWh",
       d."FlowDirection", COALESCE(d."Qualities"[u.i::integer], 0) AS "Quality", d."Costs"[u.i::integer] AS "Cost", d."Day"
FROM "ReadingDays" AS d CROSS JOIN LATERAL unnest(d."Values") WITH ORDINALITY AS u(v, i)
WHERE u.v IS NOT NULL;
