-- capacity_booking: a booking consumes its household's persons from the
-- decision, its unaccompanied minors from decided_em and its needs from
-- capacity; every way of breaking that fails with 23514 and says where.
SET search_path = bosetting, public;
\set VERBOSITY default

-- The tests before left the database as they found it (their TRUNCATE
-- rebuilt the counters).
SELECT * FROM verify_capacity();
SELECT count(*) FROM capacity_booked;

INSERT INTO municipality (kommunenr, valid_from, name, fylkenr) VALUES
    ('0301', '2020-01-01', 'Oslo', '03'), ('4601', '2020-01-01', 'Bergen', '46'),
    ('5001', '2020-01-01', 'Trondheim', '50'), ('1103', '2020-01-01', 'Stavanger', '11');
INSERT INTO decision (year, kommunenr, decided, decided_em, decided_flag, decided_em_flag) VALUES
    (2024, '0301', 5, 1, NULL, NULL),
    (2024, '4601', 4, NULL, NULL, 'suppressed'),
    (2024, '5001', NULL, NULL, 'awaiting_decision', 'awaiting_decision'),
    (2025, '0301', 2, 0, NULL, NULL);

-- A synthetic household of n persons, the first m of them unaccompanied
-- minors; DUF numbers 2023000000+i with the check value of identifiers.md 2.
CREATE SEQUENCE pg_temp.duf_seq;
CREATE FUNCTION pg_temp.duf() RETURNS bosetting.dufnr LANGUAGE sql AS $$
    SELECT (b || lpad(((SELECT sum(substr(b, i, 1)::int * (ARRAY[4,6,3,2,4,6,3,2,7,5])[i])
                        FROM generate_series(1, 10) i) % 11)::text, 2, '0'))::bosetting.dufnr
    FROM (SELECT (2023000000 + nextval('pg_temp.duf_seq'))::text AS b) s $$;
CREATE FUNCTION pg_temp.household(n int, m int DEFAULT 0) RETURNS bigint LANGUAGE sql AS $$
    WITH h AS (INSERT INTO bosetting.household (year) VALUES (2024) RETURNING household_id)
    INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
    SELECT h.household_id, pg_temp.duf(), date '1990-01-01', 'female', 'resettlement', i <= m
    FROM h, generate_series(1, n) i
    RETURNING household_id $$;
CREATE FUNCTION pg_temp.add_person(hh bigint, minor boolean DEFAULT false) RETURNS void LANGUAGE sql AS $$
    INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
    VALUES (hh, pg_temp.duf(), date '1990-01-01', 'male', 'asylum', minor) $$;
CREATE TEMP TABLE hh (name text PRIMARY KEY, id bigint);
INSERT INTO hh VALUES ('three', pg_temp.household(3)), ('two', pg_temp.household(2)),
    ('minor', pg_temp.household(1, 1)), ('single', pg_temp.household(1)),
    ('four', pg_temp.household(4)), ('minors2', pg_temp.household(2, 2));
WITH x AS (INSERT INTO household (year) VALUES (2024) RETURNING household_id)
INSERT INTO hh SELECT 'empty', household_id FROM x;
CREATE FUNCTION pg_temp.book(name text, k text, y int DEFAULT 2024) RETURNS void LANGUAGE sql AS $$
    INSERT INTO bosetting.settlement (household_id, year, kommunenr)
    SELECT id, y, k::bosetting.kommunenr FROM hh WHERE hh.name = book.name $$;
CREATE VIEW pg_temp.cap AS
    SELECT r.kommunenr, r.dimension, r.decided, r.booked, r.remaining
    FROM remaining_capacity(2024) r WHERE r.kommunenr IN ('0301', '4601', '5001', '1103');

-- Every new household has its (empty) counter row; nothing is booked yet.
SELECT count(*) AS households, sum(persons) AS persons, sum(minors) AS minors,
       count(booked_year) AS booked
FROM capacity_household WHERE household_id IN (SELECT id FROM hh);
SELECT * FROM pg_temp.cap;

-- Booking consumes persons; the last places fit exactly.
SELECT pg_temp.book('three', '0301');
SELECT pg_temp.book('two', '0301');
SELECT * FROM pg_temp.cap WHERE kommunenr = '0301';
-- One more person does not fit: 23514, naming municipality, year, dimension,
-- what is left and what was asked.
SELECT pg_temp.book('single', '0301');
\set VERBOSITY sqlstate
SELECT pg_temp.book('single', '0301');
\set VERBOSITY default
-- Nor does a person added to a booked household.
SELECT pg_temp.add_person((SELECT id FROM hh WHERE name = 'two'));
-- Status changes keep the booking; withdrawal releases it.
UPDATE settlement SET status = 'accepted' WHERE household_id = (SELECT id FROM hh WHERE name = 'two');
UPDATE settlement SET status = 'settled' WHERE household_id = (SELECT id FROM hh WHERE name = 'two');
SELECT booked FROM pg_temp.cap WHERE kommunenr = '0301' AND dimension = 'persons';
UPDATE settlement SET status = 'withdrawn' WHERE household_id = (SELECT id FROM hh WHERE name = 'three');
SELECT booked FROM pg_temp.cap WHERE kommunenr = '0301' AND dimension = 'persons';
-- Now a person can join the booked household (3 of 5).
SELECT pg_temp.add_person((SELECT id FROM hh WHERE name = 'two'));
SELECT booked FROM pg_temp.cap WHERE kommunenr = '0301' AND dimension = 'persons';

