#!/usr/bin/env bash
# cancel_latency: how long the slowest loops of the extension run past
# statement_timeout (issue 10 item 5; goal under 100 ms).  Each statement
# runs for seconds: it is run once to time it (T), then cancelled by a
# statement_timeout of T/8, T/4 and T/2 (well inside a run even when the
# shared machine runs it faster than when T was taken: at 3T/4 a run once
# finished first); the latency is psql's \timing of the cancelled run minus
# the timeout.  Asserted: every run is cancelled
# (57014) within 1 s of its timeout (room for a machine shared with other
# work); the worst latency is printed.  A timeout inside PostgreSQL's own
# reading of a large argument (detoasting a 20 MB array) waits for it: that
# is counted too.  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PGDATABASE=oracle_cancel_latency
createdb "$PGDATABASE"
trap 'dropdb --if-exists "$PGDATABASE"' EXIT
q() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -At "$@"; }
q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION bosetting;
-- 400 000 distinct cohorts for _grant_totals
CREATE TABLE cohorts AS
SELECT array_agg('0301'::bosetting.kommunenr) AS k, array_agg(2017 + i / 2000) AS sy,
       array_agg(1 + i % 2000) AS yb, array_agg(false) AS f, array_agg(1::int8) AS n
FROM generate_series(0, 399999) i;
-- 2 million weights for apportion (near its memory limit)
CREATE TABLE units AS
SELECT array_agg(round((random() * 100000 + 1)::numeric, 2)) AS w FROM generate_series(1, 2000000);
-- two municipalities for generate_population
INSERT INTO bosetting.municipality (kommunenr, valid_from, name, fylkenr) VALUES
    ('0301', '2024-01-01', 'Oslo', '03'), ('4601', '2024-01-01', 'Bergen', '46');
SQL

# timed SQL [TIMEOUT_MS]: the \timing of one run (ms, integer) and whether
# it was cancelled by the timeout ("cancelled" / "finished" / "error").
timed() {
	local out
	out=$(printf 'SET statement_timeout = %s;\n\\timing on\n%s;\n' "${2:-0}" "$1" | q 2>&1)
	local ms
	ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9]*\)\..*/\1/p' | tail -1)
	if printf '%s' "$out" | grep -q 'canceling statement due to statement timeout'; then
		echo "$ms cancelled"
	elif printf '%s' "$out" | grep -q 'ERROR'; then
		echo "$ms error"
	else
		echo "$ms finished"
	fi
}

n=0
worst=0
measure() {	# measure NAME SQL [FIXED_TIMEOUTS]
	local name=$1 sql=$2 timeouts=${3:-} t ms state lat max=0 bad="" each=""
	if [ -z "$timeouts" ]; then
		read -r t state < <(timed "$sql")
		timeouts="$((t / 8)) $((t / 4)) $((t / 2))"
		[ "$state" = finished ] || bad="uncancelled run: $state"
	fi
	for to in $timeouts; do
		read -r ms state < <(timed "$sql" "$to")
		lat=$((ms - to))
		[ "$lat" -lt 0 ] && lat=0
		[ "$lat" -gt "$max" ] && max=$lat
		each="$each $to:+$lat"
		[ "$state" = cancelled ] || bad="$bad; timeout $to ms: $state after $ms ms"
	done
	n=$((n + 1))
	if [ -z "$bad" ] && [ "$max" -lt 1000 ]; then
		echo "ok $n - $name: cancelled at most $max ms after statement_timeout (timeout:+latency ms$each)"
	else
		echo "not ok $n - $name: $max ms after statement_timeout $bad"
	fi
	[ "$max" -gt "$worst" ] && worst=$max
}
measure "_grant_totals, 400 000 cohorts" \
	"SELECT count(*) FROM cohorts c, bosetting._grant_totals(2017, 2217, c.k, c.sy, c.yb, c.f, c.f, c.f, c.f, c.n)"
measure "apportion, 2 000 000 units, huntington_hill" \
	"SELECT cardinality(bosetting.apportion(w, 2000000, 'huntington_hill')) FROM units"
measure "apportion, 2 000 000 units, hamilton with bounds" \
	"SELECT cardinality(bosetting.apportion(w, 2000000, 'hamilton', NULL, array_fill(2, ARRAY[2000000]))) FROM units"
measure "generate_population, 100 000 households" \
	"SELECT * FROM bosetting.generate_population(2024, 100000, 7)" "500 1500"
echo "# slowest: $worst ms from statement_timeout to the error (goal under 100 ms)"
