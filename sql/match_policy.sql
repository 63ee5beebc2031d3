-- match_policy: the options as_of and policy of match_households (issue 15):
-- the households waiting and the places open on as_of, and the policies
-- myopic, bid_price and balanced, with what they held back
-- (last_match_policy).  One transaction, rolled back, on year 2031.
SET search_path = bosetting, public;
BEGIN;
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr)
SELECT k::kommunenr, '2020-01-01', n, f FROM (VALUES ('0301', 'Oslo', '03'), ('4601', 'Bergen', '46')) v(k, n, f)
 WHERE NOT municipality_valid_in(k::kommunenr, 2031);
-- One place in Oslo, 26 in Bergen.
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2031, '0301', 1, 0), (2031, '4601', 26, 0);

CREATE SEQUENCE pg_temp.duf_seq;
CREATE FUNCTION pg_temp.household(y int, permit date, reception text, connection text)
RETURNS bigint LANGUAGE sql AS $$
    WITH h AS (INSERT INTO bosetting.household (year, permit_date, reception_kommunenr, connection_kommunenr)
               VALUES (y, permit, reception::bosetting.kommunenr, connection::bosetting.kommunenr)
               RETURNING household_id)
    INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
    SELECT h.household_id, bosetting.synthetic_dufnr(y, nextval('pg_temp.duf_seq')::int), date '1990-01-01',
           'female', 'asylum', false
      FROM h
    RETURNING household_id $$;
CREATE TEMP TABLE hh (name text PRIMARY KEY, id bigint);
-- Waiting by 1 March: one person living in Oslo (so Oslo is worth 1 more to
-- her: same municipality and county) and eight others (nine); arriving in June:
-- one with family in Oslo.  The history (2030): two households with family
-- in Oslo whose permits came in June, so the forecast expects such arrivals
-- later in the year.
INSERT INTO hh VALUES ('lives_in_oslo', pg_temp.household(2031, '2031-01-05', '0301', NULL)),
                      ('arrives_june', pg_temp.household(2031, '2031-06-01', '0301', '0301'));
INSERT INTO hh SELECT 'other_' || i, pg_temp.household(2031, date '2031-01-10' + i, '4601', NULL) FROM generate_series(1, 8) i;
INSERT INTO hh SELECT 'history_' || i, pg_temp.household(2030, date '2030-06-01' + i, '0301', '0301') FROM generate_series(1, 2) i;

-- as_of selects the households waiting then (the one arriving in June is
-- not) and the places open then; without it, every household of the year.
SELECT count(*) AS waiting_on_1_march, bool_or(hh.name = 'arrives_june') AS june_included
  FROM match_households(2031, '{"as_of": "2031-03-01"}') m JOIN hh ON hh.id = m.household_id;
SELECT count(*) AS without_as_of, bool_or(hh.name = 'arrives_june') AS june_included
  FROM match_households(2031) m JOIN hh ON hh.id = m.household_id;
-- A schedule for Bergen: 3 places open in January, 23 in July.  On 1 March
-- only Oslo's place and 3 of Bergen's are open: four households placed.
SAVEPOINT schedule;
INSERT INTO capacity_schedule (year, kommunenr, dimension, opens_on, places) VALUES
    (2031, '4601', 'persons', '2031-01-01', 3), (2031, '4601', 'persons', '2031-07-01', 23);
SELECT m.kommunenr, count(*) AS placed
  FROM match_households(2031, '{"as_of": "2031-03-01"}') m WHERE m.kommunenr IS NOT NULL GROUP BY 1 ORDER BY 1;
SELECT count(*) FILTER (WHERE kommunenr IS NOT NULL) AS placed_on_1_august
  FROM match_households(2031, '{"as_of": "2031-08-01"}');
ROLLBACK TO schedule;

-- myopic (the default): the one living in Oslo takes Oslo's only place.
CREATE TEMP TABLE my AS SELECT * FROM match_households(2031, '{"as_of": "2031-03-01"}');
SELECT hh.name, my.kommunenr, round(my.score::numeric, 4) AS score
  FROM my JOIN hh ON hh.id = my.household_id WHERE hh.name = 'lives_in_oslo';
SELECT l ->> 'policy' AS policy, l -> 'placed' AS placed, l -> 'objective' AS objective,
       l -> 'loss' AS loss, l -> 'held_households' AS held
  FROM last_match_policy() l;

-- bid_price: the forecast (the history) expects one more household this
-- year, with family in Oslo: its place there is worth 3 to it, 1 more than
-- to the one living in Oslo, so the bid prices keep Oslo's place for it and
-- she goes to Bergen instead; nobody is left waiting.
CREATE TEMP TABLE bp AS
SELECT * FROM match_households(2031, '{"as_of": "2031-03-01", "policy": "bid_price", "price_iterations": 400}');
SELECT hh.name, bp.kommunenr, round(bp.score::numeric, 4) AS score
  FROM bp JOIN hh ON hh.id = bp.household_id WHERE hh.name = 'lives_in_oslo';
