-- request_plan(): the models no, dk and se on a small synthetic register
-- (made-up figures, chosen so the results can be checked by hand).
SET search_path = bosetting, public;
BEGIN;
-- Start from an empty register inside this transaction.
DELETE FROM settlement; DELETE FROM decision; DELETE FROM indicator;
DELETE FROM municipality WHERE NOT builtin;
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr) VALUES
	('0301', '2024-01-01', 'Oslo', '03'), ('1103', '2024-01-01', 'Stavanger', '11'),
	('4601', '2024-01-01', 'Bergen', '46'), ('5001', '2024-01-01', 'Trondheim', '50');
-- Synthetic indicators for 2030.
INSERT INTO indicator (year, kommunenr, name, value, source)
SELECT 2030, k::kommunenr, n, v, 'synthetic test figure'
FROM (VALUES ('0301', 'population', 100), ('1103', 'population', 100),
             ('4601', 'population', 100), ('5001', 'population', 100),
             ('0301', 'immigrants', 10), ('1103', 'immigrants', 10),
             ('4601', 'immigrants', 10), ('5001', 'immigrants', 70),
             ('0301', 'employed', 50), ('1103', 'employed', 30),
             ('4601', 'employed', 10), ('5001', 'employed', 10),
             ('0301', 'reception', 40), ('1103', 'reception', 20),
             ('4601', 'reception', 20), ('5001', 'reception', 20),
             ('0301', 'small_pop', 4000), ('1103', 'small_pop', 6000),
             ('4601', 'small_pop', 6000), ('5001', 'small_pop', 6000)) AS t(k, n, v);

-- Norway: population index, minimum 10 per municipality, sums to the total.
SELECT * FROM request_plan(2030, 100, 'no');
SELECT * FROM request_plan(2030, 45, 'no', '{"weights": {"employed": 1}}');
-- Eligibility (population threshold), a cap and two indicators.
SELECT * FROM request_plan(2030, 100, 'no',
	'{"weights": {"population": 0.5, "employed": 0.5}, "min_population": 5000,
	  "population_indicator": "small_pop", "upper": {"1103": 20}}');

-- Denmark: andel = 2·B/ΣB − I/ΣI = 0.4, 0.4, 0.4, −0.2; foreløbig (L = 10)
-- 4, 4, 4, −2; Trondheim gets the zero quota, the rest 10·4/12 = 3⅓ each,
-- largest remainder with the lower-index tie rule: 4, 3, 3.
SELECT * FROM request_plan(2030, 10, 'dk');
-- With family reunification F_k: L + F is shared, then F_k is deducted.
INSERT INTO indicator VALUES (2030, '0301', 'family_reunified', 3, 'synthetic test figure');
SELECT * FROM request_plan(2030, 10, 'dk');

-- Sweden: 0.43·employed share + 0.37·population share + 0.20·inverse
-- reception (max(0, 2·pop share − reception share), normalised).
SELECT * FROM request_plan(2030, 100, 'se');
SELECT sum(requested) AS total FROM request_plan(2030, 23600, 'se');
SELECT * FROM request_plan(2030, 10, 'se', '{"weights": {"labour_market": 0, "population": 1, "reception": 0}}');

-- Every model sums exactly to the total.
SELECT m, t, (SELECT sum(requested) FROM request_plan(2030, t, m)) = t AS exact
FROM unnest(ARRAY['no', 'dk', 'se']) m, unnest(ARRAY[40, 1001, 37000]) t ORDER BY 1, 2;

-- Bad input: 22023 with what to change.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE msg text; hint text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || msg || CASE WHEN hint <> '' THEN ' | ' || hint ELSE '' END;
END $$;
SELECT pg_temp.err(q) FROM (VALUES
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'fi')$$),
	($$SELECT * FROM bosetting.request_plan(2030, -1, 'no')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'no', '{"minimun": 5}')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 30, 'no')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'no', '{"weights": {"housing": 1}}')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'no', '{"upper": {"0301": 5}}')$$),
	($$SELECT * FROM bosetting.request_plan(2029, 100, 'dk')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'se', '{"indicators": {"labour_market": "jobs"}}')$$),
	($$SELECT * FROM bosetting.request_plan(2020, 100, 'no')$$),
	($$SELECT * FROM bosetting.request_plan(2030, 100, 'no', '[1]')$$)
) AS t(q);
ROLLBACK;
