-- cost_schedule: grant_schedule and the cross-sections against the published
-- figures (grant_rates.csv, read at run time), the worked examples of issue 7,
-- and bad input.
SET search_path = bosetting, public;
CREATE TEMP TABLE csv (budget_year int, scheme text, component text, category text,
                       amount_nok numeric, unit text, source text);
\copy csv FROM PROGRAM 'cat "$BOSETTING_DATA/grant_rates.csv"' WITH (FORMAT csv, HEADER)

-- A single adult settled in 2017: år 1 is 2017, år k is budget year 2016 + k
-- at the år-k rate; 2018-2021 have no published table, so the 2017 rates
-- are carried forward (grants.md section 2 quotes 235 000 and 786 500).
SELECT * FROM grant_schedule('1990-03-01', '2017-06-01', true, false);
-- the same figures straight from the CSV: år 1 and the five-year sum
SELECT (SELECT amount FROM grant_schedule('1990-03-01', '2017-06-01', true, false) WHERE year_index = 1)
         = (SELECT amount_nok FROM csv WHERE budget_year = 2017 AND component = 'year1' AND category = 'enslig_voksen') AS year1_matches_csv,
       (SELECT sum(amount) FROM grant_schedule('1990-03-01', '2017-06-01', true, false))
         = (SELECT sum(amount_nok) FROM csv WHERE budget_year = 2017 AND scheme = 'integreringstilskudd'
                                              AND (component <> 'year1' OR category = 'enslig_voksen')) AS five_years_match_csv;
-- an adult in a family and a child: the family rate in år 1
SELECT sum(amount) FILTER (WHERE year_index = 1) AS year1, sum(amount) AS five_years
  FROM grant_schedule('1990-03-01', '2017-06-01', false, false);
SELECT scheme, component, amount FROM grant_schedule('2008-03-01', '2017-06-01', false, false) WHERE year_index = 1;
-- the same by category name
SELECT sum(amount) FROM grant_schedule('1990-03-01', '2017-06-01', 'enslig_voksen');

-- An unaccompanied minor settled in 2016 at 15: the EM grant every year up to
-- and including the year he turns 20 (2021), at the 2016 rate (one rate for
-- all ages) carried forward, plus the 2016 one-time extra grant.
SELECT * FROM grant_schedule('2001-03-10', '2016-06-01', false, true,
                             schemes => ARRAY['em_tilskudd', 'ekstratilskudd_em']);
SELECT count(*) AS years, min(budget_year), max(budget_year),
       bool_and(amount = (SELECT amount_nok FROM csv WHERE budget_year = 2016 AND scheme = 'em_tilskudd')) AS all_at_2016_rate
  FROM grant_schedule('2001-03-10', '2016-06-01', false, true, schemes => ARRAY['em_tilskudd']);
-- ... but his integreringstilskudd for 2016 has no rate (the first table is 2017): an error, never a guess
SELECT * FROM grant_schedule('2001-03-10', '2016-06-01', false, true);
-- from 2017 the EM grant has two age bands; before the first band rates
-- (2023) the 2016 rate is carried forward, then each band its own rate
SELECT budget_year, year_index, amount, rate_basis
  FROM grant_schedule('2008-03-10', '2021-06-01', false, true, schemes => ARRAY['em_tilskudd']);

-- The published 2014 five-year totals are cross-sections of budget year 2014.
SELECT k AS category, x.*,
       x.amount = (SELECT amount_nok FROM csv WHERE budget_year = 2014 AND component = 'sum_year1_5' AND category = k) AS matches_csv
  FROM unnest(ARRAY['enslig_voksen', 'voksen', 'barn', 'enslig_mindrearig']) AS k,
       grant_cross_section(2014, k) x;
-- 2017 adds up its own table; later years carry it forward
SELECT y, k AS category, x.* FROM (VALUES (2016), (2017), (2020)) AS v(y),
       unnest(ARRAY['enslig_voksen', 'voksen']) AS k, grant_cross_section(y, k) x ORDER BY 1, 2;
-- 2013 carries the published 2012 total forward; before 2011 there is no rate
SELECT * FROM grant_cross_section(2013, 'voksen');
SELECT * FROM grant_cross_section(2010, 'voksen');

