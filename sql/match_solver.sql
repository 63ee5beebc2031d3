-- match_solver: solve_assignment, the generic assignment solver.
SET search_path = bosetting, public;

-- Three items (sizes 2, 1, 3), two bins (capacities 3, 2); item 3 may not
-- go to bin 2 (NULL).  Best: items 1 and 2 share bin 1 (5 + 4 = 9); item 3
-- fits nowhere else and stays out.
SELECT * FROM solve_assignment('{{2},{1},{3}}', '{{3},{2}}', '{{5,1},{4,3},{2,NULL}}');
SELECT items, bins, dimensions, assigned, objective, bound >= objective AS bound_ok,
       gap >= 0 AS gap_ok, time_limited
  FROM last_assignment_stats();

-- One dimension may be given as plain arrays.
SELECT * FROM solve_assignment('{1,1}', '{1}', '{{1},{2}}');

-- Two dimensions: persons and places for unaccompanied minors.  Item 1 is a
-- minor (1 person, 1 minor place); only bin 2 has a minor place.
SELECT * FROM solve_assignment('{{1,1},{3,0}}', '{{10,0},{3,1}}', '{{5,4},{1,4}}');

-- Negative scores are never worth it; zero-size items still get a bin.
SELECT * FROM solve_assignment('{{0},{1}}', '{{1}}', '{{0.5},{-1}}');

-- Empty problems.
SELECT count(*) FROM solve_assignment('{}', '{{4}}', '{}');
SELECT * FROM solve_assignment('{{1},{2}}', '{}', '{}');

-- A generated instance: 300 items of sizes 1-8, 25 bins, about 10 % of the
-- pairs forbidden.  Check every capacity and every forbidden pair in SQL.
CREATE TEMP TABLE inst AS
SELECT (SELECT array_agg(ARRAY[1 + (i * 7919) % 8] ORDER BY i) FROM generate_series(1, 300) i) AS demand,
       (SELECT array_agg(ARRAY[20 + (j * 104729) % 60] ORDER BY j) FROM generate_series(1, 25) j) AS capacity,
       (SELECT array_agg(r ORDER BY i) FROM
          (SELECT i, array_agg(CASE WHEN (i * 31 + j * 17) % 10 = 0 THEN NULL
                                    ELSE 1 + ((i * 7 + j * 13) % 97) / 10.0 END ORDER BY j) r
             FROM generate_series(1, 300) i, generate_series(1, 25) j GROUP BY i) s) AS score;
CREATE TEMP TABLE sol AS
SELECT s.* FROM inst, solve_assignment(demand, capacity, score, '{"seed": 3}') s;
SELECT count(*) AS items, count(bin) AS assigned FROM sol;
SELECT count(*) AS overfull_bins FROM (
  SELECT bin, sum(demand[item][1]) AS used, max(capacity[bin][1]) AS cap
    FROM sol, inst WHERE bin IS NOT NULL GROUP BY bin) u WHERE used > cap;
SELECT count(*) AS forbidden_used FROM sol, inst
 WHERE bin IS NOT NULL AND score[item][bin] IS NULL;
SELECT round((sum(score[item][bin]) - (SELECT objective FROM last_assignment_stats()))::numeric, 6) AS objective_diff,
       (SELECT bound >= objective AND gap < 0.01 FROM last_assignment_stats()) AS gap_below_1pct
  FROM sol, inst WHERE bin IS NOT NULL;
-- Deterministic for a seed.
SELECT count(*) AS differences FROM sol
  FULL JOIN (SELECT s.* FROM inst, solve_assignment(demand, capacity, score, '{"seed": 3}') s) t
  USING (item) WHERE sol.bin IS DISTINCT FROM t.bin;
