-- cost_rates: the rate table against the published figures, the loader,
-- grant_rates_missing, and dump-safety of user rows.
SET search_path = bosetting, public;

-- The published rates, read at run time from the research data set.
CREATE TEMP TABLE csv (budget_year int, scheme text, component text, category text,
                       amount_nok numeric, unit text, source text);
\copy csv FROM PROGRAM 'cat "$BOSETTING_DATA/grant_rates.csv"' WITH (FORMAT csv, HEADER)

-- every rate of grant_rates.csv is a built-in row, with the same amount,
-- unit and source; and there is no built-in row the file lacks
SELECT (SELECT count(*) FROM csv) AS csv_rows,
       (SELECT count(*) FROM grant_rate WHERE builtin) AS builtin_rows;
SELECT c.budget_year, c.scheme, c.component, c.category, c.amount_nok, r.amount
  FROM csv c FULL JOIN (SELECT * FROM grant_rate WHERE builtin) r
       USING (budget_year, scheme, component, category)
 WHERE r.amount IS DISTINCT FROM c.amount_nok OR r.unit IS DISTINCT FROM c.unit
    OR r.source IS DISTINCT FROM c.source;
-- proposal figures are marked (research/grants.md section 5)
SELECT budget_year, status, count(*) FROM grant_rate GROUP BY 1, 2 ORDER BY 1, 2;

-- the catalogue of the rule engine
SELECT scheme, first_year, last_year, used_by_rules FROM grant_schemes() ORDER BY scheme;
-- every built-in row is a known kind of rate (the CHECK), and every kind has a unit
SELECT count(*) AS kinds, count(DISTINCT unit) AS units FROM grant_rate_kinds();

-- a row that is no kind of rate cannot enter the table
\set VERBOSITY terse
INSERT INTO grant_rate (budget_year, scheme, component, category, amount, unit, source)
VALUES (2024, 'em_tilskudd', 'per_year', 'voksen', 1, 'per_person_per_year', 'test');
INSERT INTO grant_rate (budget_year, scheme, component, category, amount, unit, source)
VALUES (2018, 'ekstratilskudd_bosetting', 'one_time', 'utover_anmodning', 1, 'per_person_one_time', 'test');
\set VERBOSITY default

-- what a complete 2024 lacks: everything, carried forward where possible
SELECT * FROM grant_rates_missing(2024);
-- 2016: the EM grant had one rate for all ages; integreringstilskudd has nothing before 2017
SELECT * FROM grant_rates_missing(2016);

-- the loader refuses, listing every problem
SELECT * FROM load_grant_rates('{}');
SELECT * FROM load_grant_rates('[{"budget_year": "24", "scheme": "integreringstilskudd", "component": "year1", "category": "voksen", "amount_nok": "190000", "unit": "per_person", "source": "x"},
  {"budget_year": "2024", "scheme": "integreringstilskudd", "component": "year1", "category": "voksen", "amount_nok": "1.234", "unit": "per_person", "source": "x"},
  {"budget_year": "2024", "scheme": "integreringstilskudd", "component": "year1", "category": "voksen", "amount_nok": "190000", "unit": "per_year", "source": "x"},
  {"budget_year": "2015", "scheme": "ekstratilskudd_bosetting", "component": "one_time", "category": "utover_anmodning", "amount_nok": "50000", "unit": "per_person_one_time", "source": "x"},
  {"budget_year": "2024", "scheme": "em_tilskudd", "component": "per_year", "category": "enslig_mindrearig", "amount_nok": "50000", "unit": "per_person_per_year", "source": "x"},
  {"budget_year": "2024", "scheme": "integreringstilskudd", "component": "year1", "category": "voksen", "amount_nok": "190000", "unit": "per_person", "source": ""},
  {"budget_year": "2024", "scheme": "integreringstilskud", "component": "year1", "category": "voksen", "amount_nok": "190000", "unit": "per_person", "source": "x"},
  42]');
-- duplicates in the input, and a rate already present
SELECT * FROM load_grant_rates('[{"budget_year": 2025, "scheme": "integreringstilskudd", "component": "year2", "category": "alle", "amount_nok": 1, "unit": "per_person", "source": "x"},
  {"budget_year": 2025, "scheme": "integreringstilskudd", "component": "year2", "category": "alle", "amount_nok": 2, "unit": "per_person", "source": "x"},
  {"budget_year": 2017, "scheme": "integreringstilskudd", "component": "year2", "category": "alle", "amount_nok": 230000, "unit": "per_person", "source": "x"}]');
