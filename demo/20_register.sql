-- 20_register: load the real register (counties, code history, the 2024
-- municipality list, population) and IMDi's 2014-2025 settlement table, then
-- a synthetic population waiting for settlement in 2024.
SET search_path = bosetting, public;
SET client_min_messages = warning;
\echo '== Loading the register from ../shared/data (rejected rows are listed; none expected)'
CREATE TEMP TABLE stage_counties (era_from text, era_to text, fylkenr text, fylke_name text,
    ssb_label_with_sami_forms text, municipalities text, municipalities_counted_at text);
\copy stage_counties FROM PROGRAM 'cat "$BOSETTING_DATA/fylker_by_era.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_changes (valid_from text, old_kommunenr text, old_name text, new_kommunenr text,
    new_name text, note text, source text);
\copy stage_changes FROM PROGRAM 'cat "$BOSETTING_DATA/kommunenr_changes.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_municipalities (kommunenr text, name text, fylkenr text, fylke_name text,
    population text, population_date text, lat text, lon text, source text, name_official_2024 text,
    name_official_2026 text, other_official_names text, admin_centre text);
\copy stage_municipalities FROM PROGRAM 'cat "$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_population (kommunenr text, population_date text, population text, source text);
\copy stage_population FROM PROGRAM 'cat "$BOSETTING_DATA/municipality_population.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_decisions (year text, kommunenr text, kommunenr_2024 text, kommune_name text,
    requested text, requested_flag text, requested_original text, requested_original_flag text,
    decided text, decided_flag text, settled text, settled_flag text, settled_is_full_year text,
    settled_collective_protection text, settled_collective_protection_flag text,
    em_requested text, em_requested_flag text, em_decided text, em_decided_flag text,
    em_settled text, em_settled_flag text, sources text);
\copy stage_decisions FROM PROGRAM 'cat "$BOSETTING_DATA/imdi_settlement_by_municipality.csv"' WITH (FORMAT csv, HEADER)
SELECT 'fylker_by_era.csv' AS file, * FROM load_counties('stage_counties')
UNION ALL SELECT 'kommunenr_changes.csv', * FROM load_kommunenr_changes('stage_changes')
UNION ALL SELECT 'municipalities_2024.csv', * FROM load_municipalities('stage_municipalities')
UNION ALL SELECT 'municipality_population.csv', * FROM load_population('stage_population')
UNION ALL SELECT 'imdi_settlement_by_municipality.csv', * FROM load_decisions('stage_decisions');

\echo '== What is loaded'
SELECT (SELECT count(*) FROM county) AS county_eras,
       (SELECT count(*) FROM municipality) AS municipality_versions,
       (SELECT count(*) FROM kommunenr_change) AS code_changes,
       (SELECT count(*) FROM decision) AS decisions,
       (SELECT count(*) FROM indicator) AS indicators;

\echo '== IMDi requests, council decisions and settled persons per year (NULL + flag where suppressed)'
SELECT year, count(*) AS municipalities, sum(requested) AS requested, sum(decided) AS decided,
       sum(settled) AS settled, count(*) FILTER (WHERE settled_flag = 'suppressed') AS settled_suppressed
FROM decision GROUP BY year ORDER BY year;

\echo '== Codes follow the reforms: what did Ålesund (1507, 2020-2023) and Stokke (0720) become?'
SELECT '1507' AS code, string_agg(s::text || ' ' || m.name, ', ') AS in_2024
FROM kommunenr_successors('1507', '2024-01-01') s
JOIN municipality m ON m.kommunenr = s AND m.valid_from <= '2024-01-01' AND coalesce(m.valid_to, 'infinity') >= '2024-01-01'
UNION ALL
SELECT '0720', string_agg(s::text || ' ' || m.name, ', ')
FROM kommunenr_successors('0720', '2024-01-01') s
JOIN municipality m ON m.kommunenr = s AND m.valid_from <= '2024-01-01' AND coalesce(m.valid_to, 'infinity') >= '2024-01-01';

\echo '== A synthetic population waiting for settlement in 2024 (seed 2024; synthetic identifiers only)'
SELECT * FROM generate_population(2024, 3000, 2024);
SELECT p.category, count(*) AS persons, count(DISTINCT household_id) AS households,
       count(*) FILTER (WHERE unaccompanied_minor) AS unaccompanied_minors
FROM person p GROUP BY p.category ORDER BY persons DESC;
SELECT person_id, household_id, fnr, fnr_kind(fnr) AS kind, dufnr, birth_date, legal_sex, category
FROM person ORDER BY person_id LIMIT 4;
