-- register_successors: kommunenr_successors follows renumberings, mergers
-- and splits; every code valid in 2016, 2019 or 2023 reaches the 357 codes of
-- 2024 (read from municipalities_2024.csv at run time).
SET search_path = bosetting, public;
\set VERBOSITY terse
BEGIN;
SET client_min_messages = warning;
\i sql/include/register_load.psql
RESET client_min_messages;
CREATE TEMP TABLE codes_2024 AS SELECT kommunenr::kommunenr AS kommunenr FROM stage_municipalities;
SELECT count(*) AS codes_2024 FROM codes_2024;

CREATE TEMP TABLE walk AS
SELECT d AS valid_on, m.kommunenr AS code, s AS successor
FROM (VALUES (date '2016-06-01'), ('2019-06-01'), ('2023-06-01')) v(d)
JOIN municipality m ON m.valid_from <= d AND coalesce(m.valid_to, 'infinity') >= d AND m.kommunenr <> '9999'
LEFT JOIN LATERAL kommunenr_successors(m.kommunenr, '2024-01-01', d) s ON true;

-- Per starting date: codes, codes without a successor, successors outside
-- the 2024 list, and how many of the 357 are reached.
SELECT valid_on, count(DISTINCT code) AS codes,
       count(DISTINCT code) FILTER (WHERE successor IS NULL) AS without_successor,
       count(*) FILTER (WHERE successor IS NOT NULL AND successor NOT IN (SELECT kommunenr FROM codes_2024)) AS outside_2024,
       count(DISTINCT successor) FILTER (WHERE successor IN (SELECT kommunenr FROM codes_2024)) AS reached_2024
FROM walk GROUP BY valid_on ORDER BY valid_on;
-- The only codes with several successors are the splits (identifiers.md 3.3).
SELECT code, string_agg(DISTINCT successor::text, ' + ' ORDER BY successor::text) AS successors, min(valid_on) AS first_seen
FROM walk GROUP BY code HAVING count(DISTINCT successor) > 1 ORDER BY code;

-- Defaults: from the last day the code was valid; a valid code is its own successor.
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('1507', '2024-01-01') s;   -- Ålesund 2020-2023
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('0712', '2024-01-01') s;   -- Larvik 2018-2019 (Skoger until 1963)
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('0712', '2019-01-01') s;
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('0301', '2024-01-01') s;
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('1601', '2018-01-01') s;   -- Trondheim renumbered
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('1601', '2017-12-31') s;
SELECT array_agg(s ORDER BY s) FROM kommunenr_successors('0720', '2030-01-01') s;   -- Stokke, split 2017
SELECT count(*) FROM kommunenr_successors(NULL, '2024-01-01');
ROLLBACK;
