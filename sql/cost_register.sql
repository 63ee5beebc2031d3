-- cost_register: municipality_grants and grant_projection over a tiny
-- register (figures checked against grant_rates.csv read at run time).
SET search_path = bosetting, public;
CREATE TEMP TABLE csv (budget_year int, scheme text, component text, category text,
                       amount_nok numeric, unit text, source text);
\copy csv FROM PROGRAM 'cat "$BOSETTING_DATA/grant_rates.csv"' WITH (FORMAT csv, HEADER)
-- no municipality register is loaded here: skip its validity triggers
SET session_replication_role = replica;
INSERT INTO household (year, note) VALUES (2017, 'single adult'), (2017, 'family');
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT h.household_id, synthetic_dufnr(2016, v.serial), v.birth::date, 'female', 'asylum'
  FROM (VALUES ('single adult', 1, '1990-03-01'), ('family', 2, '1950-01-01'), ('family', 3, '2014-05-01')) AS v(note, serial, birth)
  JOIN household h ON h.note = v.note;
INSERT INTO settlement (household_id, year, kommunenr, status, settled_on)
SELECT household_id, 2017, '0301', 'settled', '2017-06-01' FROM household;
INSERT INTO decision (year, kommunenr, requested, decided) VALUES (2016, '0301', 1, 1), (2017, '0301', 2, 5);
RESET session_replication_role;

SELECT birth_date, settle_year, settled_on, alone, elderly, small_child FROM grant_settled_person ORDER BY birth_date;
-- 2017: a single adult, an adult of 67 and a child of 3 in a family;
-- settled 3 against the 2016 request of 1: 2 persons beyond the request
SELECT * FROM municipality_grants(2017);
SELECT (SELECT amount FROM municipality_grants(2017) WHERE scheme = 'integreringstilskudd')
     = (SELECT sum(amount_nok) FROM csv WHERE budget_year = 2017 AND component = 'year1' AND category IN ('enslig_voksen', 'voksen'))
       + (SELECT amount_nok FROM csv WHERE budget_year = 2017 AND component = 'year1' AND category = 'barn') AS year1_matches_csv;
-- 2019: år 3 for all three, carried forward
SELECT * FROM municipality_grants(2019);
-- the projection: 5 decided - 3 settled = 2 open places with the mix of the 3 settled
SELECT budget_year, source, scheme, persons, amount, rate_basis
  FROM grant_projection(2017, 2018) ORDER BY 1, 2, 3;
SELECT DISTINCT source, assumption FROM grant_projection(2017, 2017) ORDER BY 1;
SELECT * FROM grant_projection(2018, 2017);
-- clean up for the tests that follow
SET session_replication_role = replica;
DELETE FROM settlement; DELETE FROM person; DELETE FROM household; DELETE FROM decision;
RESET session_replication_role;
