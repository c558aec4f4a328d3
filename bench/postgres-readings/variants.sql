-- The alternatives, each a copy of "Readings" filled in its physical (ingestion) order.

-- (a) Covering key: the same table, its primary key carries ValueWh (INCLUDE), so the year query's
-- SUM and MAX are answered from the index (an index-only scan once VACUUM has marked the pages all-visible).
CREATE TABLE "Readings_covering" (LIKE "Readings" INCLUDING DEFAULTS,
    CONSTRAINT "PK_Readings_covering" PRIMARY KEY ("LinkId", "ReadingTypeId", "Start") INCLUDE ("ValueWh"));
INSERT INTO "Readings_covering" SELECT * FROM "Readings";

-- (b) Time partitioning: the same columns and key, one partition a month (UTC) of "Start".
CREATE TABLE "Readings_monthly" (LIKE "Readings" INCLUDING DEFAULTS,
    CONSTRAINT "PK_Readings_monthly" PRIMARY KEY ("LinkId", "ReadingTypeId", "Start")) PARTITION BY RANGE ("Start");
DO $$
DECLARE m date;
BEGIN
    FOR m IN SELECT generate_series(date '2026-01-01', date '2026-12-01', interval '1 month')::date LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF "Readings_monthly" FOR VALUES FROM (%s) TO (%s)',
            'Readings_' || to_char(m, 'YYYY_MM'),
            extract(epoch FROM m::timestamp AT TIME ZONE 'UTC')::bigint,
            extract(epoch FROM (m + interval '1 month')::timestamp AT TIME ZONE 'UTC')::bigint);
    END LOOP;
END $$;
INSERT INTO "Readings_monthly" SELECT * FROM "Readings";

-- (c) Denser layout: one row per reading type and UTC day, the day's values as whole numbers in the
-- reading type's unit (ESPI's value; the multiplier stays on the reading type) in slot order, a missing
-- interval a NULL element; Quality only when some interval has a flag; the slot width replaces
-- DurationSeconds; FlowDirection and Cost (none in the feeds) are left to the reading type.
CREATE TABLE "ReadingDays_int" (
    "LinkId" integer NOT NULL,
    "ReadingTypeId" integer NOT NULL,
    "Day" bigint NOT NULL,
    "IntervalSeconds" integer NOT NULL,
    "Values" integer[] NOT NULL,
    "Quality" bigint[] NULL,
    CONSTRAINT "PK_ReadingDays_int" PRIMARY KEY ("LinkId", "ReadingTypeId", "Day"));
INSERT INTO "ReadingDays_int"
SELECT "LinkId", "ReadingTypeId", "Start" - "Start" % 86400, 900,
       array_agg("ValueWh"::integer ORDER BY "Start"),
       CASE WHEN bool_or("Quality" <> 0) THEN array_agg("Quality" ORDER BY "Start") END
FROM "Readings"
GROUP BY "LinkId", "ReadingTypeId", "Start" - "Start" % 86400
ORDER BY "Start" - "Start" % 86400, "LinkId";

-- (d) Narrower rows: still a row a reading, but without the columns that repeat the reading type
-- (FlowDirection) or are never filled (Cost), and the value a whole number in the type's unit (int4) as
-- ESPI sends it, the multiplier on the reading type; Quality as int4 (the codes fit in 32 bits).
CREATE TABLE "Readings_narrow" (
    "LinkId" integer NOT NULL,
    "ReadingTypeId" integer NOT NULL,
    "Start" bigint NOT NULL,
    "DurationSeconds" integer NOT NULL,
    "Value" integer NOT NULL,
    "Quality" integer NOT NULL,
    CONSTRAINT "PK_Readings_narrow" PRIMARY KEY ("LinkId", "ReadingTypeId", "Start"));
INSERT INTO "Readings_narrow" SELECT "LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh"::integer, "Quality"::integer FROM "Readings";
