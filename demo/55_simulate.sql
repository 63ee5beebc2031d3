-- 55_simulate: 2024 replayed week by week.  The 12,000 synthetic households
-- of step 50 arrive in a surge-shaped stream (2022-like) and are matched
-- every week against the real 2024 council decisions, by the myopic policy
-- (today's match_households each week) and by bid prices (places held for
-- the households the forecast expects), against the hindsight optimum.  The
-- simulation itself writes nothing; record_simulation stores both runs
-- (simulation_run, simulation_week) for report_simulation and the BI
-- dashboard.  The history it forecasts from (synthetic 2023 households) is
-- removed again before the commit.
SET search_path = bosetting, public;
SET client_min_messages = warning;

BEGIN;
\echo '== History for the forecast: 2,000 synthetic households of 2023 (seed 2023; removed at the end)'
SELECT households_added, persons_added FROM generate_population(2023, 2000, 2023);

\echo '== The arrival stream: the households of 2024, surge-shaped (seed 2022), by month'
CREATE TEMP TABLE arrivals AS SELECT * FROM generate_arrivals(2024, 'surge', 2022);
SELECT to_char(date_trunc('month', permit_date), 'YYYY-MM') AS month, count(*) AS households
  FROM arrivals GROUP BY 1 ORDER BY 1;
SELECT (SELECT count(*) FROM person p JOIN arrivals a USING (household_id)) AS persons_arriving,
       (SELECT sum(decided) FROM decision WHERE year = 2024) AS decided_places;

\echo '== Both policies on the same stream, stored under one label for report_simulation'
SELECT record_simulation('2024 surge (demo)', 2024, 'arrivals', '{"policy": "myopic", "seed": 1, "hindsight": false}') AS myopic_run,
       record_simulation('2024 surge (demo)', 2024, 'arrivals', '{"policy": "bid_price", "seed": 1}') AS bid_price_run;
CREATE TEMP TABLE detail AS SELECT * FROM _last_simulation_detail();

\echo '== Week by week (every fourth week): arrivals, households placed and waiting, objective so far'
\echo '   (hindsight: the optimum with every arrival known in advance, each placed in its arrival week)'
SELECT m.week, m.arrived,
       m.placed AS myopic_placed, m.waiting AS myopic_waiting, round(m.objective) AS myopic,
       b.placed AS bid_placed, b.waiting AS bid_waiting, round(b.objective) AS bid_price,
       round(h.objective) AS hindsight,
       m.within_target AS myopic_within_target, b.within_target AS bid_within_target
  FROM report_simulation m
  JOIN report_simulation b ON b.label = m.label AND b.week = m.week AND b.series = 'bid_price'
  JOIN report_simulation h ON h.label = m.label AND h.week = m.week AND h.series = 'hindsight'
 WHERE m.label = '2024 surge (demo)' AND m.series = 'myopic' AND (m.week % 4 = 1 OR m.week = 52)
 ORDER BY m.week;

\echo '== The year: objective, ratio to the hindsight optimum (or its bound), households placed, share within target'
SELECT r.policy, round(r.objective::numeric, 1) AS objective, round(b.hindsight::numeric, 1) AS hindsight,
       b.hindsight_kind AS divided_by, round((100 * r.objective / b.hindsight)::numeric, 2) AS pct_of_hindsight,
       r.placed, r.within_target
  FROM simulation_run r JOIN simulation_run b ON b.label = r.label AND b.policy = 'bid_price'
 WHERE r.label = '2024 surge (demo)' ORDER BY r.run_id;

\echo '== What the bid prices held back: households that fitted somewhere but waited, and the dearest person places'
SELECT held_households, round((elapsed_ms / 1000)::numeric, 1) AS simulator_seconds,
       round(work_bytes / 1048576.0, 1) AS work_mb
  FROM simulation_run WHERE label = '2024 surge (demo)' AND policy = 'bid_price';
SELECT b.k AS kommunenr, m.name, round(pr.price::numeric, 2) AS mean_price_of_a_person_place
  FROM detail d, unnest(d.prices) WITH ORDINALITY pr(price, j)
  JOIN (SELECT kommunenr AS k, row_number() OVER (ORDER BY kommunenr) AS j
          FROM remaining_capacity(2024) WHERE dimension = 'persons' AND decided > 0) b ON b.j = pr.j
  JOIN municipality m ON m.kommunenr OPERATOR(bosetting.=) b.k AND m.valid_to IS NULL
 ORDER BY pr.price DESC LIMIT 8;

-- the history is not part of the register the later steps report on
DELETE FROM household_need n USING household h WHERE h.household_id = n.household_id AND h.year = 2023;
DELETE FROM person p USING household h WHERE h.household_id = p.household_id AND h.year = 2023;
DELETE FROM household WHERE year = 2023;
COMMIT;
