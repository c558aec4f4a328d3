#!/usr/bin/env bash
# PostgreSQL readings at 10 million rows: bytes a reading and the usage Year query, for the current
# layout and four alternatives (covering key, monthly partitions, one row a day, narrower rows), then the product's
# layout: the current table migrated by ReadingDaysOnPostgres (migrate.sql) and queried as the code does. Starts a private,
# throwaway server (initdb into a folder under /tmp, a free port on 127.0.0.1, fsync off: nothing here
# needs durability, and it only speeds up the fill), prints the figures and removes the server.
#   bench/postgres-readings/run.sh            # 286 services: 10,021,440 readings
#   COLD_RUNS=5 (default) cold runs of each year query; see cold() below
#   SERVICES=30 bench/postgres-readings/run.sh  # a quick try of the script (small tables get other plans: figures not comparable)
# Needs python3 (to pick a free port) and the PostgreSQL server binaries (apt-get install postgresql), found in $GBC_POSTGRES_BIN or
# /usr/lib/postgresql/*/bin. Run as root, the server runs as the packaged 'postgres' user.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
services="${SERVICES:-286}"
link="${LINK:-$(( (services + 1) / 2 ))}"   # the service whose year is queried: 143 of 286
runs="${RUNS:-11}"
zone="America/New_York"

bin="${GBC_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/initdb" ] || { echo "initdb not found (set GBC_POSTGRES_BIN or apt-get install postgresql)" >&2; exit 1; }
runas=()
[ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)

