#!/usr/bin/env bash
# 70_report.sh: each reporting view over the demo's register (demo steps
# 10-70: the real register, the synthetic 2024 population matched and
# settled), the goal of issue 13 being under 1 s each.  Prints per view the
# CPU time of the backend (utime + stime from /proc, 10 ms ticks, averaged
# over RUNS runs after one warm-up) beside the wall time, and as ratios: to
# a count(*) over person measured in the same run, and to the 1 s goal.
# grant_projection is also timed against its formulation before issue 13's
# speed-up (sql/include/grant_projection_ref.psql).  Needs a superuser (it
# reads /proc/self/stat with pg_read_file).  `make bench BENCH=70_report`.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
# shellcheck source=test/bench/demo_db.sh
. test/bench/demo_db.sh
demo_db 70
psql -X -q -v ON_ERROR_STOP=1 -v runs="$RUNS" <<'SQL'
\i sql/include/grant_projection_ref.psql
CREATE FUNCTION pg_temp.cpu_ms() RETURNS numeric LANGUAGE sql AS $$
    SELECT (split_part(s, ' ', 14)::numeric + split_part(s, ' ', 15)::numeric)
           * 1000 / 100   -- clock ticks of 10 ms (USER_HZ)
      FROM pg_read_file('/proc/self/stat') s $$;
CREATE FUNCTION pg_temp.time_q(q text, runs int, OUT rows bigint, OUT cpu_ms numeric, OUT wall_ms numeric)
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; c0 numeric;
BEGIN
    EXECUTE q INTO rows;   -- warm-up (caches, plans)
    c0 := pg_temp.cpu_ms(); t0 := clock_timestamp();
    FOR i IN 1..runs LOOP EXECUTE q INTO rows; END LOOP;
    cpu_ms := round((pg_temp.cpu_ms() - c0) / runs, 1);
    wall_ms := round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000 / runs, 1);
END $$;
SELECT count(*) AS persons, count(*) FILTER (WHERE s.status = 'settled') AS settled
  FROM bosetting.person p LEFT JOIN bosetting.settlement s USING (household_id);
CREATE TEMP TABLE t AS
SELECT 'count(*) person (baseline)' AS query, b.* FROM pg_temp.time_q('SELECT count(*) FROM bosetting.person', :runs * 20) b;
INSERT INTO t
SELECT v, x.* FROM unnest(ARRAY['report_settlement', 'report_settled_by_category', 'report_waiting',
                                'report_capacity', 'report_grants', 'report_matching']) v,
       LATERAL pg_temp.time_q(format('SELECT count(*) FROM (SELECT * FROM bosetting.%I) v', v), :runs) x;
-- the years report_grants projects (see _report_grants)
SELECT min(y) AS lo, max(y) AS hi FROM (SELECT year AS y FROM bosetting.settlement WHERE status = 'settled'
                                        UNION ALL SELECT max(year) + 4 FROM bosetting.decision) r \gset
INSERT INTO t
SELECT q, x.* FROM unnest(ARRAY[format('grant_projection(%s, %s)', :lo, :hi),
                                format('grant_projection_ref(%s, %s) (before)', :lo, :hi)]) q,
       LATERAL pg_temp.time_q(CASE WHEN q LIKE '%ref%' THEN format('SELECT count(*) FROM pg_temp.grant_projection_ref(%s, %s)', :lo, :hi)
                                   ELSE format('SELECT count(*) FROM bosetting.grant_projection(%s, %s)', :lo, :hi) END, :runs) x;
\echo '== per run: CPU (backend utime+stime) and wall ms; ratios to count(*) over person and to 1 s'
SELECT query, rows, cpu_ms, wall_ms,
       round(cpu_ms / nullif((SELECT cpu_ms FROM t WHERE query LIKE 'count%'), 0), 1) AS cpu_vs_count,
       round(cpu_ms / 1000, 3) AS cpu_vs_1s, round(wall_ms / 1000, 3) AS wall_vs_1s
  FROM t;
SELECT round((SELECT cpu_ms FROM t WHERE query LIKE '%(before)') / nullif((SELECT cpu_ms FROM t WHERE query LIKE 'grant_projection(%'), 0), 2)
       AS "grant_projection CPU before / after";
SQL
dropdb bosetting_demo