-- Unaccompanied minors count as persons and against decided_em.
SELECT pg_temp.book('minor', '0301');
SELECT * FROM pg_temp.cap WHERE kommunenr = '0301';
SELECT pg_temp.book('minors2', '4601');
-- A person marked unaccompanied minor in a booked household.
UPDATE person SET unaccompanied_minor = true
WHERE person_id = (SELECT min(person_id) FROM person WHERE household_id = (SELECT id FROM hh WHERE name = 'two'));
-- Persons moved between households are counted where they go.
UPDATE person SET household_id = (SELECT id FROM hh WHERE name = 'two')
WHERE person_id = (SELECT min(person_id) FROM person WHERE household_id = (SELECT id FROM hh WHERE name = 'single'));
SELECT booked FROM pg_temp.cap WHERE kommunenr = '0301' AND dimension = 'persons';
-- Deleting a person releases the place.
DELETE FROM person WHERE person_id = (SELECT max(person_id) FROM person WHERE household_id = (SELECT id FROM hh WHERE name = 'two'));
SELECT booked FROM pg_temp.cap WHERE kommunenr = '0301' AND dimension = 'persons';

-- A decision that is missing, NULL (awaiting) or a decided_em that is NULL
-- (suppressed) refuses the booking: nothing is booked against an unknown number.
SELECT pg_temp.book('three', '1103');
SELECT pg_temp.book('three', '5001');
SELECT pg_temp.book('empty', '5001');

-- Moves: to another municipality or year, checked at the destination.
SELECT pg_temp.book('four', '4601');
SELECT * FROM pg_temp.cap WHERE dimension = 'persons' AND kommunenr IN ('0301', '4601');
UPDATE settlement SET kommunenr = '0301'
WHERE household_id = (SELECT id FROM hh WHERE name = 'four') AND status <> 'withdrawn';
UPDATE settlement SET kommunenr = '4601'
WHERE household_id = (SELECT id FROM hh WHERE name = 'two') AND status <> 'withdrawn';
SELECT * FROM pg_temp.cap WHERE dimension = 'persons' AND kommunenr IN ('0301', '4601');
UPDATE settlement SET year = 2025
WHERE household_id = (SELECT id FROM hh WHERE name = 'two') AND status <> 'withdrawn';
UPDATE settlement SET year = 2025, kommunenr = '0301'
WHERE household_id = (SELECT id FROM hh WHERE name = 'minor') AND status <> 'withdrawn';
SELECT * FROM remaining_capacity(2025) WHERE kommunenr = '0301';

-- A decision cannot be lowered below what is booked, nor made unknown,
-- nor removed while bookings hold it.
UPDATE decision SET decided = 2 WHERE year = 2024 AND kommunenr = '4601';
UPDATE decision SET decided = 3 WHERE year = 2024 AND kommunenr = '4601';
UPDATE decision SET decided = NULL, decided_flag = 'missing' WHERE year = 2024 AND kommunenr = '4601';
UPDATE decision SET decided_em = 0 WHERE year = 2025 AND kommunenr = '0301';
DELETE FROM decision WHERE year = 2024 AND kommunenr = '4601';
SELECT * FROM pg_temp.cap WHERE kommunenr = '4601';
-- An unbooked decision can be raised, made unknown and removed.
UPDATE decision SET decided = 10, decided_flag = NULL WHERE year = 2024 AND kommunenr = '5001';
UPDATE decision SET decided = NULL WHERE year = 2024 AND kommunenr = '5001';
DELETE FROM decision WHERE year = 2024 AND kommunenr = '5001';
SELECT * FROM pg_temp.cap WHERE kommunenr = '5001';

-- Extra capacity dimensions: a need consumes capacity where it is booked.
-- (A decision can always be raised.)
UPDATE decision SET decided = 20 WHERE year = 2024 AND kommunenr = '0301';
UPDATE settlement SET kommunenr = '0301'
WHERE household_id = (SELECT id FROM hh WHERE name = 'four') AND status <> 'withdrawn';
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '0301', 'dwelling_large', 1);
INSERT INTO household_need (household_id, dimension, amount)
SELECT id, 'dwelling_large', 1 FROM hh WHERE name = 'four';
SELECT * FROM pg_temp.cap WHERE dimension = 'dwelling_large';
INSERT INTO household_need (household_id, dimension, amount)
SELECT id, 'dwelling_large', 1 FROM hh WHERE name = 'three';
SELECT pg_temp.book('three', '0301');
INSERT INTO household_need (household_id, dimension, amount)
SELECT id, 'kindergarten', 1 FROM hh WHERE name = 'four';
UPDATE household_need SET amount = 2 WHERE household_id = (SELECT id FROM hh WHERE name = 'four');
-- capacity lowered below its bookings, and a need released by its deletion
UPDATE capacity SET amount = 0 WHERE kommunenr = '0301' AND dimension = 'dwelling_large';
DELETE FROM household_need WHERE household_id = (SELECT id FROM hh WHERE name = 'four');
UPDATE capacity SET amount = 0 WHERE kommunenr = '0301' AND dimension = 'dwelling_large';
SELECT * FROM pg_temp.cap WHERE dimension = 'dwelling_large';
-- persons and unaccompanied_minors are counted from person rows, never named
INSERT INTO household_need (household_id, dimension, amount)
SELECT id, 'persons', 1 FROM hh WHERE name = 'four';
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '0301', 'unaccompanied_minors', 1);

-- Deleting a settlement releases it.
DELETE FROM settlement WHERE household_id = (SELECT id FROM hh WHERE name = 'four');
SELECT * FROM pg_temp.cap WHERE dimension = 'persons';

-- The trigger functions are triggers only.
SELECT capacity_settlement_trigger();

-- After all of that, the counters agree with the rows.
SELECT * FROM verify_capacity();
