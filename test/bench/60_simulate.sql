-- 60_simulate.sql (run by 60_simulate.sh after the real register is loaded).
\pset footer off
SET search_path = bosetting, public;
SET client_min_messages = warning;
\echo '# setup: history 2030 (3,000 households), year 2031 (15,000 households), decisions of 2024 scaled'
SELECT households_added FROM generate_population(2030, 3000, 7) \gset
SELECT households_added, persons_added FROM generate_population(2031, 15000, 8) \gset
INSERT INTO decision (year, kommunenr, decided, decided_em)
SELECT 2031, kommunenr, decided, decided_em FROM decision WHERE year = 2024 AND decided > 0;
CREATE TEMP TABLE scenario (pattern text, capacity_share float8, seed int);
-- steady and surge: places for 110 % of the persons; short: 80 % (2024-like)
INSERT INTO scenario VALUES ('steady', 1.10, 1), ('surge', 1.10, 2), ('short', 0.80, 3);
CREATE TEMP TABLE result (pattern text, policy text, objective float8, hindsight float8, hindsight_kind text,
                          placed int, within_target numeric, seconds float8, detail jsonb, prices float8[]);
CREATE TEMP TABLE base_decided AS SELECT kommunenr, decided FROM decision WHERE year = 2024 AND decided > 0;
CREATE FUNCTION pg_temp.run(p_pattern text, p_policy text, p_hindsight bool) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM count(*) FROM bosetting.simulate_year(2031, 'pg_temp.arrivals',
        jsonb_build_object('policy', p_policy, 'hindsight', p_hindsight, 'seed', 1));
    INSERT INTO result
    SELECT p_pattern, p_policy, s.objective, s.hindsight, NULL, s.placed, s.within_target,
           extract(epoch FROM clock_timestamp() - t0), d.detail, d.prices
      FROM bosetting.last_simulation_stats() s, bosetting._last_simulation_detail() d
     WHERE s.policy = p_policy;
    UPDATE result r SET hindsight_kind = h.policy FROM bosetting.last_simulation_stats() h
     WHERE h.policy LIKE 'hindsight%' AND r.pattern = p_pattern AND r.policy = p_policy;
END $$;
DO $$
DECLARE s record;
BEGIN
    FOR s IN SELECT * FROM scenario LOOP
        UPDATE bosetting.decision d SET decided = greatest(round(b.decided * s.capacity_share
                   * (SELECT count(*) FROM bosetting.person p JOIN bosetting.household h USING (household_id) WHERE h.year = 2031)
                   / (SELECT sum(decided) FROM base_decided)), 1)
          FROM base_decided b WHERE d.year = 2031 AND d.kommunenr OPERATOR(bosetting.=) b.kommunenr;
        DROP TABLE IF EXISTS pg_temp.arrivals;
        CREATE TEMP TABLE arrivals AS SELECT * FROM bosetting.generate_arrivals(2031, s.pattern, s.seed);
        PERFORM pg_temp.run(s.pattern, 'bid_price', true);
        PERFORM pg_temp.run(s.pattern, 'myopic', false);
        PERFORM pg_temp.run(s.pattern, 'balanced', false);
    END LOOP;
END $$;
-- the hindsight of each pattern is the bid-price run's
UPDATE result r SET hindsight = b.hindsight, hindsight_kind = b.hindsight_kind
  FROM result b WHERE b.pattern = r.pattern AND b.policy = 'bid_price';

\echo
\echo '# per pattern and policy: objective, ratio to hindsight (its bound where the solver did not prove optimality), ratio to myopic'
SELECT r.pattern, r.policy, round(r.objective::numeric, 1) AS objective, round(r.hindsight::numeric, 1) AS hindsight,
       CASE WHEN r.hindsight_kind = 'hindsight' THEN 'optimum' ELSE 'bound' END AS divided_by,
       round((r.objective / r.hindsight * 100)::numeric, 2) AS pct_of_hindsight,
       round((r.objective / m.objective * 100)::numeric, 2) AS pct_of_myopic,
       r.placed, r.within_target, round(r.seconds::numeric, 1) AS seconds
  FROM result r JOIN result m ON m.pattern = r.pattern AND m.policy = 'myopic'
 ORDER BY r.pattern, r.policy;
