#!/usr/bin/env bash
# 45_match_demo.sh: match_households over the demo's 2024 population (demo
# steps 10-45: the real 2024 decisions, about 9,000 synthetic households
# waiting, 7 capacity dimensions), measured as issue 14 asks: the solver's
# gap to its own bound and its time; the price of fairness of the two
# balance constraints of doc/match.md; and, with synthetic preferences (a
# seeded 30 % of the households rank three municipalities, about 2 % veto
# the one they would otherwise get),
# the shares placed at their first, second and third choice, the vetoes
# kept, and the justified envy a caseworker would review.  Times are the
# backend's CPU seconds beside the wall time (the machine may be shared).
# Needs a superuser (it reads /proc/self/stat).  `make bench BENCH=45_match_demo`.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=test/bench/demo_db.sh
. test/bench/demo_db.sh
demo_db 45
psql -X -q -v ON_ERROR_STOP=1 -P pager=off -P footer=off <<'SQL'
SET search_path = bosetting, public;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.cpu_s() RETURNS numeric LANGUAGE sql AS $$
    SELECT (split_part(s, ' ', 14)::numeric + split_part(s, ' ', 15)::numeric) / 100   -- 10 ms ticks
      FROM pg_read_file('/proc/self/stat') s $$;
CREATE TEMP TABLE clock (step text, cpu_s numeric, wall timestamptz);
CREATE FUNCTION pg_temp.lap(step text) RETURNS TABLE(step text, cpu_s numeric, wall_s numeric)
LANGUAGE sql AS $$
    INSERT INTO clock VALUES (step, pg_temp.cpu_s(), clock_timestamp());
    SELECT c.step, round(c.cpu_s - p.cpu_s, 2), round(extract(epoch FROM c.wall - p.wall)::numeric, 1)
      FROM clock c, LATERAL (SELECT * FROM clock q WHERE q.wall < c.wall ORDER BY q.wall DESC LIMIT 1) p
     WHERE c.step = lap.step $$;
CREATE TEMP TABLE started AS SELECT * FROM pg_temp.lap('start');

\echo '== match_households(2024, seed 1): the solver''s gap to its own bound, and the whole call''s time'
CREATE TEMP TABLE plain AS SELECT * FROM match_households(2024, '{"seed": 1}');
SELECT * FROM pg_temp.lap('match_households');
SELECT items AS households, bins AS municipalities, dimensions, assigned,
       round(objective::numeric, 2) AS objective, round(bound::numeric, 2) AS bound,
       round(100 * gap::numeric, 3) AS gap_pct, round(elapsed_ms::numeric / 1000, 1) AS solver_wall_s,
       pg_size_pretty(work_bytes::bigint) AS solver_memory
  FROM last_assignment_stats();

\echo '== The price of fairness: at most 2 households of 5 or more persons per municipality, and at least'
\echo '   5 % of the households with an unaccompanied minor in every county (doc/match.md)'
CREATE TEMP TABLE fair AS SELECT * FROM match_households(2024, '{"seed": 1, "balance": [
    {"min_persons": 5, "max_per_municipality": 2},
    {"unaccompanied": true, "min_share_per_county": 0.05}]}');
SELECT * FROM pg_temp.lap('match_households with balance');
SELECT round(objective::numeric, 2) AS objective,
       round((constraints ->> 'objective_unconstrained')::numeric, 2) AS without_balance,
       round((constraints ->> 'price_of_fairness')::numeric, 2) AS price_of_fairness,
       round(100 * (constraints ->> 'price_of_fairness')::numeric
             / nullif((constraints ->> 'objective_unconstrained')::numeric, 0), 2) AS price_pct,
       round(100 * gap::numeric, 3) AS gap_pct
  FROM last_assignment_stats();
SELECT count(*) AS constraints,
       count(*) FILTER (WHERE (c ->> 'binding')::boolean) AS binding,
       count(*) FILTER (WHERE (c ->> 'shortfall')::int > 0) AS short,
       string_agg(format('%s short by %s', c ->> 'name', c ->> 'shortfall'), '; ')
           FILTER (WHERE (c ->> 'shortfall')::int > 0) AS shortfalls
  FROM last_assignment_stats(), jsonb_array_elements(constraints -> 'constraints') c;
SELECT count(*) FILTER (WHERE f.kommunenr IS NOT NULL) AS placed_with_balance,
       count(*) FILTER (WHERE p.kommunenr IS NOT NULL) AS placed_without,
       count(*) FILTER (WHERE f.kommunenr IS DISTINCT FROM p.kommunenr) AS households_moved
  FROM fair f JOIN plain p USING (household_id);

\echo '== Synthetic preferences (seeded): 30 % of the waiting households rank three municipalities'
\echo '   with places; 7 % of those veto the municipality the run without preferences gave them'
INSERT INTO household_preference (household_id, kommunenr, rank, veto, reason)
SELECT household_id, kommunenr, rank, false, NULL
  FROM (SELECT p.household_id, d.kommunenr,
               row_number() OVER (PARTITION BY p.household_id
                                  ORDER BY hashtext(p.household_id || '/' || d.kommunenr)) AS rank
          FROM plain p CROSS JOIN LATERAL
               (SELECT kommunenr FROM remaining_capacity(2024)
                 WHERE dimension = 'persons' AND remaining > 0) d
         WHERE abs(hashtext('rank/' || p.household_id)) % 100 < 30) r
 WHERE rank <= 3;
-- the vetoes among the households that rank, so that the report (one row
-- per such household) shows where each went
INSERT INTO household_preference (household_id, kommunenr, rank, veto, reason)
SELECT household_id, kommunenr, NULL, true, 'synthetic veto'
  FROM plain
 WHERE kommunenr IS NOT NULL AND abs(hashtext('veto/' || household_id)) % 100 < 7
   AND household_id IN (SELECT household_id FROM household_preference)
ON CONFLICT DO NOTHING;
SELECT count(DISTINCT household_id) FILTER (WHERE NOT veto) AS households_ranking,
       count(*) FILTER (WHERE veto) AS vetoes
  FROM household_preference;
CREATE TEMP TABLE preferred AS SELECT * FROM pg_temp.lap('preferences');
CREATE TEMP TABLE report AS SELECT * FROM match_preference_report(2024, '{"seed": 1}');
SELECT * FROM pg_temp.lap('match_preference_report');
SELECT count(*) AS with_preferences,
       round(avg(coalesce(got_rank = 1, false)::int), 3) AS first,
       round(avg(coalesce(got_rank = 2, false)::int), 3) AS second,
       round(avg(coalesce(got_rank = 3, false)::int), 3) AS third,
       round(avg((got_rank IS NULL AND kommunenr IS NOT NULL)::int), 3) AS elsewhere,
       round(avg((kommunenr IS NULL)::int), 3) AS unplaced
  FROM (SELECT DISTINCT ON (household_id) * FROM report ORDER BY household_id) r;
SELECT count(*) AS justified_envy_rows,
       count(DISTINCT household_id) AS households_with_envy,
       sum(placed_lower) AS lower_scored_households_placed
  FROM report WHERE envied_kommunenr IS NOT NULL;
SELECT count(*) AS vetoes_violated
  FROM report r JOIN household_preference v
    ON v.household_id = r.household_id AND v.kommunenr = r.kommunenr AND v.veto;
SELECT round(objective::numeric, 2) AS objective, round(100 * gap::numeric, 3) AS gap_pct
  FROM last_assignment_stats();
SQL