-- Nor does what earlier calls left in memory change it: another solve
-- first (two dimensions, forbidden pairs, a time limit cut short), then the
-- same assignment and the same bound, to the last bit.
CREATE TEMP TABLE stats1 AS SELECT bound, objective FROM last_assignment_stats();
SELECT count(*) > 0 AS other_solve FROM solve_assignment('{{1,1},{3,0},{2,2}}', '{{3,1},{4,2}}',
       '{{5,NULL},{1,4},{2,3}}', '{"seed": 9, "time_limit_ms": 1}');
SELECT count(*) AS differences FROM sol
  FULL JOIN (SELECT s.* FROM inst, solve_assignment(demand, capacity, score, '{"seed": 3}') s) t
  USING (item) WHERE sol.bin IS DISTINCT FROM t.bin;
SELECT s.bound = t.bound AND s.objective = t.objective AS same_bound
  FROM stats1 s, last_assignment_stats() t;
-- A time limit still gives a feasible answer.
SELECT count(*) AS items FROM inst, solve_assignment(demand, capacity, score, '{"time_limit_ms": 1}');

-- Bad input: 22023 or 54000, never a crash.  First the SQLSTATEs:
\set VERBOSITY sqlstate
SELECT * FROM solve_assignment('{{1},{2}}', '{{3,1}}', '{{1},{1}}');
SELECT * FROM solve_assignment('{{1},{2}}', '{{3}}', '{{1},{NaN}}');
SET bosetting.solver_max_pairs = 1000;
SELECT count(*) FROM inst, solve_assignment(demand, capacity, score);
RESET bosetting.solver_max_pairs;
SELECT * FROM solve_assignment('{{1},{2}}', '{{3}}', '{{1}}', '{"max": 1}'::jsonb || '{"seed": 1}');
-- then the messages:
\set VERBOSITY terse
SELECT * FROM solve_assignment('{{1},{2}}', '{{3,1}}', '{{1},{1}}');
SELECT * FROM solve_assignment('{{1},{2}}', '{{3}}', '{{1,2}}');
SELECT * FROM solve_assignment('{{1},{-2}}', '{{3}}', '{{1},{1}}');
SELECT * FROM solve_assignment('{{1},{2}}', '{{-3}}', '{{1},{1}}');
SELECT * FROM solve_assignment('{{1},{NULL}}', '{{3}}', '{{1},{1}}');
SELECT * FROM solve_assignment('{{1},{2}}', '{{3}}', '{{1},{NaN}}');
SELECT * FROM solve_assignment('{{1},{2}}', '{{3}}', '{{1},{-Infinity}}');
SELECT * FROM solve_assignment('{{{1}}}', '{{3}}', '{{1}}');
SELECT * FROM solve_assignment('[0:1]={1,2}', '{3}', '{{1},{1}}');
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '{"seeds": 1}');
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '{"seed": -1}');
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '{"time_limit_ms": "fast"}');
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '[1]');
SET bosetting.solver_max_pairs = 1000;
SELECT count(*) FROM inst, solve_assignment(demand, capacity, score);
RESET bosetting.solver_max_pairs;
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '{"time_limit_ms": 86400001}');
SELECT * FROM solve_assignment('{1,2}', '{3}', '{{1},{1}}', '{"time_limit_ms": 1e300}');
-- score_matrix keeps to the solver's limit before it allocates anything
-- (11000 x 11000 would be 1 GB), and to 1-based one-dimensional inputs.
SELECT score_matrix(11000, 11000, array_fill(1::float8, ARRAY[11000]), '{}', '{}', '{}');
SET bosetting.solver_max_pairs = 3;
SELECT score_matrix(2, 2, '{1,2}', '{}', '{}', '{}');
RESET bosetting.solver_max_pairs;
SELECT score_matrix(2, 2, '[0:1]={1,2}', '{}', '{}', '{}');
SELECT score_matrix(2, 2, '{{1,2}}', '{}', '{}', '{}');
SELECT score_matrix(2, 2, '{1,2}', '{1}', '[2:2]={1}', '{5}');
SELECT score_matrix(2, 2, '{1,2}', '{1}', '{1}', '{5}');
-- fit_counts takes the same shapes as solve_assignment.
SELECT fit_counts('{{1,0},{3,1}}', '{{2,1},{3,0}}');
SELECT fit_counts('{{1,0},{3,1}}', '{{2,1},{3,0}}', '{1}');
SELECT fit_counts('{{{1}}}', '{{2}}');
SELECT fit_counts('[0:1]={1,2}', '{2}');
SELECT fit_counts('{1,2}', '{{2,1}}');
SELECT fit_counts('{1,2}', '{2}', '[2:2]={1}');
SELECT fit_counts('{1,NULL}', '{2}');
-- Cancellation reaches the solver (statement_timeout -> 57014).
CREATE TEMP TABLE big AS
SELECT (SELECT array_agg(1 + i % 8) FROM generate_series(1, 3000) i) AS demand,
       (SELECT array_agg(10 + j % 40) FROM generate_series(1, 357) j) AS capacity,
       (SELECT array_fill(1.5::float8, ARRAY[3000, 357])) AS score;