dir="$(mktemp -d /tmp/gbc-pgreadings-XXXXXX)"
chmod 755 "$dir"
[ ${#runas[@]} -gt 0 ] && chown postgres "$dir"
cleanup() {
    "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --auth=trust --no-sync >/dev/null
options="-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off \
     -c full_page_writes=off -c max_parallel_workers_per_gather=0 -c shared_buffers=256MB -c maintenance_work_mem=256MB \
     -c max_wal_size=4GB -c autovacuum=off"
"${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null
psql() { command "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
cold_runs="${COLD_RUNS:-5}"
# The year query cold: the server stopped (its shared buffers gone), the data folder's files written out and dropped
# from the kernel's page cache (sync, then dd's nocache on each file; fincore checks nothing is left), the server
# started, the query run once. Prints "median|min|max|8 kB pages read|cached KiB left before the run", over $cold_runs.
cold() { # sql
    local times=() pages=() left
    for _ in $(seq "$cold_runs"); do
        "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
        sync
        find "$dir/data" -type f -exec dd if={} iflag=nocache count=0 status=none \;
        left="$(find "$dir/data" -type f -exec fincore -nbo RES {} + | awk '{ s += $1 } END { print int(s / 1024) }')"
        "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null
        local plan
        plan="$(psql -Atc "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $1")"
        times+=("$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<<"$plan")")
        # The top node's buffers: every page the query read, from disk ("read") now that nothing is cached.
        pages+=("$(grep -m1 -o 'read=[0-9]*' <<<"$plan" | cut -d= -f2)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v p="${pages[0]:-0}" -v l="$left" \
        '{ t[NR] = $1 } END { printf "%.2f|%.2f|%.2f|%s|%s\n", (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], t[NR], p, l }'
}

echo "PostgreSQL $(psql -Atc 'SHOW server_version'), $services services, $(date -u +%Y-%m-%dT%H:%MZ)"
t0=$SECONDS
psql -f "$here/schema.sql"
psql -v services="$services" -f "$here/fill.sql"
echo "filled in $((SECONDS - t0)) s"; t0=$SECONDS
psql -f "$here/variants.sql"
# Insert-only tables: autovacuum would mark the pages all-visible and gather statistics; done here at once.
psql -c 'VACUUM (ANALYZE)'
echo "copies and VACUUM in $((SECONDS - t0)) s"

echo
echo "layout|readings|heap B|index B|TOAST B|total B|B/reading"
psql -AtF'|' <<'SQL'
WITH t(name, rel) AS (VALUES ('current', '"Readings"'), ('covering key', '"Readings_covering"'),
                             ('monthly partitions', '"Readings_monthly"'), ('row a day', '"ReadingDays_int"'),
                             ('narrow rows', '"Readings_narrow"')),
-- A plain table is its own only part; a partitioned one is summed over its partitions.
parts AS (SELECT t.name, coalesce(p.relid, t.rel::regclass) AS relid
          FROM t LEFT JOIN LATERAL pg_partition_tree(t.rel::regclass) AS p ON true),
sizes AS (
    SELECT name,
           sum(pg_relation_size(relid)) FILTER (WHERE c.relkind IN ('r', 'p')) AS heap,
           sum(pg_indexes_size(relid)) AS idx,
           sum(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)) AS toast,
           sum(pg_total_relation_size(relid)) AS total
    FROM parts JOIN pg_class c ON c.oid = parts.relid GROUP BY name)
SELECT name, (SELECT count(*) FROM "Readings"), heap, idx, toast, total, round(total::numeric / (SELECT count(*) FROM "Readings"), 1)
FROM sizes JOIN t USING (name) ORDER BY array_position(ARRAY['current', 'covering key', 'monthly partitions', 'row a day', 'narrow rows'], name);
SQL
echo "(heap: main fork; index: the key's B-tree(s) with their FSM; total: pg_total_relation_size, all forks, summed over partitions)"

# The Year view's bucket statement as UsageSql.BucketsAsync writes it for a service with a delivered series
# only: 365 local days of 2026 in $zone, a SUM and a MAX subquery per day on the reading key.
values="$(psql -Atc "SELECT string_agg(format('(%s, %s, %s)', i,
    extract(epoch FROM (date '2026-01-01' + i)::timestamp AT TIME ZONE '$zone')::bigint,
    extract(epoch FROM (date '2026-01-01' + i + 1)::timestamp AT TIME ZONE '$zone')::bigint), ', ' ORDER BY i)
    FROM generate_series(0, 364) AS i")"
year_query() { # table [value column]
    local v="${2:-ValueWh}"
    local key="r.\"LinkId\" = $link AND r.\"ReadingTypeId\" = $link AND r.\"Start\" >= b.s AND r.\"Start\" < b.e"
    cat <<SQL
WITH b(k, s, e) AS (VALUES $values)
SELECT b.k AS "K",
       (SELECT SUM(r."$v")::double precision FROM "$1" AS r WHERE $key) AS "Delivered",
       CAST(NULL AS DOUBLE PRECISION) AS "Received",
       (SELECT MAX(r."$v")::double precision FROM "$1" AS r WHERE $key) AS "DeliveredMax"
FROM b ORDER BY b.k
SQL
}
year_query_days() { # the same buckets from one row a day: the one or two UTC days a local day overlaps
    local slots="FROM \"ReadingDays_int\" AS d CROSS JOIN LATERAL unnest(d.\"Values\") WITH ORDINALITY AS u(v, i)
        WHERE d.\"LinkId\" = $link AND d.\"ReadingTypeId\" = $link AND d.\"Day\" > b.s - 86400 AND d.\"Day\" < b.e
          AND d.\"Day\" + (u.i - 1) * d.\"IntervalSeconds\" >= b.s AND d.\"Day\" + (u.i - 1) * d.\"IntervalSeconds\" < b.e"
    cat <<SQL
WITH b(k, s, e) AS (VALUES $values)
SELECT b.k AS "K",
       (SELECT SUM(u.v)::double precision $slots) AS "Delivered",
       CAST(NULL AS DOUBLE PRECISION) AS "Received",
       (SELECT MAX(u.v)::double precision $slots) AS "DeliveredMax"
FROM b ORDER BY b.k
SQL
}

variant_query() { # layout: its year query
    case "$1" in
        ReadingDays_int) year_query_days ;;
        Readings_narrow) year_query "$1" Value ;;
        *) year_query "$1" ;;
    esac
}

mkdir -p "$dir/plans"
echo
echo "layout|year query median ms ($runs warm runs)|min|max|result md5"
for variant in Readings Readings_covering Readings_monthly ReadingDays_int Readings_narrow; do
    sql="$(variant_query "$variant")"
    answer="$(psql -Atc "$sql" | md5sum | cut -c1-12)"
    psql -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >/dev/null   # warm-up
    psql -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >"$dir/plans/$variant.txt"
    times=()
    for _ in $(seq "$runs"); do
        times+=("$(psql -Atc "EXPLAIN (ANALYZE, TIMING OFF) $sql" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v n="$variant" -v a="$answer" \
        '{ t[NR] = $1 } END { printf "%s|%.2f|%.2f|%.2f|%s\n", n, (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], t[NR], a }'
done
echo "(execution time inside the server, EXPLAIN (ANALYZE, TIMING OFF); the same md5 means the same 365 rows)"
echo
echo "layout|year query cold, median ms ($cold_runs runs)|min|max|8 kB pages read|KiB still cached before the run"
for variant in Readings Readings_covering Readings_monthly ReadingDays_int Readings_narrow; do
    sql="$(variant_query "$variant")"
    echo "$variant|$(cold "$sql")"
done
echo "(cold: server restarted and the data folder dropped from the page cache before each run; pages read: the plan's top node)"
for variant in Readings Readings_covering Readings_monthly ReadingDays_int Readings_narrow; do
    echo
    echo "== $variant: EXPLAIN (ANALYZE, BUFFERS), top of the plan"
    sed -n '1,12p;/Planning Time/,$p' "$dir/plans/$variant.txt"
done
# The key's B-trees as ingestion grew them (above) against the same rebuilt at once (packed, fillfactor 90):
# how much of an index's size is page splits, which a REINDEX gives back until the next days arrive.
echo
echo "index|as grown B|rebuilt B"
for index in PK_Readings PK_Readings_covering; do
    before="$(psql -Atc "SELECT pg_relation_size('\"$index\"')")"
    psql -c "REINDEX INDEX \"$index\""
    echo "$index|$before|$(psql -Atc "SELECT pg_relation_size('\"$index\"')")"
done

# The product's layout: migration ReadingDaysOnPostgres run on the current table as a deployment runs it
# (migrate.sql is its generated SQL), then the Year statement as UsageSql.BucketsAsync writes it on PostgreSQL:
# the same subqueries on the view "Readings", each range also bounding the view's "Day" (ReadingRange.Sql).
echo
readings="$(psql -Atc 'SELECT count(*) FROM "Readings"')"
current_total="$(psql -Atc "SELECT pg_total_relation_size('\"Readings\"')")"
t0=$SECONDS
psql -c 'BEGIN' -f "$here/migrate.sql" -c 'COMMIT'
echo "migration ReadingDaysOnPostgres: $((SECONDS - t0)) s for $readings readings"
psql -c 'VACUUM (ANALYZE) "ReadingDays"'
echo "layout|readings|heap B|index B|TOAST B|total B|B/reading|vs current"
psql -AtF'|' <<SQL
SELECT 'migrated ReadingDays', (SELECT count(*) FROM "Readings"), pg_relation_size('"ReadingDays"'), pg_indexes_size('"ReadingDays"'),
       coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), pg_total_relation_size('"ReadingDays"'),
       round(pg_total_relation_size('"ReadingDays"')::numeric / $readings, 1),
       round(pg_total_relation_size('"ReadingDays"')::numeric / $current_total, 3)
FROM pg_class c WHERE c.oid = '"ReadingDays"'::regclass;
SQL
year_query_view() {
    local key="r.\"LinkId\" = $link AND r.\"ReadingTypeId\" = $link AND r.\"Start\" >= b.s AND r.\"Start\" < b.e AND r.\"Day\" > b.s - 86400 AND r.\"Day\" < b.e"
    cat <<SQL
WITH b(k, s, e) AS (VALUES $values)
SELECT b.k AS "K",
       (SELECT SUM(r."ValueWh") FROM "Readings" AS r WHERE $key) AS "Delivered",
       CAST(NULL AS DOUBLE PRECISION) AS "Received",
       (SELECT MAX(r."ValueWh") FROM "Readings" AS r WHERE $key) AS "DeliveredMax"
FROM b ORDER BY b.k
SQL
}
sql="$(year_query_view)"
echo "layout|year query median ms ($runs warm runs)|min|max|result md5"
answer="$(psql -Atc "$sql" | md5sum | cut -c1-12)"
psql -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >/dev/null
psql -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >"$dir/plans/migrated.txt"
times=()
for _ in $(seq "$runs"); do
    times+=("$(psql -Atc "EXPLAIN (ANALYZE, TIMING OFF) $sql" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p')")
done
printf '%s\n' "${times[@]}" | sort -g | awk -v a="$answer" \
    '{ t[NR] = $1 } END { printf "migrated (view Readings)|%.2f|%.2f|%.2f|%s\n", (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], t[NR], a }'
echo "(the md5 is the current layout's when the migrated table answers the same 365 rows)"
echo "layout|year query cold, median ms ($cold_runs runs)|min|max|8 kB pages read|KiB still cached before the run"
echo "migrated (view Readings)|$(cold "$sql")"
echo
echo "== migrated: EXPLAIN (ANALYZE, BUFFERS), top of the plan"
sed -n '1,12p;/Planning Time/,$p' "$dir/plans/migrated.txt"

echo
echo "total $SECONDS s"