-- one-time and extra grants
SELECT scheme, amount FROM grant_schedule('1950-01-01', '2017-06-01', false, false) WHERE scheme <> 'integreringstilskudd';
SELECT scheme, amount FROM grant_schedule('2012-06-02', '2017-06-01', false, false) WHERE scheme <> 'integreringstilskudd';
SELECT scheme, amount FROM grant_schedule('2011-06-01', '2017-06-01', false, false) WHERE scheme <> 'integreringstilskudd';
SELECT scheme, amount, rate_basis FROM grant_schedule('1990-01-01', '2017-06-01', false, false,
       beyond_request => true, from_institution => true) WHERE scheme <> 'integreringstilskudd';
SELECT count(*) AS extra_grants_in_2018 FROM grant_schedule('1990-01-01', '2018-06-01', false, false,
       beyond_request => true, from_institution => true) WHERE scheme <> 'integreringstilskudd';
SELECT budget_year, component, amount, rate_basis FROM grant_schedule('1990-01-01', '2019-06-01', false, false,
       disability => 'tilskudd1', schemes => ARRAY['funksjon_tilskudd']);
SELECT count(*), sum(amount) FROM grant_schedule('1990-01-01', '2023-06-01', false, false,
       disability => 'tilskudd2', schemes => ARRAY['funksjon_tilskudd']);
-- 29 February: a person born 1960-02-29 has turned 60 on 2020-02-29, not the day before
SELECT count(*) FILTER (WHERE scheme = 'eldretilskudd') FROM grant_schedule('1960-02-29', '2020-02-28', false, false);
SELECT count(*) FILTER (WHERE scheme = 'eldretilskudd') FROM grant_schedule('1960-02-29', '2020-02-29', false, false);
-- NULL in, nothing out
SELECT count(*) FROM grant_schedule(NULL, '2020-02-29', false, false);

-- bad input: 22023 with what is wrong
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT * FROM grant_schedule('2000-05-01', '1999-05-01', false, false);
SELECT * FROM grant_schedule('2005-05-01', '2017-05-01', true, false);
SELECT * FROM grant_schedule('1990-05-01', '2017-05-01', true, true);
SELECT * FROM grant_schedule('1990-05-01', '2017-05-01', 'single');
SELECT * FROM grant_schedule('1990-05-01', '2017-05-01', 'barn');
SELECT * FROM grant_schedule('1990-05-01', '2017-05-01', false, false, disability => 'blind');
SELECT * FROM grant_schedule('1990-05-01', '2017-05-01', false, false, schemes => ARRAY['bostøtte']);
SELECT * FROM grant_schedule('1990-05-01', 'infinity', false, false);
SELECT * FROM grant_schedule('1990-05-01', '2018-05-01', false, false, disability => 'tilskudd1');
SELECT * FROM grant_cross_section(2017, 'alle');
-- the SQLSTATE
DO $$ BEGIN PERFORM * FROM bosetting.grant_schedule('2000-05-01', '1999-05-01', false, false);
EXCEPTION WHEN invalid_parameter_value THEN RAISE NOTICE 'SQLSTATE %', SQLSTATE; END $$;
DO $$ BEGIN PERFORM * FROM bosetting.grant_schedule('2001-03-10', '2016-06-01', false, true);
EXCEPTION WHEN invalid_parameter_value THEN RAISE NOTICE 'SQLSTATE %', SQLSTATE; END $$;

-- cost coverage: the five-year grant against Beregningsutvalget's cost per
-- refugee (2014: 770 300, grants.md section 6), beside its published ratios
SELECT category, grant_5yr, grant_basis, cost_5yr, coverage_pct, published_coverage_pct, published_em_coverage_pct
  FROM cost_coverage(2014);
SELECT y, c.category, c.grant_5yr, c.coverage_pct, c.published_coverage_pct, c.published_qualifier
  FROM generate_series(2014, 2023) y, cost_coverage(y) c WHERE c.category IN ('enslig_voksen', 'voksen') ORDER BY 1, 2;
SELECT * FROM cost_coverage(2030);
