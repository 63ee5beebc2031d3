-- types_kommunenr: the kommunenr type against the register files of
-- ../shared/data (read at run time): every code of every era is accepted,
-- exactly the codes whose county existed, and the county eras match.
SET search_path = bosetting, public;
SET datestyle = ISO;
\pset null '(null)'

\i sql/include/error_of.psql

SELECT '0301'::kommunenr AS oslo, '9999'::kommunenr AS uoppgitt, fylkenr('0301'),
       fylkenr('5001'), fylkenr('9999'), ('1301'::kommunenr)::text AS bergen_1838;

SELECT q, pg_temp.error_of(format('SELECT %L::bosetting.kommunenr', q))
FROM (VALUES ('301'), ('03010'), ('03a1'), (' 301'), (''), ('2111'), ('2211'),
             ('2701'), ('6001'), ('9901')) AS t(q);

-- Every code in the change history and the 2024 register is accepted.
CREATE TEMP TABLE changes (valid_from date, old_kommunenr text, old_name text,
                           new_kommunenr text, new_name text, note text, source text);
\copy changes FROM PROGRAM 'cat "$BOSETTING_DATA/kommunenr_changes.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE m2024 (kommunenr text, name text, fylkenr text, fylke_name text,
                         population int, population_date date, lat text, lon text, source text,
                         name_official_2024 text, name_official_2026 text,
                         other_official_names text, admin_centre text);
\copy m2024 FROM PROGRAM 'cat "$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
WITH codes AS (
    SELECT old_kommunenr AS code FROM changes UNION SELECT new_kommunenr FROM changes
)
SELECT count(*) AS codes_in_history, count(*) FILTER (WHERE kommunenr_is_valid(code)) AS accepted,
       array_agg(code ORDER BY code) FILTER (WHERE NOT kommunenr_is_valid(code)) AS rejected
FROM codes;
SELECT count(*) AS codes_2024, count(*) FILTER (WHERE kommunenr_is_valid(kommunenr)) AS accepted,
       count(*) FILTER (WHERE fylkenr(kommunenr::kommunenr) = fylkenr) AS county_matches
FROM m2024;

-- The county sets of every era equal ../shared/data/fylker_by_era.csv: for
-- each era, the counties valid on its first and last day.
CREATE TEMP TABLE eras (era_from date, era_to date, fylkenr text, fylke_name text,
                        ssb_label_with_sami_forms text, municipalities int,
                        municipalities_counted_at text);
\copy eras FROM PROGRAM 'cat "$BOSETTING_DATA/fylker_by_era.csv"' WITH (FORMAT csv, HEADER)
WITH days AS (
    SELECT DISTINCT era_from AS day FROM eras
    UNION SELECT DISTINCT coalesce(era_to, DATE '2100-01-01') FROM eras
), ours AS (
    SELECT day, lpad(c::text, 2, '0') AS fylkenr
    FROM days, generate_series(0, 99) AS c
    WHERE fylkenr_valid_on(lpad(c::text, 2, '0'), day)
), theirs AS (
    SELECT day, fylkenr FROM days JOIN eras
        ON day BETWEEN era_from AND coalesce(era_to, DATE '2100-01-01')
)
SELECT day, (SELECT count(*) FROM theirs t WHERE t.day = d.day) AS counties,
       ARRAY(SELECT fylkenr FROM ours o WHERE o.day = d.day EXCEPT SELECT fylkenr FROM theirs t WHERE t.day = d.day) AS only_bosetting,
       ARRAY(SELECT fylkenr FROM theirs t WHERE t.day = d.day EXCEPT SELECT fylkenr FROM ours o WHERE o.day = d.day) AS only_csv
FROM days d ORDER BY day;

-- All 10,000 four-digit codes: accepted exactly when the county part is in
-- the CSV (any era) or the code is 9999.
SELECT count(*) FILTER (WHERE kommunenr_is_valid(code) <> (substr(code, 1, 2) IN (SELECT fylkenr FROM eras) OR code = '9999')) AS disagreements,
       count(*) FILTER (WHERE kommunenr_is_valid(code)) AS accepted
FROM (SELECT lpad(i::text, 4, '0') AS code FROM generate_series(0, 9999) AS i) AS t;

-- Operators, index, hash partitioning, binary I/O.
CREATE TEMP TABLE kn (k kommunenr PRIMARY KEY);
INSERT INTO kn SELECT kommunenr::kommunenr FROM m2024;
SELECT min(k), max(k), count(*) FILTER (WHERE k < '1101') AS before_rogaland FROM kn;
CREATE TEMP TABLE kn_hash (k kommunenr) PARTITION BY HASH (k);
CREATE TEMP TABLE kn_hash_0 PARTITION OF kn_hash FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE kn_hash_1 PARTITION OF kn_hash FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO kn_hash SELECT k FROM kn;
SELECT (SELECT count(*) FROM kn_hash) AS rows_partitioned;
\copy kn TO PROGRAM 'cat > "$BOSETTING_WORK/kn.bin"' WITH (FORMAT binary)
CREATE TEMP TABLE kn_copy (k kommunenr);
\copy kn_copy FROM PROGRAM 'cat "$BOSETTING_WORK/kn.bin"' WITH (FORMAT binary)
SELECT count(*) AS copied, count(*) FILTER (WHERE k IN (SELECT k FROM kn)) AS identical FROM kn_copy;
CREATE TEMP TABLE raw_int2 (v int2);
INSERT INTO raw_int2 VALUES (2111);
\copy raw_int2 TO PROGRAM 'cat > "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
\copy kn_copy FROM PROGRAM 'cat "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