\echo '# the delay cost each policy paid (part of its objective), and the objective before it'
SELECT pattern, policy, round((detail ->> 'delay_cost')::numeric, 1) AS delay_cost,
       round((objective + (detail ->> 'delay_cost')::float8)::numeric, 1) AS objective_before_delay,
       round(((objective + (detail ->> 'delay_cost')::float8) / hindsight * 100)::numeric, 2) AS pct_of_hindsight_before_delay
  FROM result ORDER BY pattern, policy;
\echo '# the hindsight solutions themselves (objective / bound)'
SELECT pattern, round((detail ->> 'hindsight_objective')::numeric, 1) AS hindsight_objective,
       round((detail ->> 'hindsight_bound')::numeric, 1) AS hindsight_bound,
       round(((detail ->> 'hindsight_objective')::float8 / (detail ->> 'hindsight_bound')::float8 * 100)::numeric, 2) AS pct
  FROM result WHERE policy = 'bid_price' ORDER BY pattern;

\echo
\echo '# what the bid prices held back: households that fitted somewhere but waited, and the dearest places'
SELECT pattern, detail -> 'held_households' AS held_households, detail -> 'held_household_weeks' AS held_weeks,
       detail -> 'held_placed_later' AS held_placed_later,
       round((detail ->> 'delay_cost')::numeric, 1) AS delay_cost_in_objective,
       round(((detail ->> 'work_bytes')::float8 / 1048576)::numeric, 1) AS work_mb,
       round(((detail ->> 'elapsed_ms')::float8 / 1000)::numeric, 1) AS core_seconds,
       round(((detail ->> 'cpu_ms')::float8 / 1000)::numeric, 1) AS core_cpu_seconds
  FROM result WHERE policy = 'bid_price' ORDER BY pattern;
SELECT r.pattern, string_agg(format('%s %s (%s)', p.k, m.name, round(p.price::numeric, 2)), ', ' ORDER BY p.price DESC) AS dearest_person_places
  FROM result r
 CROSS JOIN LATERAL (SELECT b.k, pr.price FROM unnest(r.prices) WITH ORDINALITY pr(price, j)
                       JOIN (SELECT kommunenr AS k, row_number() OVER (ORDER BY kommunenr) AS j
                               FROM remaining_capacity(2031) WHERE dimension = 'persons' AND decided > 0) b ON b.j = pr.j
                      ORDER BY pr.price DESC LIMIT 5) p
  JOIN municipality m ON m.kommunenr OPERATOR(bosetting.=) p.k AND m.valid_to IS NULL
 WHERE r.policy = 'bid_price' GROUP BY r.pattern ORDER BY r.pattern;

\echo
\echo '# goals'
SELECT format('%s - bid_price >= 98 %% of hindsight on %s (%s %%)',
              CASE WHEN r.objective / r.hindsight >= 0.98 THEN 'ok' ELSE 'not ok' END, r.pattern,
              round((r.objective / r.hindsight * 100)::numeric, 2)) AS goal
  FROM result r WHERE r.policy = 'bid_price'
UNION ALL
SELECT format('%s - bid_price ahead of myopic on %s (%s vs %s)',
              CASE WHEN r.objective > m.objective THEN 'ok' ELSE 'not ok' END, r.pattern,
              round(r.objective::numeric, 1), round(m.objective::numeric, 1))
  FROM result r JOIN result m ON m.pattern = r.pattern AND m.policy = 'myopic' WHERE r.policy = 'bid_price'
UNION ALL
SELECT format('%s - a year of 15,000 households x %s municipalities x 52 weeks (bid price + hindsight) in %s s (goal < 60 s)',
              CASE WHEN max(seconds) < 60 THEN 'ok' ELSE 'not ok' END,
              max((detail ->> 'municipalities')::int), round(max(seconds)::numeric, 1))
  FROM result WHERE policy = 'bid_price';
