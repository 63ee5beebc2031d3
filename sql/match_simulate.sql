-- match_simulate: the year simulator (simulate_year, last_simulation_stats,
-- generate_arrivals) on a small register of 2031, with a history year 2030.
-- The setup is committed so that the simulation can run in a READ ONLY
-- transaction (as on a hot standby); the end removes it again.
SET search_path = bosetting, public;
\i sql/include/error_of.psql
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr)
SELECT k::kommunenr, '2020-01-01', n, f FROM (VALUES ('0301', 'Oslo', '03'), ('4601', 'Bergen', '46'),
    ('5001', 'Trondheim', '50')) v(k, n, f)
 WHERE NOT municipality_valid_in(k::kommunenr, 2031);
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES
    (2031, '4601', 3, 0), (2032, '0301', 40, 2), (2032, '4601', 30, 1), (2032, '5001', 20, 0);
CREATE SEQUENCE pg_temp.duf_seq;
-- a household of n persons (the first m unaccompanied minors)
CREATE FUNCTION pg_temp.household(y int, n int, m int, permit date, connection text)
RETURNS bigint LANGUAGE sql AS $$
    WITH h AS (INSERT INTO bosetting.household (year, permit_date, connection_kommunenr, note)
               VALUES (y, permit, connection::bosetting.kommunenr, 'match_simulate')
               RETURNING household_id)
    INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
    SELECT h.household_id, bosetting.synthetic_dufnr(y, nextval('pg_temp.duf_seq')::int),
           CASE WHEN i <= m THEN date '2016-01-01' ELSE date '1990-01-01' END, 'female', 'resettlement', i <= m
    FROM h, generate_series(1, n) i
    RETURNING household_id $$;
CREATE TEMP TABLE hh (name text PRIMARY KEY, id bigint);
INSERT INTO hh VALUES
    ('history_family_tie_bergen', pg_temp.household(2030, 3, 0, '2030-03-05', '4601')),
    ('single_early',              pg_temp.household(2031, 1, 0, '2031-01-03', NULL)),
    ('family_tie_bergen',         pg_temp.household(2031, 3, 0, '2031-03-06', '4601'));

-- 1. One place story: three places in Bergen; a single arrives in week 1, a
-- family with ties to Bergen in week 10 (like one in the history).  Myopic
-- places the single at once and has no room for the family; the bid price
-- of a Bergen place (the history expects such a family) holds the places.
CREATE TEMP TABLE arrivals AS
SELECT id AS household_id, h.permit_date FROM hh JOIN household h ON h.household_id = hh.id
 WHERE name <> 'history_family_tie_bergen';
BEGIN READ ONLY;
SELECT week, arrived, placed, waiting, objective, within_target, median_wait_days
  FROM simulate_year(2031, 'arrivals', '{"policy": "myopic"}') WHERE arrived > 0 OR placed > 0;
SELECT * FROM last_simulation_stats();
SELECT week, arrived, placed, waiting, objective, within_target, median_wait_days
  FROM simulate_year(2031, 'arrivals', '{"policy": "bid_price"}') WHERE arrived > 0 OR placed > 0;
SELECT * FROM last_simulation_stats();
SELECT detail - 'elapsed_ms' - 'cpu_ms' - 'work_bytes' AS detail, prices FROM _last_simulation_detail();
-- the delay cost is per person and week waited: none here
SELECT week, placed, waiting FROM simulate_year(2031, 'arrivals', '{"policy": "balanced"}') WHERE placed > 0;
SELECT policy, objective, ratio, placed FROM last_simulation_stats();
COMMIT;

-- 2. Arrival streams: 60 households of 2032, three patterns, seeded.
SELECT count(*) FROM (SELECT pg_temp.household(2032, 1 + g % 4, CASE WHEN g % 15 = 0 THEN 1 ELSE 0 END,
                                               NULL, CASE WHEN g % 5 = 0 THEN '5001' END)
                        FROM generate_series(1, 60) g) x;
SELECT p AS pattern, count(*) AS households,
       count(*) FILTER (WHERE a.permit_date < '2032-01-01') AS waiting_on_1_january,
       count(*) FILTER (WHERE a.permit_date BETWEEN '2032-03-01' AND '2032-06-30') AS march_to_june,
       min(a.permit_date) >= '2031-10-01' AND max(a.permit_date) <= '2032-12-31' AS dates_in_range
  FROM unnest(ARRAY['steady', 'surge', 'short']) p, generate_arrivals(2032, p, 42) a
 GROUP BY p ORDER BY p;
