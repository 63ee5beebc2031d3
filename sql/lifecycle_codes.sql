-- lifecycle_codes: kommunenr_code holds every code municipality has a version
-- of; the tables that name a municipality reference it (which is what orders
-- pg_dump's data: municipality first).
\set VERBOSITY default
SET search_path = bosetting, public;
SELECT kommunenr, valid_from FROM bosetting.kommunenr_code ORDER BY 1;
SELECT pg_catalog.pg_get_constraintdef(oid) AS def, conrelid::regclass AS tab FROM pg_constraint
WHERE confrelid = 'bosetting.kommunenr_code'::regclass ORDER BY 2, 1;

-- A code appears with its first version, and follows its versions.
INSERT INTO bosetting.municipality (kommunenr, valid_from, valid_to, name, fylkenr)
VALUES ('3001', '2020-01-01', NULL, 'Halden', '30');
SELECT kommunenr, valid_from FROM bosetting.kommunenr_code WHERE kommunenr = '3001';
UPDATE bosetting.municipality SET valid_to = '2023-12-31' WHERE kommunenr = '3001' AND valid_from = '2020-01-01';
INSERT INTO bosetting.municipality (kommunenr, valid_from, valid_to, name, fylkenr)
VALUES ('3001', '2024-01-01', NULL, 'Halden', '31');
INSERT INTO bosetting.decision (year, kommunenr, decided) VALUES (2024, '3001', 10);
-- re-dating the version the code points at: the code follows it
UPDATE bosetting.municipality SET valid_from = '2019-01-01' WHERE kommunenr = '3001' AND valid_from = '2020-01-01';
SELECT kommunenr, valid_from FROM bosetting.kommunenr_code WHERE kommunenr = '3001';
-- deleting it: the code moves to the other version
DELETE FROM bosetting.municipality WHERE kommunenr = '3001' AND valid_from = '2019-01-01';
SELECT kommunenr, valid_from FROM bosetting.kommunenr_code WHERE kommunenr = '3001';
-- deleting the last version of a code a decision names is refused
DELETE FROM bosetting.municipality WHERE kommunenr = '3001';
-- even in restore mode, a row naming a code no municipality has is refused
SET bosetting.restoring = on;
INSERT INTO bosetting.decision (year, kommunenr, decided) VALUES (2024, '3002', 10);
RESET bosetting.restoring;

DELETE FROM bosetting.decision WHERE kommunenr = '3001';
DELETE FROM bosetting.municipality WHERE kommunenr = '3001';
SELECT count(*) AS codes_left FROM bosetting.kommunenr_code WHERE kommunenr = '3001';
RESET search_path;
