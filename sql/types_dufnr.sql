-- types_dufnr: the dufnr type against ../shared/data/duf_vectors.csv, bad
-- input, binary I/O and operators.
SET search_path = bosetting, public;
SET datestyle = ISO;
\pset null '(null)'

\i sql/include/error_of.psql
-- Values in full in this file's messages (masking: sql/security_inputs.sql).
SET bosetting.mask_identifiers = off;

SELECT '201017238203'::dufnr AS plain, '2010 172382 03'::dufnr AS spaced,
       dufnr_year('200816832910'), ('200816832910'::dufnr)::text AS as_text;

SELECT q, pg_temp.error_of(format('SELECT %L::bosetting.dufnr', q))
FROM (VALUES ('20101723820'), ('2010172382033'), ('2010 1723820 3'), ('2010-172382-03'),
             ('201017238204'), ('201258697561'), ('ABCDEFGHIJKL'),
             ('000000000000'),     -- serial 000000: passes the check, refused
             ('201000000000'),     -- the same in 2010
             ('201017238203 '),    -- a trailing space
             ('2010172382ø3')) AS t(q);
-- Serial 000001 is the first serial accepted.
SELECT '201000000105'::dufnr AS first_serial, dufnr_invalid_reason('000000000000');

-- Every vector: the verdict of the rule, and the reason for each rejection.
CREATE TEMP TABLE vec (number text, expected_valid boolean, kind text, source text);
\copy vec FROM PROGRAM 'cat "$BOSETTING_DATA/duf_vectors.csv"' WITH (FORMAT csv, HEADER)
SELECT number, kind, expected_valid, dufnr_is_valid(number) AS bosetting,
       dufnr_invalid_reason(number) AS reason
FROM vec ORDER BY number;
SELECT count(*) FILTER (WHERE dufnr_is_valid(number) <> expected_valid) AS disagreements FROM vec;

-- Operators and binary input.
SELECT '200816832910'::dufnr < '201017238203'::dufnr AS lt,
       '2010 172382 03'::dufnr = '201017238203'::dufnr AS eq;
CREATE TEMP TABLE ids (id dufnr PRIMARY KEY);
INSERT INTO ids SELECT number::dufnr FROM vec WHERE dufnr_is_valid(number);
\copy ids TO PROGRAM 'cat > "$BOSETTING_WORK/duf.bin"' WITH (FORMAT binary)
CREATE TEMP TABLE ids_copy (id dufnr);
\copy ids_copy FROM PROGRAM 'cat "$BOSETTING_WORK/duf.bin"' WITH (FORMAT binary)
SELECT count(*) AS copied, count(*) FILTER (WHERE id IN (SELECT id FROM ids)) AS identical FROM ids_copy;
CREATE TEMP TABLE raw_int8 (v int8);
INSERT INTO raw_int8 VALUES (201012345678);
\copy raw_int8 TO PROGRAM 'cat > "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
\copy ids_copy FROM PROGRAM 'cat "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
