-- 10_identifiers: every municipality code in the register files and every
-- number in the fødselsnummer test vectors, loaded as text and cast into
-- typed columns; what was accepted, what was rejected and why.
SET search_path = bosetting, public;
\echo '== Identifiers: real municipality codes and published fødselsnummer test vectors'

CREATE TEMP TABLE raw_codes (file text, code text);
CREATE TEMP TABLE changes (valid_from date, old_kommunenr text, old_name text,
                           new_kommunenr text, new_name text, note text, source text);
\copy changes FROM PROGRAM 'cat "$BOSETTING_DATA/kommunenr_changes.csv"' WITH (FORMAT csv, HEADER)
INSERT INTO raw_codes SELECT 'kommunenr_changes.csv', old_kommunenr FROM changes
                      UNION ALL SELECT 'kommunenr_changes.csv', new_kommunenr FROM changes;
CREATE TEMP TABLE m2024 (kommunenr text, name text, fylkenr text, fylke_name text,
                         population int, population_date date, lat text, lon text, source text,
                         name_official_2024 text, name_official_2026 text,
                         other_official_names text, admin_centre text);
\copy m2024 FROM PROGRAM 'cat "$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
INSERT INTO raw_codes SELECT 'municipalities_2024.csv', kommunenr FROM m2024;

CREATE TEMP TABLE raw_numbers (number text, source_kind text);
CREATE TEMP TABLE vec (number text, expected_valid boolean, kind text, source text);
\copy vec FROM PROGRAM 'cat "$BOSETTING_DATA/fnr_vectors.csv"' WITH (FORMAT csv, HEADER)
INSERT INTO raw_numbers SELECT number, kind FROM vec;

-- The typed tables a register would have: only valid values get in.
CREATE TEMP TABLE municipality_codes (code kommunenr);
INSERT INTO municipality_codes SELECT code::kommunenr FROM raw_codes WHERE kommunenr_is_valid(code);
CREATE TEMP TABLE person_numbers (number fnr);
INSERT INTO person_numbers SELECT number::fnr FROM raw_numbers WHERE fnr_is_valid(number);

\echo
\echo 'Municipality codes (kommunenr), per file:'
SELECT file, count(*) AS codes, count(DISTINCT code) AS distinct_codes,
       count(*) FILTER (WHERE kommunenr_is_valid(code)) AS valid,
       count(*) FILTER (WHERE NOT kommunenr_is_valid(code)) AS invalid
FROM raw_codes GROUP BY file ORDER BY file;
SELECT count(DISTINCT fylkenr(code)) AS county_numbers, min(code) AS lowest, max(code) AS highest
FROM municipality_codes;

\echo
\echo 'Fødselsnummer test vectors (fnr), by the kind bosetting reads from the number:'
SELECT coalesce(fnr_kind(n), 'rejected') AS kind, count(*) AS numbers,
       count(*) FILTER (WHERE NOT fnr_legacy_checksum(n)) AS only_valid_by_2032_rule,
       count(*) FILTER (WHERE n IS NOT NULL AND birth_date(n) IS NULL) AS no_birth_date
FROM (SELECT CASE WHEN fnr_is_valid(number) THEN number::fnr END AS n FROM raw_numbers) r
GROUP BY 1 ORDER BY 1;

\echo
\echo 'Why the rejected numbers were rejected:'
SELECT regexp_replace(fnr_invalid_reason(number), '[0-9]+', 'N', 'g') AS reason, count(*) AS numbers,
       min(number) AS example
FROM raw_numbers WHERE NOT fnr_is_valid(number)
GROUP BY 1 ORDER BY 2 DESC, 1;

\echo
\echo 'The verdicts that differ from the source''s own (and the rule that decides):'
SELECT number, source_kind, birth_date(number::fnr) AS read_as_born,
       CASE WHEN birth_date(number::fnr) > current_date
            THEN 'future birth dates are not rejected (a type''s input is IMMUTABLE)'
            ELSE 'D-number series widened in 2021 (the source predates it)' END AS rule
FROM raw_numbers JOIN vec USING (number)
WHERE fnr_is_valid(number) <> expected_valid
GROUP BY number, source_kind ORDER BY number;

\echo
\echo 'A rejected value names itself and the reason (SQLSTATE 22P02):'
\set VERBOSITY verbose
\set ON_ERROR_STOP 0
INSERT INTO person_numbers VALUES ('01137248081');
INSERT INTO municipality_codes VALUES ('2111');
\set ON_ERROR_STOP 1
\set VERBOSITY default