SELECT count(*) AS households, count(kommunenr) AS placed FROM bp;
-- The note: the week, the forecast (two history households; 10 expected in
-- the year, the year's households in the register; 9 arrived, 1 still to
-- come), the loss against myopic (her tie to Oslo: 1), and the place held
-- back: Oslo, used by myopic, not by the policy, at a price of a person place
-- between 1 (her premium) and 2 (the expected household's).
SELECT l -> 'week' AS week, l -> 'forecast_households' AS forecast, l -> 'forecast_total' AS total,
       l -> 'arrived' AS arrived, l -> 'expected_later' AS later, l -> 'placed' AS placed,
       l -> 'myopic_placed' AS myopic_placed, l -> 'loss' AS loss, l -> 'held_households' AS held
  FROM last_match_policy() l;
SELECT x ->> 'kommunenr' AS kommunenr, x -> 'open_persons' AS open, x -> 'used' AS used,
       x -> 'myopic_used' AS myopic_used,
       (x ->> 'price_per_person')::float8 BETWEEN 1 AND 2 AS price_between_her_premium_and_theirs
  FROM last_match_policy() l, jsonb_array_elements(l -> 'municipalities') x
 WHERE x ->> 'kommunenr' = '0301';
-- The scores are the true scores (the prices only steer): the components add up.
SELECT bool_and(abs(score - ((components->>'placed')::float8 + (components->>'waiting')::float8
              + (components->>'connection')::float8 + (components->>'same_municipality')::float8
              + (components->>'same_county')::float8 + (components->>'outcome')::float8
              + (components->>'preference')::float8)) < 1e-3) AS components_add_up
  FROM bp WHERE kommunenr IS NOT NULL;

-- Only one place in all: the bid prices hold it for the expected arrival
-- (worth 3) rather than give it to a household waiting now (worth at most
-- about 2.3); the household myopic would have placed is held back, with why.
SAVEPOINT one_place;
UPDATE decision SET decided = 0 WHERE year = 2031 AND kommunenr = '4601';
SELECT hh.name, m.kommunenr, m.components ->> 'unplaced' AS unplaced,
       (m.components ->> 'bid_price_margin')::float8 <= 0 AS margin_not_positive
  FROM match_households(2031, '{"as_of": "2031-03-01", "policy": "bid_price", "price_iterations": 400}') m
  JOIN hh ON hh.id = m.household_id WHERE m.components ? 'held_back';
SELECT l -> 'placed' AS placed, l -> 'myopic_placed' AS myopic_placed, l -> 'held_households' AS held,
       l -> 'held_persons' AS held_persons FROM last_match_policy() l;
ROLLBACK TO one_place;

-- No later arrivals to hold places for: the policy places as myopic, and says why.
SELECT count(kommunenr) AS placed,
       (SELECT last_match_policy() ->> 'myopic_fallback') AS why
  FROM match_households(2031, '{"as_of": "2031-03-01", "policy": "bid_price", "forecast": "none"}');
SELECT count(kommunenr) AS placed,
       (SELECT last_match_policy() ->> 'myopic_fallback') AS why
  FROM match_households(2031, '{"as_of": "2031-12-30", "policy": "bid_price"}');
-- A forecast table (week, persons, unaccompanied_minors, expected).
CREATE TEMP TABLE fc (week int4, persons int4, unaccompanied_minors int4, expected float8);
INSERT INTO fc VALUES (30, 1, 0, 5);
SELECT count(kommunenr) AS placed, (SELECT last_match_policy() -> 'forecast_households') AS forecast
  FROM match_households(2031, '{"as_of": "2031-03-01", "policy": "bid_price", "forecast": "pg_temp.fc"}');

-- balanced: in week 9 of 52 at most ceil(26 × 9 / 52) = 5 of Bergen's places
-- and ceil(1 × 9 / 52) = 1 of Oslo's are open: six of the nine placed,
-- three held back to keep the pace, and the loss is their scores.
SELECT count(kommunenr) AS placed, count(*) FILTER (WHERE components ? 'held_back') AS held_back,
       min(components ->> 'unplaced') FILTER (WHERE components ? 'held_back') AS why
  FROM match_households(2031, '{"as_of": "2031-03-01", "policy": "balanced"}');
SELECT l -> 'placed' AS placed, l -> 'myopic_placed' AS myopic_placed, l -> 'held_households' AS held,
       (l ->> 'loss')::float8 > 0 AS loss_positive,
       (SELECT string_agg(format('%s %s/%s', x ->> 'kommunenr', x -> 'used', x -> 'myopic_used'), ', ')
          FROM jsonb_array_elements(l -> 'municipalities') x) AS used_vs_myopic
  FROM last_match_policy() l;

-- Bad options: 22023 naming the key (shown without aborting the transaction).
\i sql/include/error_of.psql
CREATE TEMP TABLE fc_negative (week int4, persons int4, unaccompanied_minors int4, expected float8);
INSERT INTO fc_negative VALUES (30, 1, 0, -2);
-- an attacker's forecast: a view (it could read what the caller may not, or
-- run functions) is not a staging table, and a register table with row-level
-- security is refused even to its owner
CREATE TEMP VIEW fc_view AS SELECT * FROM fc;
SELECT o AS options, pg_temp.error_of(format('SELECT * FROM bosetting.match_households(2031, %L)', o)) AS error
  FROM unnest(ARRAY['{"policy": "greedy"}', '{"policy": 1}', '{"forecast": 3}',
                    '{"price_iterations": 0}', '{"price_iterations": 2.5}', '{"forecast_total": -1}',
                    '{"forecast_sample": "all"}',
                    '{"policy": "bid_price", "forecast": "pg_temp.fc_negative"}',
                    '{"policy": "bid_price", "forecast": "pg_temp.no_such_table"}',
                    '{"policy": "bid_price", "forecast": "pg_temp.fc_view"}',
                    '{"policy": "bid_price", "forecast": "bosetting.person"}']) o;
ROLLBACK;
