-- types_fnr: the fnr type: input and output, every kind of bad input with
-- its SQLSTATE and reason, the vectors of ../shared/data read at run time,
-- binary I/O, operators, indexes and partitioning.
SET search_path = bosetting, public;
SET datestyle = ISO;
\pset null '(null)'

\i sql/include/error_of.psql
-- Values in full in this file's messages (masking: sql/security_inputs.sql).
SET bosetting.mask_identifiers = off;

-- Input, output, the spaced form, casts.
SELECT '31129956715'::fnr AS plain, '311299 56715'::fnr AS spaced,
       ('31129956715'::fnr)::text AS as_text;

-- Bad input: 22P02 with the value and the reason.
SELECT q, pg_temp.error_of(format('SELECT %L::bosetting.fnr', q))
FROM (VALUES ('3112995671'), ('311299567150'), (''), ('1234567891A'),
             ('3112995 6715'), ('31129956716'), ('31129956725'),
             ('01137248081'),      -- month 13, check digits right
             ('32019912328'),      -- day 32 (2032 rule)
             ('30029912331'),      -- 30 February
             ('29020012380'),      -- 29 February 1900 (individnr 123: 1900s)
             ('29020112318'),      -- 29 February 01, century unknown (2032 rule)
             ('31129956715 '),     -- a trailing space
             (' 31129956715'),     -- a leading space
             ('3112995671é'),      -- 11 characters, 12 bytes
             ('311299567é'),       -- 10 characters, 11 bytes
             ('15407300685'),      -- month 40
             ('41654061783'),      -- month 65 (NHN synthetic is 66-77)
             (repeat('9', 100))) AS t(q);

