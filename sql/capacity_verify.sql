-- capacity_verify: verify_capacity() recomputes every counter from the rows
-- and lists each disagreement; capacity_rebuild() repairs them; TRUNCATE
-- rebuilds.  Runs after capacity_booking, on its rows.
SET search_path = bosetting, public;
\i sql/include/error_of.psql
\set VERBOSITY default

SELECT * FROM verify_capacity();

-- Corrupt a counter and a household row on purpose: both are reported.
UPDATE capacity_booked SET booked = booked - 1
WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'persons';
UPDATE capacity_household SET persons = persons + 5
WHERE household_id = (SELECT min(household_id) FROM capacity_household WHERE booked_kommunenr = '0301');
UPDATE capacity_booked SET decided = 19
WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'persons';
DELETE FROM capacity_booked WHERE year = 2024 AND kommunenr = '4601' AND dimension = 'unaccompanied_minors';
INSERT INTO capacity_booked (year, kommunenr, dimension, decided) VALUES (2024, '1103', 'persons', 9);
SELECT problem, year, kommunenr, dimension, household_id IS NOT NULL AS household, stored, expected
FROM verify_capacity();
SELECT capacity_rebuild() > 0 AS rebuilt;
SELECT * FROM verify_capacity();

-- A booking written with the trigger disabled over-books 4601 (decided 4):
-- verify_capacity() says so, and capacity_rebuild() refuses to count it.
CREATE FUNCTION pg_temp.duf(n int) RETURNS bosetting.dufnr LANGUAGE sql AS $$
    SELECT (b || lpad(((SELECT sum(substr(b, i, 1)::int * (ARRAY[4,6,3,2,4,6,3,2,7,5])[i])
                        FROM generate_series(1, 10) i) % 11)::text, 2, '0'))::bosetting.dufnr
    FROM (SELECT (2023100000 + n)::text AS b) s $$;
CREATE TEMP TABLE big AS
WITH h AS (INSERT INTO household (year) VALUES (2024) RETURNING household_id)
SELECT household_id FROM h;
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT household_id, pg_temp.duf(i), date '1980-05-05', 'male', 'asylum'
FROM big, generate_series(1, 5) i;
ALTER TABLE settlement DISABLE TRIGGER capacity_book;
INSERT INTO settlement (household_id, year, kommunenr) SELECT household_id, 2024, '4601' FROM big;
ALTER TABLE settlement ENABLE TRIGGER capacity_book;
SELECT problem, year, kommunenr, dimension, household_id IS NOT NULL AS household, stored, expected
FROM verify_capacity();
SELECT capacity_rebuild();
-- Withdrawing it with the trigger on is refused: the trigger never booked it,
-- and it does not release what its counters do not hold ...
SELECT regexp_replace(pg_temp.error_of($$UPDATE settlement SET status = 'withdrawn'
    WHERE household_id = (SELECT household_id FROM big)$$), 'household [0-9]+', 'household N') AS error;
-- ... so remove it with the trigger disabled, and rebuild.
ALTER TABLE settlement DISABLE TRIGGER capacity_book;
UPDATE settlement SET status = 'withdrawn' WHERE household_id = (SELECT household_id FROM big);
ALTER TABLE settlement ENABLE TRIGGER capacity_book;
SELECT count(*) AS problems FROM verify_capacity();
SELECT capacity_rebuild() > 0 AS rebuilt;
SELECT * FROM verify_capacity();

-- TRUNCATE bypasses the row triggers; the counters are rebuilt after it.
SELECT booked FROM capacity_booked
WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'dwelling_large';
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '0301', 'kindergarten', 5);
INSERT INTO household_need (household_id, dimension, amount)
SELECT household_id, 'kindergarten', 2 FROM capacity_household WHERE booked_kommunenr = '0301' LIMIT 1;
SELECT booked FROM capacity_booked
WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'kindergarten';
TRUNCATE household_need;
SELECT booked FROM capacity_booked
WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'kindergarten';
-- Truncating the decisions would leave bookings without one: refused.
TRUNCATE decision;
SELECT * FROM verify_capacity();

-- A role that may book cannot write the counters by hand (42501), while its
-- changes to the register still move them through the triggers.
CREATE ROLE bosetting_booker BYPASSRLS;  -- privileges only; row-level security: access_*
GRANT USAGE ON SCHEMA bosetting TO bosetting_booker;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bosetting TO bosetting_booker;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA bosetting TO bosetting_booker;
SET ROLE bosetting_booker;
UPDATE capacity_booked SET decided = 1000000 WHERE year = 2024 AND kommunenr = '0301';
DELETE FROM capacity_household;
UPDATE decision SET decided = decided + 1 WHERE year = 2024 AND kommunenr = '0301';
SELECT decided FROM capacity_booked WHERE year = 2024 AND kommunenr = '0301' AND dimension = 'persons';
RESET ROLE;
SELECT * FROM verify_capacity();
REVOKE ALL ON ALL TABLES IN SCHEMA bosetting FROM bosetting_booker;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA bosetting FROM bosetting_booker;
REVOKE USAGE ON SCHEMA bosetting FROM bosetting_booker;
DROP ROLE bosetting_booker;

-- Restoring a dump (bosetting.restoring = on): the capacity triggers stand
-- aside, verify_capacity() sees the missing counters, capacity_rebuild()
-- brings them in (the step after every pg_restore).
SET bosetting.restoring = on;
INSERT INTO decision (year, kommunenr, decided) VALUES (2026, '0301', 7);
RESET bosetting.restoring;
SELECT * FROM verify_capacity();
SELECT capacity_rebuild() > 0 AS rebuilt;
SELECT * FROM verify_capacity();

-- Leave the database as found: TRUNCATE (settlement needs restore mode)
-- rebuilds the counters, even in restore mode.
SET bosetting.restoring = on;
TRUNCATE settlement, settlement_history, household_need, person, household, decision, capacity;
DELETE FROM municipality WHERE NOT builtin;
RESET bosetting.restoring;
SELECT (SELECT count(*) FROM capacity_booked) AS counters,
       (SELECT count(*) FROM capacity_household) AS households;
