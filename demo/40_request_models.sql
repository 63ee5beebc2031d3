-- 40_request_models: plan IMDi's 2024 need (37 000 persons) with the
-- Norwegian, Danish and Swedish request models from the real 2024
-- population (loaded by step 20), and compare per county with what IMDi
-- actually requested in 2024.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== apportion() is exact: the Storting seats per district (population + 1.8 x area, 169 seats)'
CREATE TEMP TABLE fylke_seats (calculation_year int, elections text, valgdistrikt text,
    area_km2 numeric, population numeric, weight numeric, seats int, district_seats int, checked text);
\copy fylke_seats FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/no_storting_fylke_seats.csv"' WITH (FORMAT csv, HEADER)
SELECT calculation_year, count(*) AS districts, count(*) FILTER (WHERE computed = seats) AS same_as_published
FROM (SELECT calculation_year, seats,
             (apportion(array_agg(population + 1.8 * area_km2) OVER w, 169))[row_number() OVER w] AS computed
      FROM fylke_seats
      WINDOW w AS (PARTITION BY calculation_year ORDER BY valgdistrikt
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) s
GROUP BY calculation_year ORDER BY 1;

-- Inputs the models need and Norway has no public per-municipality figure
-- for here get clearly labelled stand-ins (source column says so):
--   dk  I (non-Western immigrants, DST): STAND-IN = refugees IMDi settled
--       in the municipality 2020-2023 (real IMDi figures, other concept);
--       F (family reunified): none, so F = 0.
--   se  labour market: SYNTHETIC = population x (7 - SSB centrality class)/6;
--       reception: refugees IMDi settled 2022-2023 (real).
CREATE TEMP TABLE stage_capacity (year int, kommunenr text, kommune_name text, fylke text,
    population int, centrality_class int, kostra_group text, robek text, gp_waitlist_persons text,
    gp_waitlist_pct_of_population text, gp_reserve_capacity_pct text, gp_summary_text text, source_id text);
\copy stage_capacity FROM PROGRAM 'cat "$BOSETTING_DATA/municipal_capacity_factors.csv"' WITH (FORMAT csv, HEADER)

INSERT INTO indicator (year, kommunenr, name, value, source)
SELECT 2024, m.kommunenr, 'standin_settled_2020_2023',
       coalesce((SELECT sum(d.settled) FROM decision d
                 WHERE d.year BETWEEN 2020 AND 2023 AND d.kommunenr_2024 = m.kommunenr), 0),
       'STAND-IN for DST non-Western immigrants: refugees settled 2020-2023 (IMDi)'
FROM municipality m WHERE m.valid_from <= '2024-01-01' AND coalesce(m.valid_to, 'infinity') >= '2024-01-01'
  AND m.kommunenr::text <> '9999'
UNION ALL
SELECT 2024, m.kommunenr, 'settled_2022_2023',
       coalesce((SELECT sum(d.settled) FROM decision d
                 WHERE d.year BETWEEN 2022 AND 2023 AND d.kommunenr_2024 = m.kommunenr), 0),
       'refugees settled 2022-2023 (IMDi)'
FROM municipality m WHERE m.valid_from <= '2024-01-01' AND coalesce(m.valid_to, 'infinity') >= '2024-01-01'
  AND m.kommunenr::text <> '9999'
UNION ALL
SELECT 2024, c.kommunenr::kommunenr, 'synthetic_labour_market',
       round(i.value * (7 - c.centrality_class) / 6),
       'SYNTHETIC labour-market stand-in: population x (7 - SSB centrality class) / 6'
FROM stage_capacity c
JOIN indicator i ON i.year = 2024 AND i.name = 'population' AND i.kommunenr = c.kommunenr::kommunenr
WHERE c.year = 2024;

CREATE TEMP TABLE plans AS
SELECT 'no' AS model, * FROM request_plan(2024, 37000, 'no', '{"minimum": 10}')
UNION ALL
SELECT 'dk', * FROM request_plan(2024, 37000, 'dk',
	'{"indicators": {"immigrants": "standin_settled_2020_2023"}}')
UNION ALL
SELECT 'se', * FROM request_plan(2024, 37000, 'se',
	'{"indicators": {"labour_market": "synthetic_labour_market", "reception": "settled_2022_2023"}}');

\echo '== Each model, 2024, 37 000 persons: totals, and what produced the numbers'
SELECT model, sum(requested) AS total, count(*) AS municipalities,
       count(*) FILTER (WHERE requested = 0) AS zero, min(requested) AS smallest, max(requested) AS largest,
       (SELECT rule FROM plans q WHERE q.model = p.model GROUP BY rule ORDER BY count(*) DESC LIMIT 1) AS most_common_rule
FROM plans p GROUP BY model ORDER BY model;

\echo '== Per county: IMDi''s actual 2024 requests beside each model (difference = model - IMDi)'
WITH k AS (
	SELECT m.kommunenr, c.name AS fylke
	FROM municipality m
	JOIN county c ON c.fylkenr = m.fylkenr AND c.era_from <= '2024-01-01' AND coalesce(c.era_to, 'infinity') >= '2024-01-01'
	WHERE m.valid_from <= '2024-01-01' AND coalesce(m.valid_to, 'infinity') >= '2024-01-01'
), per AS (
	SELECT coalesce(k.fylke, 'Norway') AS fylke, grouping(k.fylke) AS is_total,
	       sum(d.requested) AS imdi,
	       sum(pn.requested) AS "no", sum(pd.requested) AS dk, sum(ps.requested) AS se
	FROM k
	JOIN decision d ON d.year = 2024 AND d.kommunenr = k.kommunenr
	JOIN plans pn ON pn.model = 'no' AND pn.kommunenr = k.kommunenr
	JOIN plans pd ON pd.model = 'dk' AND pd.kommunenr = k.kommunenr
	JOIN plans ps ON ps.model = 'se' AND ps.kommunenr = k.kommunenr
	GROUP BY ROLLUP (k.fylke)
)
SELECT fylke, imdi,
       "no", "no" - imdi AS "no-imdi", dk, dk - imdi AS "dk-imdi", se, se - imdi AS "se-imdi"
FROM per ORDER BY is_total, imdi DESC;

\echo '== Per municipality: how far each model is from IMDi (sum of |model - IMDi| / 2 = persons moved)'
SELECT p.model, sum(abs(p.requested - d.requested)) / 2 AS persons_moved,
       round(100.0 * sum(abs(p.requested - d.requested)) / 2 / 37000, 1) AS pct_of_need,
       count(*) FILTER (WHERE abs(p.requested - d.requested) <= 10) AS within_10
FROM plans p JOIN decision d ON d.year = 2024 AND d.kommunenr = p.kommunenr
GROUP BY p.model ORDER BY p.model;

\echo '== Denmark''s zero rule on Norwegian data: municipalities with a zero quota (most negative first)'
SELECT p.kommunenr, m.name, p.weight AS foreloebigt_fordelingstal, d.requested AS imdi_2024
FROM plans p JOIN municipality m ON m.kommunenr = p.kommunenr AND m.valid_to IS NULL
JOIN decision d ON d.year = 2024 AND d.kommunenr = p.kommunenr
WHERE p.model = 'dk' AND p.requested = 0 ORDER BY p.weight LIMIT 5;