-- Outside the century table (issue 10 item 7): the check digits are valid
-- and the date exists, so the number is accepted; it tells no birth date,
-- keeps its kind, and fails only fnr_strict (0.1's rule, for a CHECK).
SELECT n, birth_date(n::fnr), fnr_kind(n::fnr), fnr_legacy_checksum(n::fnr), fnr_strict(n::fnr)
FROM (VALUES ('01015780009'),      -- individnr 800 with year 57: no row of the table
             ('45014054018'),      -- D-number individnr 540 with year 40
             ('31129956715'),      -- in the table: 1899
             ('30108299939')) AS t(n);   -- 2032 rule only: strict too
CREATE TEMP TABLE strict_ids (id fnr CHECK (fnr_strict(id)));
INSERT INTO strict_ids VALUES ('31129956715');
SELECT pg_temp.error_of($$INSERT INTO strict_ids VALUES ('01015780009')$$);
DROP TABLE strict_ids;

-- Leap days: 1996 (old rule), 96 with the century unknown (2032 rule).
SELECT n, birth_date(n::fnr), fnr_legacy_checksum(n::fnr)
FROM (VALUES ('29029648784'), ('29029612348')) AS t(n);

-- Kinds, birth dates, and Skatteetaten's 2032 examples.
SELECT n, fnr_kind(n::fnr), birth_date(n::fnr), fnr_legacy_checksum(n::fnr)
FROM (VALUES ('31129956715'), ('41014061078'), ('01415612385'), ('03851598730'),
             ('41664061188'), ('81234567802'), ('68467038838'),
             ('02013299997'), ('30108299920'), ('30108299939'), ('30908299902'))
     AS t(n);

-- The validators never raise.
SELECT fnr_is_valid('31129956715'), fnr_is_valid('31129956716'), fnr_is_valid(''),
       fnr_is_valid(NULL), fnr_invalid_reason('31129956715'),
       fnr_invalid_reason('3112995671');

-- Every vector of ../shared/data/fnr_vectors.csv: the verdict of the rules.
CREATE TEMP TABLE vec (number text, expected_valid boolean, kind text, source text);
\copy vec FROM PROGRAM 'cat "$BOSETTING_DATA/fnr_vectors.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) AS vectors,
       count(*) FILTER (WHERE fnr_is_valid(number) = expected_valid) AS agree,
       count(*) FILTER (WHERE fnr_is_valid(number) <> expected_valid) AS disagree
FROM vec;

-- Where the verdict differs from the source's, the rule that decides.  The
-- rule is derived from the number, not from the row.
SELECT number, kind AS source_kind, expected_valid AS source, fnr_is_valid(number) AS bosetting,
       birth_date(number::fnr),
       CASE
           WHEN birth_date(number::fnr) > current_date
               THEN 'future birth dates are not rejected: a type''s input must be IMMUTABLE'
           WHEN NOT fnr_strict(number::fnr)
               THEN 'outside the century table: accepted without a birth date (issue 10 item 7)'
           WHEN fnr_kind(number::fnr) = 'dnr' AND substr(number, 7, 3)::int BETWEEN 500 AND 599
               THEN 'D-number series 2021: individnr 500-599 with year >= 58 is 1858-1899'
           WHEN fnr_kind(number::fnr) = 'dnr' AND substr(number, 7, 3)::int >= 600
               THEN 'D-number series 2021: individnr 600-999 with year >= 40 is 1940-1999'
           ELSE 'UNEXPLAINED'
       END AS deciding_rule
FROM vec
WHERE fnr_is_valid(number) <> expected_valid
ORDER BY number;

-- Valid vectors by kind and rule; vectors valid only under the 2032 rule.
SELECT fnr_kind(number::fnr) AS kind, fnr_legacy_checksum(number::fnr) AS old_rule_too,
       count(DISTINCT number) AS numbers
FROM vec WHERE fnr_is_valid(number)
GROUP BY 1, 2 ORDER BY 1, 2;

-- Every rejected vector and its reason.
SELECT DISTINCT number, fnr_invalid_reason(number) AS reason
FROM vec WHERE NOT fnr_is_valid(number)
ORDER BY reason, number;

-- Birth dates against ../shared/data/fnr_birthdate_vectors.csv.
CREATE TEMP TABLE bvec (number text, expected_birth_date date, asserted_part text,
                        kind text, checksums_valid_old_rule boolean, source text);
\copy bvec FROM PROGRAM 'cat "$BOSETTING_DATA/fnr_birthdate_vectors.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) AS vectors,
       count(*) FILTER (WHERE fnr_is_valid(number) AND CASE asserted_part
           WHEN 'date' THEN birth_date(number::fnr) = expected_birth_date
           WHEN 'year' THEN extract(year FROM birth_date(number::fnr)) = extract(year FROM expected_birth_date)
           ELSE extract(year FROM birth_date(number::fnr)) / 100 = extract(year FROM expected_birth_date) / 100
       END) AS agree
FROM bvec;
SELECT number, asserted_part, expected_birth_date,
       CASE WHEN fnr_is_valid(number) THEN birth_date(number::fnr)::text
            ELSE fnr_invalid_reason(number) END AS bosetting,
       CASE
           WHEN NOT checksums_valid_old_rule
               THEN 'check digits invalid: the source tests date logic only'
           WHEN fnr_kind(number::fnr) = 'dnr' AND substr(number, 7, 3)::int BETWEEN 200 AND 499
               THEN 'D-number series 2021: individnr 200-499 with year <= 39 is 2000-2039'
           ELSE 'UNEXPLAINED'
       END AS deciding_rule
FROM bvec
WHERE NOT fnr_is_valid(number) OR CASE asserted_part
           WHEN 'date' THEN birth_date(number::fnr) IS DISTINCT FROM expected_birth_date
           WHEN 'year' THEN extract(year FROM birth_date(number::fnr)) IS DISTINCT FROM extract(year FROM expected_birth_date)
           ELSE extract(year FROM birth_date(number::fnr)) / 100 IS DISTINCT FROM extract(year FROM expected_birth_date) / 100
       END
ORDER BY number;

-- Operators, ordering, btree and hash use.
CREATE TEMP TABLE person_ids (id fnr PRIMARY KEY);
INSERT INTO person_ids SELECT DISTINCT number::fnr FROM vec WHERE fnr_is_valid(number);
SELECT count(*) FROM person_ids;
SELECT '01019912345'::text < '31129956715'::text AS text_order,
       '31129956715'::fnr > '02013299997'::fnr AS gt, '31129956715'::fnr = '311299 56715'::fnr AS eq,
       '31129956715'::fnr <> '02013299997'::fnr AS ne, '02013299997'::fnr <= '02013299997'::fnr AS le,
       '02013299997'::fnr >= '31129956715'::fnr AS ge;
SELECT (SELECT min(id) FROM person_ids) AS min, (SELECT max(id) FROM person_ids) AS max;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM person_ids WHERE id = '02013299997';
SELECT * FROM person_ids WHERE id = '02013299997';
RESET enable_seqscan;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM person_ids a JOIN person_ids b USING (id);
SELECT count(*) FROM person_ids a JOIN person_ids b USING (id);
RESET enable_mergejoin;
SELECT count(DISTINCT id) FROM person_ids;

-- Hash partitioning needs support function 2 of the hash operator class.
CREATE TEMP TABLE by_hash (id fnr) PARTITION BY HASH (id);
CREATE TEMP TABLE by_hash_0 PARTITION OF by_hash FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE by_hash_1 PARTITION OF by_hash FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO by_hash SELECT id FROM person_ids;
SELECT (SELECT count(*) FROM by_hash_0) > 0 AND (SELECT count(*) FROM by_hash_1) > 0 AS both_used,
       (SELECT count(*) FROM by_hash) = (SELECT count(*) FROM person_ids) AS none_lost;

-- Binary COPY round trip, and binary input validated like text input.
\copy person_ids TO PROGRAM 'cat > "$BOSETTING_WORK/fnr.bin"' WITH (FORMAT binary)
CREATE TEMP TABLE person_ids_copy (id fnr);
\copy person_ids_copy FROM PROGRAM 'cat "$BOSETTING_WORK/fnr.bin"' WITH (FORMAT binary)
SELECT count(*) AS copied, count(*) FILTER (WHERE id IN (SELECT id FROM person_ids)) AS identical
FROM person_ids_copy;
CREATE TEMP TABLE raw_int8 (v int8);
INSERT INTO raw_int8 VALUES (31129956716);
\copy raw_int8 TO PROGRAM 'cat > "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
\copy person_ids_copy FROM PROGRAM 'cat "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
TRUNCATE raw_int8;
INSERT INTO raw_int8 VALUES (-5);
\copy raw_int8 TO PROGRAM 'cat > "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
\copy person_ids_copy FROM PROGRAM 'cat "$BOSETTING_WORK/bad.bin"' WITH (FORMAT binary)