\set VERBOSITY sqlstate
SET statement_timeout = '100ms';
SELECT count(*) FROM big, solve_assignment(demand, capacity, score);
RESET statement_timeout;
SELECT 1 AS still_alive;

-- Balance constraints (option "constraints").  Four items of size 1 all
-- prefer bin 1 (scores 10, 9, 8, 7 there, 1 in bin 2); both bins hold 4.
-- At most one of items 1-3 per bin: bin 1 takes items 1 and 4, bin 2 item 2,
-- item 3 stays out: 10 + 7 + 1 = 18 instead of 34 without the constraint.
\set VERBOSITY default
\set s4 '{{10,1},{9,1},{8,1},{7,1}}'
SELECT * FROM solve_assignment('{1,1,1,1}', '{4,4}', :'s4',
  '{"constraints": [{"items": [1,2,3], "max_per_bin": 1}]}');
SELECT objective, constraints FROM last_assignment_stats();
-- At least two of the four in bin 2: the two cheapest moves (items 4 and 3).
SELECT * FROM solve_assignment('{1,1,1,1}', '{4,4}', :'s4',
  '{"constraints": [{"items": [1,2,3,4], "bins": [2], "min": 2}]}');
SELECT objective, constraints -> 'constraints' -> 0 ->> 'binding' AS binding,
       constraints ->> 'price_of_fairness' AS price FROM last_assignment_stats();
-- A share: at least half of items 1-3 (2 of 3) in bin 2, and bin 1 holds
-- at most 3 of items 1-4.  Best: items 1 and 4 in bin 1, 2 and 3 in bin 2
-- (10 + 7 + 1 + 1 = 19).
SELECT * FROM solve_assignment('{1,1,1,1}', '{4,4}', :'s4',
  '{"constraints": [{"items": [1,2,3], "bins": [2], "min_share": 0.5},
                    {"items": [1,2,3,4], "bins": [1], "max_per_bin": 3}]}');
SELECT objective, jsonb_path_query(constraints, '$.constraints[*]') FROM last_assignment_stats();
-- A full bin: item 2 (allowed only in bin 2) fills it; item 1 must be
-- there, so item 2 is ejected (and has nowhere else to go).
SELECT * FROM solve_assignment('{1,1}', '{4,1}', '{{10,1},{NULL,5}}',
  '{"constraints": [{"items": [1], "bins": [2], "min": 1}]}');
-- Not attainable: item 2 may not go to bin 2.  A WARNING says which
-- constraint and by how much; the stats say it too.
SELECT * FROM solve_assignment('{1,1}', '{4,4}', '{{10,1},{9,NULL}}',
  '{"constraints": [{"items": [1,2], "bins": [2], "min": 2}]}');
