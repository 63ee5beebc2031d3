-- capacity_schedule: capacity as a time series.  Places open on given days;
-- a booking planned for a day takes places open by then; the schedule and
-- the decision agree at commit.  One transaction, rolled back, on 2031.
SET search_path = bosetting, public;
\set VERBOSITY terse
BEGIN;
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr)
SELECT '4601', '2020-01-01', 'Bergen', '46' WHERE NOT municipality_valid_in('4601', 2031);
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2031, '4601', 10, 0);
CREATE SEQUENCE pg_temp.duf_seq;
CREATE FUNCTION pg_temp.household(n int) RETURNS bigint LANGUAGE sql AS $$
    WITH h AS (INSERT INTO bosetting.household (year, permit_date) VALUES (2031, '2031-01-02') RETURNING household_id)
    INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category)
    SELECT h.household_id, bosetting.synthetic_dufnr(2031, nextval('pg_temp.duf_seq')::int), '1990-01-01', 'female', 'asylum'
    FROM h, generate_series(1, n) RETURNING household_id $$;
CREATE TEMP TABLE hh (name text PRIMARY KEY, id bigint);
INSERT INTO hh VALUES ('three', pg_temp.household(3)), ('two', pg_temp.household(2)),
                      ('one', pg_temp.household(1)), ('four', pg_temp.household(4));

-- 1. Four places open in January, six in July: sums to the decided 10.
INSERT INTO capacity_schedule (year, kommunenr, dimension, opens_on, places, source)
VALUES (2031, '4601', 'persons', '2031-01-01', 4, 'test'), (2031, '4601', 'persons', '2031-07-01', 6, 'test');
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
-- without a day: as before; on 1 March: four open
SELECT dimension, decided, booked, remaining FROM remaining_capacity(2031) WHERE kommunenr = '4601';
SELECT dimension, decided, booked, remaining FROM remaining_capacity(2031, '2031-03-01') WHERE kommunenr = '4601';
SELECT dimension, decided, booked, remaining FROM remaining_capacity(2031, '2031-07-01') WHERE kommunenr = '4601';

-- 2. Bookings planned for a day take the places open by then.
INSERT INTO settlement (household_id, year, kommunenr, planned_on)
SELECT id, 2031, '4601', '2031-03-01' FROM hh WHERE name = 'three';
SAVEPOINT s;
INSERT INTO settlement (household_id, year, kommunenr, planned_on)   -- 3 + 2 > 4 open in March
SELECT id, 2031, '4601', '2031-03-15' FROM hh WHERE name = 'two';
ROLLBACK TO SAVEPOINT s;
INSERT INTO settlement (household_id, year, kommunenr, planned_on)   -- in August: room
SELECT id, 2031, '4601', '2031-08-01' FROM hh WHERE name = 'two';
INSERT INTO settlement (household_id, year, kommunenr)               -- no day: counts at the end of the year
SELECT id, 2031, '4601' FROM hh WHERE name = 'four';
SELECT dimension, decided, booked, remaining FROM remaining_capacity(2031, '2031-03-01') WHERE kommunenr = '4601';
SAVEPOINT s;
INSERT INTO settlement (household_id, year, kommunenr, planned_on)   -- March: one place left, but 3 + 2 + 4 + 1 = 10 by December: fits
SELECT id, 2031, '4601', '2031-03-20' FROM hh WHERE name = 'one';
SELECT dimension, decided, booked, remaining FROM remaining_capacity(2031, '2031-03-01') WHERE kommunenr = '4601';
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
\set VERBOSITY default
UPDATE settlement SET planned_on = '2031-02-01'                       -- moving the August booking to February: 5 > 4
 WHERE household_id = (SELECT id FROM hh WHERE name = 'two');
\set VERBOSITY terse
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
UPDATE settlement SET planned_on = '2032-02-01'                       -- outside the year
 WHERE household_id = (SELECT id FROM hh WHERE name = 'two');
ROLLBACK TO SAVEPOINT s;

-- 3. Schedule and decision are compared at commit: changing both in one
-- transaction works; a schedule that does not sum to the decision does not.
UPDATE decision SET decided = 12 WHERE year = 2031 AND kommunenr = '4601';
UPDATE capacity_schedule SET places = 8 WHERE year = 2031 AND kommunenr = '4601' AND opens_on = '2031-07-01';
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
SAVEPOINT s;
UPDATE capacity_schedule SET places = 7 WHERE year = 2031 AND kommunenr = '4601' AND opens_on = '2031-07-01';
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
UPDATE decision SET decided = 13 WHERE year = 2031 AND kommunenr = '4601';
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
-- opening fewer places in January than are booked for March (3)
UPDATE capacity_schedule SET places = 2 WHERE year = 2031 AND kommunenr = '4601' AND opens_on = '2031-01-01';
UPDATE capacity_schedule SET places = 10 WHERE year = 2031 AND kommunenr = '4601' AND opens_on = '2031-07-01';
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT s;

-- 4. Bad rows at once: a day outside the year, negative places (22023).
SAVEPOINT s;
INSERT INTO capacity_schedule (year, kommunenr, dimension, opens_on, places) VALUES (2031, '4601', 'persons', '2032-01-01', 0);
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
INSERT INTO capacity_schedule (year, kommunenr, dimension, opens_on, places) VALUES (2031, '4601', 'persons', '2031-09-01', -1);
ROLLBACK TO SAVEPOINT s;
-- a schedule for a dimension without a decided number
SAVEPOINT s;
INSERT INTO capacity_schedule (year, kommunenr, dimension, opens_on, places) VALUES (2031, '4601', 'kindergarten', '2031-08-01', 5);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT s;
ROLLBACK;
