-- 10 million readings: :services services, one delivered 15-minute series each, over 2026 (365 UTC days,
-- 35,040 intervals a service). Inserted a day at a time across all services, in the order the callbacks
-- bring them, into the table with its key in place, so the heap and the key's B-tree are laid out as
-- ingestion lays them out. Values are whole Wh (a house of about 10-40 kWh a day, a daily shape and noise),
-- one reading in 500 flagged estimated, no cost (the feeds seen so far carry none).
\o /dev/null
SELECT setseed(0.42);
\o
INSERT INTO "ReadingTypes" ("Id", "LinkId", "Key", "FlowDirection", "Uom", "Commodity", "IntervalLengthSeconds", "Kind", "Accumulation", "PowerOfTenMultiplier")
OVERRIDING SYSTEM VALUE
SELECT l, l, 'delivered-900', 1, 72, 1, 900, 12, 4, 0 FROM generate_series(1, :services) AS l;

INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality", "Cost")
SELECT l, l, 1767225600 + d * 86400 + s * 900, 900,
       round((40 + (l % 7) * 15) * (1.2 + sin((s - 30) * pi() / 48)) * (0.6 + random() * 0.8)),
       1, CASE WHEN random() < 0.002 THEN 8 ELSE 0 END, NULL
FROM generate_series(0, 364) AS d
CROSS JOIN LATERAL generate_series(1, :services + 0 * d) AS l
CROSS JOIN LATERAL generate_series(0, 95 + 0 * l) AS s;
