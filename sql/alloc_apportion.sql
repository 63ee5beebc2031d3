-- apportion(): methods, bounds, the tie rule, NULLs and bad input.
SET search_path = bosetting, public;

-- Every method on one input (weights from the en.wikipedia D'Hondt example).
SELECT m AS method, apportion('{100000,80000,30000,20000}', 8, m) AS seats
FROM unnest(ARRAY['hamilton','dhondt','sainte_lague','modified_sainte_lague',
                  'huntington_hill','adams']) AS m;

-- Decimal weights are exact: 1.8 km² factor, no rounding to float.
SELECT apportion(ARRAY[0.1, 0.2, 0.3]::numeric[], 6, 'hamilton') AS tenths,
       apportion(ARRAY[1, 2, 3]::numeric[], 6, 'hamilton') AS integers;

-- The default method is sainte_lague.
SELECT apportion('{5,3,2}', 10) = apportion('{5,3,2}', 10, 'sainte_lague') AS default_is_sainte_lague;

-- Ties at the margin: the lower index wins, in every method.
SELECT m AS method, apportion('{7,7,7}', 2, m) AS seats
FROM unnest(ARRAY['hamilton','dhondt','sainte_lague','modified_sainte_lague',
                  'huntington_hill','adams']) AS m;

-- Lower bounds (minimum request of 10) and upper bounds (a decided capacity).
SELECT apportion('{1000,500,20,5}', 100, 'sainte_lague', lower => '{10,10,10,10}') AS with_minimum,
       apportion('{1000,500,20,5}', 100, 'sainte_lague', upper => '{40,100,100,100}') AS with_cap,
       apportion('{1000,500,20,5}', 100, 'hamilton', '{10,10,10,10}', '{40,100,100,100}') AS hamilton_both;

-- Huntington-Hill and Adams give every positive weight a first unit.
SELECT apportion('{1000000,1,1}', 3, 'huntington_hill') AS hh, apportion('{1000000,1,1}', 3, 'adams') AS adams,
       apportion('{1000000,1,1}', 3, 'dhondt') AS dhondt;

-- Zero weights take only their lower bound (or what nobody else can take).
SELECT apportion('{0,5,0}', 4, 'dhondt', '{1,0,0}') AS zero_with_lower,
       apportion('{0,5,0}', 5, 'hamilton', NULL, '{4,3,4}') AS overflow_to_zero;

-- Total 0 and a single unit.
SELECT apportion('{3,4}', 0) AS nothing, apportion('{3}', 9, 'adams') AS one_unit;

-- NULL weights, total or method: NULL.
SELECT apportion(NULL, 5) IS NULL AS null_weights, apportion('{1,2}', NULL) IS NULL AS null_total,
       apportion('{1,2}', 3, NULL) IS NULL AS null_method;

-- Bad input: SQLSTATE 22023 (54000 for limits) with a message that says what to change.
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
	($$SELECT bosetting.apportion('{1,2}', 3, 'webster')$$),
	($$SELECT bosetting.apportion('{1,NULL}', 3)$$),
	($$SELECT bosetting.apportion('{1,-2}', 3)$$),
	($$SELECT bosetting.apportion('{0,0}', 3)$$),
	($$SELECT bosetting.apportion('{NaN,1}', 3)$$),
	($$SELECT bosetting.apportion('{}', 3)$$),
	($$SELECT bosetting.apportion('{1,2}', -1)$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', '{1}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', NULL, '{1,2,3}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', '{2,NULL}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', '{2,2}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'hamilton', NULL, '{1,1}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', '{-1,0}')$$),
	($$SELECT bosetting.apportion('{1,2}', 3, 'dhondt', '{2,0}', '{1,5}')$$),
	($$SELECT bosetting.apportion('{{1,2},{3,4}}', 3)$$),
	($$SELECT bosetting.apportion('{0.0000000001,10000000000}', 3)$$),
	($$SELECT bosetting.apportion('{1234567890.1234567891}', 3)$$)
) AS t(q);
