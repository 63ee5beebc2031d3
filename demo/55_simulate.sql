-- 55_simulate: 2024 replayed week by week.  The 12,000 synthetic households
-- of step 50 arrive in a surge-shaped stream (2022-like) and are matched
-- every week against the real 2024 council decisions, by the myopic policy
-- (today's match_households each week) and by bid prices (places held for
-- the households the forecast expects), against the hindsight optimum.  The
-- simulation writes nothing; the history it forecasts from (synthetic 2023
-- households) is rolled back at the end.
SET search_path = bosetting, public;
SET client_min_messages = warning;

BEGIN;
\echo '== History for the forecast: 2,000 synthetic households of 2023 (seed 2023; rolled back at the end)'
SELECT households_added, persons_added FROM generate_population(2023, 2000, 2023);

\echo '== The arrival stream: the households of 2024, surge-shaped (seed 2022), by month'
CREATE TEMP TABLE arrivals AS SELECT * FROM generate_arrivals(2024, 'surge', 2022);
SELECT to_char(date_trunc('month', permit_date), 'YYYY-MM') AS month, count(*) AS households
  FROM arrivals GROUP BY 1 ORDER BY 1;
SELECT (SELECT count(*) FROM person p JOIN arrivals a USING (household_id)) AS persons_arriving,
       (SELECT sum(decided) FROM decision WHERE year = 2024) AS decided_places;

CREATE TEMP TABLE series (policy text, week int, arrived int, placed int, waiting int,
                          objective float8, within_target numeric, median_wait_days numeric);
CREATE TEMP TABLE stats (policy text, objective float8, hindsight float8, ratio float8, placed int,
                         within_target numeric);
INSERT INTO series SELECT 'myopic', * FROM simulate_year(2024, 'arrivals', '{"policy": "myopic", "seed": 1, "hindsight": false}');
INSERT INTO stats SELECT * FROM last_simulation_stats();
INSERT INTO series SELECT 'bid_price', * FROM simulate_year(2024, 'arrivals', '{"policy": "bid_price", "seed": 1}');
INSERT INTO stats SELECT * FROM last_simulation_stats();
UPDATE stats m SET hindsight = b.hindsight, ratio = m.objective / b.hindsight
  FROM stats b WHERE m.policy = 'myopic' AND b.policy = 'bid_price';
CREATE TEMP TABLE detail AS SELECT * FROM _last_simulation_detail();

\echo '== Week by week (every fourth week): arrivals, households placed and waiting, objective so far'
\echo '   (hindsight: the optimum with every arrival known in advance, each placed in its arrival week)'
SELECT m.week, m.arrived,
       m.placed AS myopic_placed, m.waiting AS myopic_waiting, round(m.objective) AS myopic,
       b.placed AS bid_placed, b.waiting AS bid_waiting, round(b.objective) AS bid_price,
       round(d.hindsight_by_week[m.week]) AS hindsight,
       m.within_target AS myopic_within_target, b.within_target AS bid_within_target
  FROM series m JOIN series b ON b.week = m.week AND b.policy = 'bid_price', detail d
 WHERE m.policy = 'myopic' AND (m.week % 4 = 1 OR m.week = 52)
 ORDER BY m.week;

\echo '== The year: objective, ratio to the hindsight optimum (or its bound), households placed, share within target'
SELECT policy, round(objective::numeric, 1) AS objective, round(hindsight::numeric, 1) AS hindsight,
       round(100 * ratio::numeric, 2) AS pct_of_hindsight, placed, within_target
  FROM stats ORDER BY policy LIKE 'hindsight%', policy;

\echo '== What the bid prices held back: households that fitted somewhere but waited, and the dearest person places'
SELECT detail -> 'held_households' AS held_households, detail -> 'held_household_weeks' AS household_weeks,
       round(((detail ->> 'elapsed_ms')::numeric / 1000), 1) AS simulator_seconds,
       round((detail ->> 'work_bytes')::numeric / 1048576, 1) AS work_mb
  FROM detail;
SELECT b.k AS kommunenr, m.name, round(pr.price::numeric, 2) AS mean_price_of_a_person_place
  FROM detail d, unnest(d.prices) WITH ORDINALITY pr(price, j)
  JOIN (SELECT kommunenr AS k, row_number() OVER (ORDER BY kommunenr) AS j
          FROM remaining_capacity(2024) WHERE dimension = 'persons' AND decided > 0) b ON b.j = pr.j
  JOIN municipality m ON m.kommunenr OPERATOR(bosetting.=) b.k AND m.valid_to IS NULL
 ORDER BY pr.price DESC LIMIT 8;
ROLLBACK;
