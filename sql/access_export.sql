-- access_export: pseudonymised exports.  Keys are made by the server
-- (pg_strong_random) per recipient, readable only by the administrator;
-- pseudonyms are HMAC-SHA-256 (checked against an independent computation),
-- stable across exports, different per recipient and after rotation; every
-- published combination of municipality, birth year / age band, sex,
-- category and minor flag is shared by at least k persons.
SET search_path = bosetting, public;
BEGIN;
\i sql/include/access_fixture.psql
CREATE ROLE regress_research_a;   -- two recipients
CREATE ROLE regress_research_b;
GRANT regress_research_a, regress_research_b TO regress_analyst;

-- HMAC-SHA-256 is PostgreSQL's: RFC 4231 test case 1 (20 bytes 0x0b, "Hi There").
SELECT encode(bosetting._hmac_sha256(decode(repeat('0b', 20), 'hex'), 'Hi There'), 'hex')
     = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' AS rfc4231_case1;
SELECT pg_temp.error_of($$SELECT bosetting._hmac_sha256('short', 'x')$$);
-- Keys: 32 random bytes, one active per recipient; rotation retires the old.
SET ROLE regress_admin;
SELECT bosetting.new_export_key('regress_research_a') AS key_a1 \gset
SELECT bosetting.new_export_key('regress_research_b') AS key_b \gset
SELECT recipient, length(key) AS bytes, retired_at IS NULL AS active FROM bosetting.export_key ORDER BY key_id;
RESET ROLE;
SELECT count(DISTINCT key) AS distinct_keys FROM bosetting.export_key;

-- A bigger population for the k rule: 2031 persons of the fixture plus 300
-- synthetic ones spread over Oslo and Bergen (one household each).
UPDATE bosetting.decision SET decided = 400 WHERE year = 2031;
WITH h AS (INSERT INTO bosetting.household (year) SELECT 2031 FROM generate_series(1, 300) RETURNING household_id),
p AS (INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
      SELECT household_id, bosetting.synthetic_dufnr(2030, (household_id % 100000)::int),
             date '1950-06-01' + ((household_id * 7919) % 60)::int * 365, CASE WHEN household_id % 3 = 0 THEN 'male' ELSE 'female' END,
             CASE WHEN household_id % 5 = 0 THEN 'resettlement' ELSE 'asylum' END, false
        FROM h)
INSERT INTO bosetting.settlement (household_id, year, kommunenr, status)
SELECT household_id, 2031, CASE WHEN household_id % 4 = 0 THEN '4601' ELSE '0301' END::bosetting.kommunenr, 'settled' FROM h;

SET ROLE regress_analyst;
CREATE TEMP TABLE export_a1 AS SELECT * FROM bosetting.export_persons('regress_research_a', 2031);
CREATE TEMP TABLE export_a2 AS SELECT * FROM bosetting.export_persons('regress_research_a', 2031);
CREATE TEMP TABLE export_b AS SELECT * FROM bosetting.export_persons('regress_research_b', 2031);
RESET ROLE;
-- No identifier, no birth date: the columns of the export.
SELECT attname, atttypid::regtype FROM pg_attribute WHERE attrelid = 'export_a1'::regclass AND attnum > 0 ORDER BY attnum;
-- Every non-withdrawn person of 2031 once (or left out, counted in the notice).
SELECT count(*) AS exported, count(DISTINCT pseudonym) AS pseudonyms,
       (SELECT count(*) FROM bosetting.person p JOIN bosetting.settlement s USING (household_id)
         WHERE s.year = 2031 AND s.status <> 'withdrawn') AS persons
  FROM export_a1;
SELECT detail, count(*) FROM export_a1 GROUP BY 1 ORDER BY 1;
-- The pseudonym is HMAC-SHA-256 of the DUF number (else the fnr) under the key.
SELECT count(*) AS recomputed
  FROM export_a1 e JOIN bosetting.person p
    ON e.pseudonym = substr(encode(bosetting._hmac_sha256((SELECT key FROM bosetting.export_key WHERE key_id = :key_a1),
                                                         coalesce('dufnr:' || p.dufnr::text, 'fnr:' || p.fnr::text)), 'hex'), 1, 32);
-- Stable across exports with the same key; unlinkable between recipients.
SELECT count(*) AS same_in_second_export FROM export_a1 JOIN export_a2 USING (pseudonym);
SELECT count(*) AS shared_with_recipient_b FROM export_a1 JOIN export_b USING (pseudonym);
-- k-anonymity: every published combination is shared by at least k = 5
-- persons (no class below 5; the smallest class size shown).
SELECT min(n) AS smallest_class, count(*) FILTER (WHERE n < 5) AS classes_below_k
  FROM (SELECT count(*) AS n FROM export_a1
         GROUP BY kommunenr, birth_year, age_band, legal_sex, category, unaccompanied_minor, detail) c;
-- The rare cases: a household of three born in 1980 in Oslo's fixture, and
-- the only unaccompanied minor: no row with a birth year names them.
SELECT count(*) AS minors_with_birth_year FROM export_a1 WHERE unaccompanied_minor;
-- A municipality with fewer than k exported persons is left out (notice).
INSERT INTO bosetting.settlement (household_id, year, kommunenr, status)
SELECT id, 2031, '5001', 'settled' FROM hh WHERE name = 'waiting';
SET ROLE regress_analyst;
SELECT kommunenr, count(*) FROM bosetting.export_persons('regress_research_a', 2031, 5) GROUP BY 1 ORDER BY 1;
-- With a larger k more is coarsened.
SELECT detail, count(*) FROM bosetting.export_persons('regress_research_a', 2031, 20) GROUP BY 1 ORDER BY 1;
-- Bad input and someone else's key.
SELECT pg_temp.error_of($$SELECT * FROM bosetting.export_persons('regress_research_a', 2031, 1)$$);
SELECT pg_temp.error_of($$SELECT * FROM bosetting.export_persons('regress_kari', 2031)$$);
RESET ROLE;
-- Rotation: new pseudonyms for recipient a.
SET ROLE regress_admin;
SELECT bosetting.new_export_key('regress_research_a') > :key_a1 AS rotated;
SELECT recipient, retired_at IS NULL AS active FROM bosetting.export_key ORDER BY key_id;
RESET ROLE;
SET ROLE regress_analyst;
SELECT count(*) AS unchanged_after_rotation
  FROM export_a1 JOIN bosetting.export_persons('regress_research_a', 2031) x USING (pseudonym);
RESET ROLE;
-- The key never appears in the function definitions, statistics or the
-- statements' text: export_persons takes no key, and new_export_key() makes
-- it inside the server.
SELECT count(*) AS functions_with_a_key_argument FROM pg_proc
 WHERE pronamespace = 'bosetting'::regnamespace AND 'bytea'::regtype = ANY (proargtypes)
   AND proname NOT LIKE '\_%' AND proname NOT LIKE '%\_recv' AND proname NOT LIKE '%\_send';
ROLLBACK;