-- an incomplete year
SELECT * FROM load_grant_rates('[{"budget_year": 2025, "scheme": "eldretilskudd", "component": "one_time", "category": "eldre_60pluss", "amount_nok": 180000, "unit": "per_person_one_time", "source": "x"}]');
-- inconsistent years: single adult below family adult; child differs from adult
-- since 2014; a five-year total that is not the sum of its år rates
SELECT * FROM load_grant_rates('[{"budget_year": 2025, "scheme": "integreringstilskudd", "component": "year1", "category": "enslig_voksen", "amount_nok": 100, "unit": "per_person", "source": "x"},
  {"budget_year": 2025, "scheme": "integreringstilskudd", "component": "year1", "category": "voksen", "amount_nok": 200, "unit": "per_person", "source": "x"},
  {"budget_year": 2025, "scheme": "integreringstilskudd", "component": "year1", "category": "barn", "amount_nok": 300, "unit": "per_person", "source": "x"}]', allow_incomplete => true);
SELECT * FROM load_grant_rates('[{"budget_year": 2017, "scheme": "integreringstilskudd", "component": "sum_year1_5", "category": "voksen", "amount_nok": 700000, "unit": "per_person_5yr_sum", "source": "x"}]', allow_incomplete => true);
-- ... and the consistent published total passes (235 000 + 230 000 + 167 000 + 84 000 + 70 500 from the CSV)
SELECT * FROM load_grant_rates((
  SELECT jsonb_agg(jsonb_build_object('budget_year', 2017, 'scheme', 'integreringstilskudd',
         'component', 'sum_year1_5', 'category', 'enslig_voksen', 'amount_nok', s.total,
         'unit', 'per_person_5yr_sum', 'source', 'sum of the IMDi 2017 table (test)'))
    FROM (SELECT sum(amount_nok) AS total FROM csv
           WHERE budget_year = 2017 AND scheme = 'integreringstilskudd'
             AND (component <> 'year1' OR category = 'enslig_voksen')) s), allow_incomplete => true);

-- a complete year loads: every missing 2024 rate, at the 2023/2017 amounts
-- plus 1000 (test figures), with the published single-adult premium kept
SELECT count(*) AS loaded, sum(amount) AS total FROM load_grant_rates((
  SELECT jsonb_agg(jsonb_build_object('budget_year', 2024, 'scheme', m.scheme, 'component', m.component,
         'category', m.category, 'unit', m.unit, 'status', 'proposal', 'source', 'regression test',
         'amount_nok', x.amount + 1000))
    FROM grant_rates_missing(2024) m, grant_rate_at(2024, m.scheme, m.component, m.category) x));
SELECT count(*) AS still_missing FROM grant_rates_missing(2024);
-- and the rates of 2024 are now published, not carried forward
SELECT * FROM grant_rate_at(2024, 'integreringstilskudd', 'year1', 'enslig_voksen');
SELECT * FROM grant_rate_at(2025, 'em_tilskudd', 'per_year', 'em_0_16');

-- rate look-ups that fail
SELECT * FROM grant_rate_at(2015, 'ekstratilskudd_bosetting', 'one_time', 'utover_anmodning');
SELECT * FROM grant_rate_at(2016, 'integreringstilskudd', 'year1', 'voksen');
SELECT * FROM grant_rate_at(2024, 'norsktilskudd', 'persontilskudd', 'hoy_sats');
SELECT * FROM grant_rate_at(2024, 'integreringstilskudd', 'year1', 'alle');
SELECT * FROM grant_rate_at(2024, 'bostøtte', 'year1', 'voksen');

-- pg_dump keeps the user rows, not the shipped ones
SELECT c.relname, e.cond
  FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS e(oid, cond)
  JOIN pg_class c ON c.oid = e.oid
 WHERE x.extname = 'bosetting' AND c.relname IN ('grant_rate', 'cost_estimate')
 ORDER BY c.relname;
SELECT builtin, count(*) FROM grant_rate GROUP BY 1 ORDER BY 1;
-- leave the table as shipped for the tests that follow
DELETE FROM grant_rate WHERE NOT builtin;