SELECT constraints -> 'constraints' -> 0 ->> 'shortfall' AS shortfall FROM last_assignment_stats();
-- The generated instance: at most 2 items of size 6 or more per bin and at
-- least 20 of items 1-30 in bins 1-3; checked in SQL.
CREATE TEMP TABLE bal AS
SELECT s.* FROM inst, solve_assignment(demand, capacity, score, jsonb_build_object('seed', 3,
  'constraints', jsonb_build_array(
    jsonb_build_object('items', (SELECT jsonb_agg(i) FROM generate_series(1, 300) i
                                  WHERE demand[i][1] >= 6), 'max_per_bin', 2),
    jsonb_build_object('items', (SELECT jsonb_agg(i) FROM generate_series(1, 30) i),
                       'bins', '[1,2,3]'::jsonb, 'min', 20)))) s;
SELECT max(c) AS most_large_per_bin FROM (
  SELECT count(*) c FROM bal, inst WHERE bin IS NOT NULL AND demand[item][1] >= 6 GROUP BY bin) x;
SELECT count(*) >= 20 AS min_met FROM bal WHERE item <= 30 AND bin <= 3;
SELECT count(*) AS overfull_bins FROM (
  SELECT bin, sum(demand[item][1]) AS used, max(capacity[bin][1]) AS cap
    FROM bal, inst WHERE bin IS NOT NULL GROUP BY bin) u WHERE used > cap;
SELECT count(*) AS forbidden_used FROM bal, inst WHERE bin IS NOT NULL AND score[item][bin] IS NULL;
SELECT round((sum(score[item][bin]) - (SELECT objective FROM last_assignment_stats()))::numeric, 6) AS objective_diff,
       (SELECT (constraints ->> 'objective_unconstrained')::float8 >= objective * 0.999
               AND bound >= objective FROM last_assignment_stats()) AS price_and_bound_ok,
       (SELECT jsonb_path_query_array(constraints, '$.constraints[*].binding') FROM last_assignment_stats()) AS binding
  FROM bal, inst WHERE bin IS NOT NULL;
-- Without constraints the column is NULL again.
SELECT * FROM solve_assignment('{1}', '{1}', '{{1}}');
SELECT constraints IS NULL AS no_constraints FROM last_assignment_stats();
-- Bad constraints: 22023 naming the key and the value (54000 beyond 16 dimensions).
\set VERBOSITY sqlstate
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1,3], "max_per_bin": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}',
  jsonb_build_object('constraints', (SELECT jsonb_agg('{"items": [1], "max_per_bin": 1}'::jsonb) FROM generate_series(1, 16))));
\set VERBOSITY terse
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": {"items": [1]}}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [[1]]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"max_per_bin": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1,3], "max_per_bin": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1,1], "max_per_bin": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": "all", "max_per_bin": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "bins": [0], "min": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "max_per_bin": 1, "min": 1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1]}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "max_per_bin": -1}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "max_per_bin": 1.5}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1,2], "min": 3}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "min_share": 1.5}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}', '{"constraints": [{"items": [1], "min": 1, "kind": "x"}]}');
SELECT * FROM solve_assignment('{1,1}', '{2}', '{{1},{1}}',
  jsonb_build_object('constraints', (SELECT jsonb_agg('{"items": [1], "max_per_bin": 1}'::jsonb) FROM generate_series(1, 16))));
\set VERBOSITY default

-- Extreme sizes: capacities and demands at the int4 limit in two dimensions
-- (the exact re-packing has no table that small and leaves such a bin as it
-- is; sums are taken in 64 bits).  Best: item 1 in bin 1, item 2 in bin 2.
SELECT * FROM solve_assignment('{{2147483647,2147483647},{1,0},{2147483646,1}}',
                               '{{2147483647,2147483647},{1,1}}', '{{3,1},{1,2},{2,NULL}}');
SELECT objective, bound >= objective AS bound_ok FROM last_assignment_stats();
