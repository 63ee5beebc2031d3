#!/usr/bin/env bash
# 20_capacity: booking throughput with and without the capacity trigger.
# pgbench, 8 clients, each transaction books one waiting household (a
# settlement row) into a random municipality: "spread" over all 2024
# municipalities, and "hot" over 5 of them (every booking contends for the
# same few counter rows).  The baseline runs the same script with the
# capacity_book trigger disabled (the register's own triggers stay on in
# both).  At the end verify_capacity() must be empty and no municipality
# over-booked.  Run inside tools/with-cluster.sh (make bench BENCH=20_capacity).
set -euo pipefail
CLIENTS=${CLIENTS:-8}
TX=${TX:-1000}            # transactions per client and run
RUNS=4                    # spread/hot x checked/unchecked
FILL_TX=200              # per client, racing for the last places
HOUSEHOLDS=$((CLIENTS * TX * RUNS + CLIENTS * FILL_TX))

createdb bench_capacity
export PGDATABASE=bench_capacity
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION bosetting'

echo "== setup: the 2024 municipality register, a synthetic decision of 1,000,000 per municipality, $HOUSEHOLDS households"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET search_path = bosetting, public;
SET client_min_messages = warning;
CREATE TEMP TABLE stage_municipalities (kommunenr text, name text, fylkenr text, fylke_name text,
    population text, population_date text, lat text, lon text, source text, name_official_2024 text,
    name_official_2026 text, other_official_names text, admin_centre text);
\copy stage_municipalities FROM PROGRAM 'cat "\$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) AS rejected FROM load_municipalities('stage_municipalities');
INSERT INTO decision (year, kommunenr, decided, decided_em)
SELECT 2024, kommunenr, 1000000, 100000 FROM municipality WHERE valid_to IS NULL AND kommunenr <> '9999';
CREATE TABLE public.bench_k (i int PRIMARY KEY, k kommunenr NOT NULL);
INSERT INTO public.bench_k SELECT row_number() OVER (ORDER BY kommunenr), kommunenr
FROM decision WHERE year = 2024;
-- households of 1-5 persons, every 20th with an unaccompanied minor
INSERT INTO household (year) SELECT 2024 FROM generate_series(1, $HOUSEHOLDS);
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
SELECT h.household_id, synthetic_dufnr(2023, (h.household_id * 5 + i)::int), date '1990-01-01',
       'female', 'resettlement', h.household_id % 20 = 0 AND i = 1
FROM household h, generate_series(1, 1 + (h.household_id % 5)::int) i;
CREATE SEQUENCE public.bench_hh;
-- the race for the last places: 5 municipalities decided 50 persons for 2025
INSERT INTO decision (year, kommunenr, decided, decided_em)
SELECT 2025, k, 50, 5 FROM public.bench_k WHERE i <= 5;
CREATE FUNCTION public.bench_try(k kommunenr) RETURNS boolean LANGUAGE plpgsql AS \$\$
BEGIN
    INSERT INTO bosetting.settlement (household_id, year, kommunenr) VALUES (nextval('bench_hh'), 2025, k);
    RETURN true;
EXCEPTION WHEN check_violation THEN
    RETURN false;
END \$\$;
ANALYZE;
SELECT (SELECT count(*) FROM bench_k) AS municipalities, (SELECT count(*) FROM household) AS households,
       (SELECT count(*) FROM person) AS persons;
SQL

nk=$(psql -X -At -c 'SELECT count(*) FROM bench_k')
cat > "$BOSETTING_WORK/spread.sql" <<EOF2
\set k random(1, $nk)
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT nextval('bench_hh'), 2024, k FROM bench_k WHERE i = :k;
EOF2
cat > "$BOSETTING_WORK/hot.sql" <<EOF2
\set k random(1, 5)
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT nextval('bench_hh'), 2024, k FROM bench_k WHERE i = :k;
EOF2

run() {   # run NAME SCRIPT TRIGGER(on|off) -> prints tps
	if [ "$3" = off ]; then
		psql -X -q -c 'ALTER TABLE bosetting.settlement DISABLE TRIGGER capacity_book'
	fi
	tps=$(pgbench -n -c "$CLIENTS" -j 2 -t "$TX" -f "$BOSETTING_WORK/$2.sql" 2>&1 |
		sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1)
	if [ "$3" = off ]; then
		# the unchecked bookings never reached the counters: remove them
		psql -X -q -c 'DELETE FROM bosetting.settlement WHERE household_id NOT IN (SELECT household_id FROM bosetting.capacity_household WHERE booked_year IS NOT NULL)' \
			-c 'ALTER TABLE bosetting.settlement ENABLE TRIGGER capacity_book'
	fi
	echo "$tps"
}

echo "== $CLIENTS clients x $TX bookings per run"
for shape in spread hot; do
	off=$(run "$shape" "$shape" off)
	on=$(run "$shape" "$shape" on)
	ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.2f", a / b }')
	printf '%-7s unchecked %8.0f bookings/s   checked %8.0f bookings/s   ratio %s (goal >= 0.5)\n' \
		"$shape" "$off" "$on" "$ratio"
done

cat > "$BOSETTING_WORK/fill.sql" <<EOF2
\set k random(1, 5)
SELECT bench_try(k) FROM bench_k WHERE i = :k;
EOF2
echo "== race for the last places: $CLIENTS clients x $FILL_TX attempts on 5 municipalities with 50 places each"
pgbench -n -c "$CLIENTS" -j 2 -t "$FILL_TX" -f "$BOSETTING_WORK/fill.sql" 2>&1 | sed -n 's/^\(tps = [0-9.]*\) .*/   \1 attempts\/s/p'
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT kommunenr, decided, booked, remaining FROM bosetting.remaining_capacity(2025) WHERE dimension = 'persons'"

echo "== after the runs"
psql -X -v ON_ERROR_STOP=1 <<'SQL'
SELECT (SELECT count(*) FROM bosetting.settlement WHERE status <> 'withdrawn') AS bookings,
       (SELECT count(*) FROM bosetting.verify_capacity()) AS verify_capacity_rows,
       (SELECT count(*) FROM bosetting.capacity_expected() e
         WHERE e.booked > COALESCE(e.decided, 0)) AS over_booked_counters;
SQL
