#!/usr/bin/env bash
# 90_access: the cost of row-level security.  Booking throughput (pgbench,
# 8 clients, one settlement per transaction spread over every 2024
# municipality) as a caseworker login (policies evaluated) against the same
# as the superuser (policies bypassed); and match_households() for 1,000
# waiting households as each.  Goal: caseworker / superuser >= 0.8.
# Run inside tools/with-cluster.sh (make bench BENCH=90_access).
set -euo pipefail
CLIENTS=${CLIENTS:-8}
TX=${TX:-500}
ROUNDS=${ROUNDS:-3}
HOUSEHOLDS=$((CLIENTS * TX * 2 * ROUNDS + 2400))
pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

createdb bench_access
export PGDATABASE=bench_access
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION bosetting'
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS bench_access" -c "DROP ROLE IF EXISTS bench_case" >/dev/null 2>&1 || true' EXIT

echo "== setup: the 2024 municipality register, $HOUSEHOLDS households to book, 1,000 waiting for 2026"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET search_path = bosetting, public;
SET client_min_messages = warning;
CREATE TEMP TABLE stage_municipalities (kommunenr text, name text, fylkenr text, fylke_name text,
    population text, population_date text, lat text, lon text, source text, name_official_2024 text,
    name_official_2026 text, other_official_names text, admin_centre text);
\copy stage_municipalities FROM PROGRAM 'cat "\$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) AS rejected FROM load_municipalities('stage_municipalities');
INSERT INTO decision (year, kommunenr, decided, decided_em)
SELECT y, kommunenr, CASE WHEN y = 2024 THEN 1000000 ELSE 12 END, 100000
  FROM municipality, (VALUES (2024), (2026)) v(y) WHERE valid_to IS NULL AND kommunenr <> '9999';
CREATE TABLE public.bench_k (i int PRIMARY KEY, k kommunenr NOT NULL);
INSERT INTO public.bench_k SELECT row_number() OVER (ORDER BY kommunenr), kommunenr FROM decision WHERE year = 2024;
INSERT INTO household (year, permit_date) SELECT 2024, date '2024-01-01' FROM generate_series(1, $HOUSEHOLDS);
INSERT INTO household (year, permit_date, reception_kommunenr)
SELECT 2026, date '2026-01-01' + (g.n % 200), b.k FROM generate_series(1, 1000) g(n) JOIN public.bench_k b ON b.i = 1 + g.n % 300;
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT h.household_id, synthetic_dufnr(2023, (h.household_id * 5 + i)::int), date '1990-01-01', 'female', 'resettlement'
  FROM household h, generate_series(1, 1 + (h.household_id % 5)::int) i;
CREATE SEQUENCE public.bench_hh;
SELECT count(*) FROM create_roles();
CREATE ROLE bench_case LOGIN PASSWORD '$pw' IN ROLE bosetting_caseworker;
GRANT USAGE ON SEQUENCE public.bench_hh TO bench_case;
GRANT SELECT ON public.bench_k TO bench_case;
ANALYZE;
SQL
# Until the capacity triggers run as the extension's owner (the "capacity"
# work of 0.2), a booking role writes the counters and the history itself:
# this benchmark login gets those grants (harmless afterwards).
psql -X -q -v ON_ERROR_STOP=1 -c 'GRANT SELECT, INSERT, UPDATE, DELETE ON bosetting.capacity_booked, bosetting.capacity_household TO bench_case' \
	-c 'GRANT INSERT ON bosetting.settlement_history TO bench_case'

nk=$(psql -X -At -c 'SELECT count(*) FROM bench_k')
cat > "$BOSETTING_WORK/book.sql" <<EOF2
\set k random(1, $nk)
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT nextval('bench_hh'), 2024, k FROM bench_k WHERE i = :k;
EOF2
tps() { pgbench -n -c "$CLIENTS" -j 2 -t "$TX" -f "$BOSETTING_WORK/book.sql" "$@" 2>&1 | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1; }
match_ms() {   # median of 3 runs of match_households(2026), in ms
	for _ in 1 2 3; do
		"$@" psql -X -At -c "SELECT extract(epoch FROM clock_timestamp()) * 1000" \
			-c "SELECT count(*) FROM bosetting.match_households(2026)" \
			-c "SELECT extract(epoch FROM clock_timestamp()) * 1000" | awk 'NR == 1 { a = $1 } NR == 3 { printf "%.0f\n", $1 - a }'
	done | sort -n | sed -n 2p
}
as_case() { PGHOST=127.0.0.1 PGUSER=bench_case PGPASSWORD=$pw "$@"; }

echo "== booking throughput, $CLIENTS clients x $TX bookings per run ($ROUNDS rounds, interleaved)"
for round in $(seq "$ROUNDS"); do
	su=$(tps)
	cw=$(as_case tps)
	printf 'round %s: superuser %8.0f bookings/s   caseworker %8.0f bookings/s   ratio %s (goal >= 0.8)\n' \
		"$round" "$su" "$cw" "$(awk -v a="$cw" -v b="$su" 'BEGIN { printf "%.2f", a / b }')"
done
echo "== match_households(2026): 1,000 waiting households, 356 municipalities (median of 3)"
su=$(match_ms env)
cw=$(match_ms as_case env)
printf 'superuser %s ms   caseworker %s ms   ratio %s (goal >= 0.8)\n' "$su" "$cw" "$(awk -v a="$su" -v b="$cw" 'BEGIN { printf "%.2f", a / b }')"
# The machine may be shared: wall-clock ratios are noisy.  The CPU time the
# backend itself spends (utime + stime from /proc, in clock ticks) is not:
# one session runs the same work as the superuser and as the caseworker
# (SET ROLE), alternating, six times each.
cpu_ratio() {   # cpu_ratio SQL -> "superuser N ticks, caseworker N ticks, ratio R"
	{
		echo 'SELECT pg_backend_pid() AS pid \gset'
		echo '\setenv BPID :pid'
		for _ in 1 2 3 4 5 6; do
			for who in su cw; do
				if [ $who = su ]; then echo 'RESET ROLE;'; else echo 'SET ROLE bench_case;'; fi
				echo "\\! awk '{print \"before\", \$14+\$15}' /proc/\$BPID/stat"
				echo "$1"
				echo "\\! awk '{print \"$who\", \$14+\$15}' /proc/\$BPID/stat"
			done
		done
	} > "$BOSETTING_WORK/cpu.sql"
	psql -X -q -v ON_ERROR_STOP=1 -f "$BOSETTING_WORK/cpu.sql" | awk '/^before/ { b = $2 } /^su/ { su += $2 - b } /^cw/ { cw += $2 - b }
		END { printf "superuser %d ticks   caseworker %d ticks   ratio %.2f (goal >= 0.8)\n", su, cw, (cw ? su / cw : 0) }'
}
echo "== backend CPU time, one session: match_households(2026) x 6 per role"
cpu_ratio 'SELECT count(*) FROM bosetting.match_households(2026) \g /dev/null'
echo "== backend CPU time, one session: 200 single bookings x 6 per role"
cpu_ratio "$(for _ in $(seq 200); do echo "INSERT INTO bosetting.settlement (household_id, year, kommunenr) SELECT nextval('bench_hh'), 2024, k FROM bench_k WHERE i = 1 + (random() * ($nk - 1))::int;"; done)"
echo "== after the runs"
psql -X -v ON_ERROR_STOP=1 -c "SELECT (SELECT count(*) FROM bosetting.settlement) AS bookings, (SELECT count(*) FROM bosetting.verify_capacity()) AS verify_capacity_rows"