SELECT (SELECT array_agg(x ORDER BY x) FROM generate_arrivals(2032, 'surge', 42) x)
     = (SELECT array_agg(x ORDER BY x) FROM generate_arrivals(2032, 'surge', 42) x) AS same_seed_same_stream,
       (SELECT array_agg(x ORDER BY x) FROM generate_arrivals(2032, 'surge', 42) x)
     <> (SELECT array_agg(x ORDER BY x) FROM generate_arrivals(2032, 'surge', 43) x) AS other_seed_other_stream,
       (SELECT count(*) FROM generate_arrivals(2032, 'steady', 1, 25)) AS chosen_25;

-- 3. The three policies on the surge stream (90 places for about 150
-- persons: capacity short); every policy stays within the hindsight bound.
-- The history here (three households of 2030-2031) says little about 2032,
-- so the bid prices do no better than myopic: they are as good as the
-- forecast (test/bench/60_simulate measures them on realistic years).
CREATE TEMP TABLE surge AS SELECT * FROM generate_arrivals(2032, 'surge', 42);
CREATE TEMP TABLE results (policy text, objective float8, hindsight float8, ratio float8, placed int,
                           within_target numeric, weeks int, placed_sum int);
DO $$
DECLARE p text;
BEGIN
    FOREACH p IN ARRAY ARRAY['myopic', 'bid_price', 'balanced'] LOOP
        INSERT INTO results
        SELECT s.*, w.weeks, w.placed_sum FROM
            (SELECT count(*)::int AS weeks, sum(placed)::int AS placed_sum
               FROM bosetting.simulate_year(2032, 'surge', jsonb_build_object('policy', p, 'seed', 1))) w,
            bosetting.last_simulation_stats() s WHERE s.policy = p;
    END LOOP;
END $$;
SELECT policy, weeks, placed_sum = placed AS weekly_sum_is_total, ratio <= 1 AS within_bound,
       round(objective::numeric, 2) AS objective, round(ratio::numeric, 3) AS ratio, placed, within_target
  FROM results ORDER BY policy;
-- 4. Forecast from a table: (week, persons, unaccompanied_minors, expected),
-- the year's volume by week; here two households, the second a family of
-- three in week 10: the single waits for it.
CREATE TEMP TABLE fc (week int4, persons int4, unaccompanied_minors int4, expected float8);
INSERT INTO fc VALUES (1, 1, 0, 1), (10, 3, 0, 1);
SELECT count(*) AS weeks FROM simulate_year(2031, 'arrivals', '{"forecast": "pg_temp.fc", "hindsight": false}');
SELECT policy, objective, hindsight, placed FROM last_simulation_stats();
SELECT detail->'held_households' AS held, prices FROM _last_simulation_detail();

-- 5. Bad input: 22023 (or 42501 for a table of another role) with the value.
CREATE TEMP TABLE arr_dup AS SELECT * FROM arrivals UNION ALL SELECT * FROM arrivals;
CREATE TEMP TABLE arr_late AS SELECT household_id, permit_date + 400 AS permit_date FROM arrivals;
CREATE TEMP TABLE arr_unknown AS SELECT -1::int8 AS household_id, date '2031-02-01' AS permit_date;
CREATE TEMP TABLE arr_text AS SELECT household_id, permit_date::text AS permit_date FROM arrivals;
CREATE TEMP VIEW arr_view AS SELECT * FROM arrivals;
CREATE TEMP TABLE fc_negative (week int4, persons int4, unaccompanied_minors int4, expected float8);
INSERT INTO fc_negative VALUES (12, 2, 0, -3);
CREATE TEMP TABLE fc_week (week int4, persons int4, unaccompanied_minors int4, expected float8);
INSERT INTO fc_week VALUES (53, 2, 0, 1);
SELECT q AS call, regexp_replace(pg_temp.error_of('SELECT * FROM bosetting.simulate_year(2031, ' || q || ')'),
                                  'household \d+', 'household N', 'g') AS error
  FROM unnest(ARRAY[
    $q$'arr_dup'$q$, $q$'arr_late'$q$, $q$'arr_unknown'$q$, $q$'arr_text'$q$, $q$'arr_view'$q$,
    $q$'arrivals', '{"policy": "greedy"}'$q$, $q$'arrivals', '{"as_of": "2031-05-01"}'$q$,
    $q$'arrivals', '{"delay_cost": -1}'$q$, $q$'arrivals', '{"colour": 1}'$q$,
    $q$'arrivals', '{"forecast": "pg_temp.fc_negative"}'$q$,
    $q$'arrivals', '{"forecast": "pg_temp.fc_week"}'$q$]) q;
