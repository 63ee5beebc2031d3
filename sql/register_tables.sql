-- register_tables: the register's tables, built-in rows and integrity triggers.
SET search_path = bosetting, public;
\set VERBOSITY terse

-- Built-in county eras (identifiers.md 3.2): 20, 19, 18, 11 and 15 counties.
SELECT era_from, era_to, count(*) AS counties, sum(municipalities) AS municipalities
FROM county WHERE builtin GROUP BY era_from, era_to ORDER BY era_from;
SELECT kommunenr, name, fylkenr FROM municipality WHERE builtin;

-- Every table and column has a comment.
SELECT c.relname, a.attname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'bosetting' AND c.relkind = 'r'
  AND (col_description(c.oid, a.attnum) IS NULL OR obj_description(c.oid, 'pg_class') IS NULL);

-- Validity-dated municipalities: a code is reused, versions never overlap.
INSERT INTO municipality (kommunenr, valid_from, valid_to, name, fylkenr)
VALUES ('0712', '1838-01-01', '1963-12-31', 'Skoger', '07'),
       ('0712', '2018-01-01', '2019-12-31', 'Larvik', '07'),
       ('3805', '2020-01-01', '2023-12-31', 'Larvik', '38'),
       ('3909', '2024-01-01', NULL, 'Larvik', '39');
INSERT INTO municipality (kommunenr, valid_from, valid_to, name, fylkenr)
VALUES ('0712', '2019-06-01', NULL, 'Larvik again', '07');
SELECT municipality_valid_in('0712', 1963), municipality_valid_in('0712', 1990),
       municipality_valid_in('0712', 2019), municipality_valid_in('3909', 2030);

-- A decision names a municipality valid in its year (23503 otherwise).
INSERT INTO decision (year, kommunenr, requested, decided) VALUES (2019, '0712', 40, 35);
INSERT INTO decision (year, kommunenr, requested, decided) VALUES (2024, '0712', 40, 35);
INSERT INTO decision (year, kommunenr, requested, decided) VALUES (2024, '3805', 40, 35);
-- Suppressed means no value; a flag must be known; lower_bound needs a value.
INSERT INTO decision (year, kommunenr, settled, settled_flag) VALUES (2023, '3805', 3, 'suppressed');
INSERT INTO decision (year, kommunenr, settled_flag) VALUES (2023, '3805', 'hidden');
INSERT INTO decision (year, kommunenr, settled_flag) VALUES (2023, '3805', 'lower_bound');
INSERT INTO decision (year, kommunenr, settled, settled_flag, decided_flag)
VALUES (2023, '3805', 120, 'lower_bound', 'suppressed');
INSERT INTO decision (year, kommunenr, decided) VALUES (2022, '3805', -1);
SELECT year, kommunenr, decided, decided_flag, settled, settled_flag FROM decision ORDER BY year;

-- Capacity, indicator, household: municipality checks and value checks.
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '3909', 'dwelling_3_rooms', 4);
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '3909', 'kindergarten', -1);
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '3909', 'Bad Name', 1);
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2024, '3805', 'kindergarten', 1);
INSERT INTO indicator (year, kommunenr, name, value) VALUES (2024, '3909', 'population', 48000);
INSERT INTO indicator (year, kommunenr, name, value) VALUES (2019, '3909', 'population', 48000);
INSERT INTO household (year, reception_kommunenr) VALUES (2024, '3909');
INSERT INTO household (year, reception_kommunenr, connection_kommunenr) VALUES (2024, '3909', '0712');
-- reception is checked against the permit year (or the household's year)
INSERT INTO household (year, reception_kommunenr, permit_date) VALUES (2024, '3805', '2023-11-02');
INSERT INTO household (year, reception_kommunenr, permit_date) VALUES (2024, '3805', '2024-01-10');
SELECT household_id, year, reception_kommunenr FROM household;

-- Persons: at least one identifier; sex and category from fixed lists.
INSERT INTO person (household_id, birth_date, legal_sex, category) VALUES (1, '1990-01-01', 'female', 'asylum');
INSERT INTO person (household_id, fnr, birth_date, legal_sex, category) VALUES (1, '01819012345', '1990-01-01', 'female', 'asylum');
INSERT INTO person (household_id, fnr, birth_date, legal_sex, category) VALUES (1, '01819010001', '1990-01-01', 'female', 'asylum');
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category) VALUES (1, '201017238203', '1990-01-01', 'other', 'asylum');
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category) VALUES (1, '201017238203', '1990-01-01', 'female', 'tourist');
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category) VALUES (1, '201017238203', '1990-01-01', 'female', 'resettlement');
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category) VALUES (1, '201017238203', '1991-01-01', 'male', 'resettlement');
SELECT person_id, household_id, fnr, dufnr, fnr_kind(fnr) FROM person ORDER BY person_id;
INSERT INTO household_need VALUES (1, 'dwelling_3_rooms', 1);
INSERT INTO household_need VALUES (1, 'kindergarten', 0);

-- Settlements: one active per household, status forward only, all recorded.
-- (A booking consumes the decision and capacity, src/capacity: room in 3909.)
INSERT INTO decision (year, kommunenr, decided) VALUES (2024, '3909', 10), (2025, '3909', 10);
INSERT INTO capacity (year, kommunenr, dimension, amount) VALUES (2025, '3909', 'dwelling_3_rooms', 1);
INSERT INTO settlement (household_id, year, kommunenr) VALUES (1, 2024, '3909');
INSERT INTO settlement (household_id, year, kommunenr) VALUES (1, 2024, '3909');
INSERT INTO settlement (household_id, year, kommunenr) VALUES (1, 2024, '0712');
UPDATE settlement SET status = 'accepted' WHERE settlement_id = 1;
UPDATE settlement SET status = 'proposed' WHERE settlement_id = 1;
UPDATE settlement SET status = 'booked' WHERE settlement_id = 1;
UPDATE settlement SET year = 2025, changed_by = 'caseworker 7' WHERE settlement_id = 1;
UPDATE settlement SET settled_on = '2025-03-01' WHERE settlement_id = 1;   -- recorded too (0.2)
UPDATE settlement SET household_id = 2 WHERE settlement_id = 1;
UPDATE settlement SET status = 'withdrawn' WHERE settlement_id = 1;
UPDATE settlement SET status = 'accepted' WHERE settlement_id = 1;
INSERT INTO settlement (household_id, year, kommunenr, status) VALUES (1, 2024, '3909', 'settled');
DELETE FROM settlement WHERE settlement_id = 4;
INSERT INTO settlement (household_id, year, kommunenr) VALUES (3, 2024, '3909');
TRUNCATE settlement;
SELECT settlement_id, household_id, operation, from_status, to_status, from_kommunenr, to_kommunenr,
       from_year, to_year, changed_by = current_user AS by_me, changed_by
FROM settlement_history ORDER BY history_id;
SELECT settlement_id, status FROM settlement ORDER BY settlement_id;

-- pg_restore mode: the checks stand aside.
SET bosetting.restoring = on;
INSERT INTO decision (year, kommunenr, decided) VALUES (2024, '0712', 1);
RESET bosetting.restoring;
SELECT count(*) FROM decision WHERE kommunenr = '0712' AND year = 2024;

-- Leave the database as found (TRUNCATE of settlement needs restore mode).
SET bosetting.restoring = on;
TRUNCATE settlement, settlement_history, household_need, person, household, decision, capacity, indicator;
DELETE FROM municipality WHERE NOT builtin;
RESET bosetting.restoring;
SELECT (SELECT count(*) FROM municipality) AS municipalities, (SELECT count(*) FROM household) AS households;