SELECT pg_temp.error_of($$SELECT * FROM bosetting.generate_arrivals(2032, 'tidal', 1)$$) AS bad_pattern;
SELECT regexp_replace(pg_temp.error_of($$SELECT * FROM bosetting.simulate_year(2033, 'arrivals', '{"hindsight": false}')$$),
                      'household \d+', 'household N', 'g') AS outside_year;
-- another role's table (42501), or one with row security (22023): the loaders' staging rules
CREATE ROLE regress_sim_owner;
CREATE ROLE regress_sim_user;
GRANT USAGE ON SCHEMA bosetting TO regress_sim_user;
-- the functions a caseworker may execute (stands in for the profile, which
-- create_roles() makes cluster-wide)
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting TO regress_sim_user;
CREATE TABLE public.regress_sim_arrivals (household_id int8, permit_date date);
INSERT INTO public.regress_sim_arrivals SELECT * FROM arrivals;
ALTER TABLE public.regress_sim_arrivals OWNER TO regress_sim_owner;
GRANT SELECT ON public.regress_sim_arrivals TO regress_sim_user;
SET ROLE regress_sim_user;
SELECT pg_temp.error_of($$SELECT * FROM bosetting.simulate_year(2031, 'public.regress_sim_arrivals')$$) AS not_own_table;
RESET ROLE;
ALTER TABLE public.regress_sim_arrivals OWNER TO regress_sim_user;
ALTER TABLE public.regress_sim_arrivals ENABLE ROW LEVEL SECURITY;
SET ROLE regress_sim_user;
SELECT pg_temp.error_of($$SELECT * FROM bosetting.simulate_year(2031, 'public.regress_sim_arrivals')$$) AS row_security;
RESET ROLE;
DROP TABLE public.regress_sim_arrivals;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting FROM regress_sim_user;
REVOKE USAGE ON SCHEMA bosetting FROM regress_sim_user;
DROP ROLE regress_sim_owner;
DROP ROLE regress_sim_user;

-- 6. Stored runs for reports: record_simulation keeps a run and its weekly
-- series under a label; report_simulation shows them with the hindsight
-- series, and a role that may read only the view sees them.
SELECT record_simulation('story', 2031, 'arrivals', '{"policy": "myopic", "hindsight": false}') > 0 AS myopic_stored,
       record_simulation('story', 2031, 'arrivals', '{"policy": "bid_price"}') > 0 AS bid_price_stored;
SELECT label, year, policy, arrivals, objective, hindsight, hindsight_kind, placed, within_target, held_households
  FROM simulation_run ORDER BY run_id;
SELECT series, week, arrived, placed, waiting, objective
  FROM report_simulation WHERE label = 'story' AND week IN (1, 10, 52) ORDER BY series, week;
CREATE ROLE regress_sim_bi;
GRANT USAGE ON SCHEMA bosetting TO regress_sim_bi;
GRANT SELECT ON bosetting.report_simulation TO regress_sim_bi;
SET ROLE regress_sim_bi;
SELECT series, count(*) AS weeks, max(objective) AS final_objective
  FROM bosetting.report_simulation GROUP BY series ORDER BY series;
SELECT pg_temp.error_of('SELECT count(*) FROM bosetting.simulation_run') AS base_table;
RESET ROLE;
REVOKE ALL ON bosetting.report_simulation FROM regress_sim_bi;
REVOKE USAGE ON SCHEMA bosetting FROM regress_sim_bi;
DROP ROLE regress_sim_bi;
SELECT pg_temp.error_of($$SELECT bosetting.record_simulation('', 2031, 'arrivals')$$) AS empty_label;
DELETE FROM simulation_run;

-- Leave the database as found.
DELETE FROM person WHERE household_id IN (SELECT household_id FROM household WHERE note = 'match_simulate');
DELETE FROM household WHERE note = 'match_simulate';
DELETE FROM decision WHERE year IN (2031, 2032);
DELETE FROM municipality m WHERE m.valid_from = '2020-01-01' AND m.kommunenr IN ('0301', '4601', '5001')
   AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.kommunenr OPERATOR(bosetting.=) m.kommunenr);
