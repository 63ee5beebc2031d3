-- fuzz_regressions: inputs the fuzzer (test/fuzz) found interesting, through
-- the SQL types; each must give a clean 22P02 or a valid value.
SET search_path = bosetting, public;

-- The printable inputs of test/fuzz/corpus (the seeds and what `make fuzz`
-- found worth keeping); every one either parses and prints back, or gets a
-- reason.  test/unit/test_fuzz_corpus replays all of them, bytes included.
CREATE TEMP TABLE inputs (s text);
INSERT INTO inputs VALUES
    ('0'),
    ('01014061408'),
    ('03411665401'),
    ('03851598730'),
    ('0821'),
    ('11829292965'),
    ('11829292981'),
    ('11829952965'),
    ('11829957665'),
    ('2010 172382 03'),
    ('201017238203'),
    ('2111'),
    ('251227  8#(3'),
    ('282017238203'),
    ('2@10 172382 (3'),
    ('301;829994q'),
    ('31046740583'),
    ('31125934857'),
    ('311299 56715'),
    ('311299 56I15'),
    ('31129956715'),
    ('31820021927'),
    ('31822857518'),
    ('31822857607'),
    ('31829795615'),
    ('31829957607'),
    ('31829957615'),
    ('41014030539'),
    ('41014061078'),
    ('41040167089'),
    ('41670018049'),
    ('41670410089'),
    ('41R014061078'),
    ('51085958090'),
    ('59912157665'),
    ('71021029089'),
    ('71021450809'),
    ('81234567802'),
    ('9999'),
    ('9;99');
SELECT s,
       coalesce(fnr_invalid_reason(s), 'valid: ' || s::fnr::text) AS as_fnr,
       coalesce(dufnr_invalid_reason(s), 'valid: ' || s::dufnr::text) AS as_dufnr,
       coalesce(kommunenr_invalid_reason(s), 'valid: ' || s::kommunenr::text) AS as_kommunenr
FROM inputs ORDER BY s;
-- Valid values print back as their digits, and their wire format is those
-- digits as a big-endian integer.
SELECT count(*) FILTER (WHERE fnr_is_valid(s)) AS fnr_valid,
       count(*) FILTER (WHERE fnr_is_valid(s) AND s::fnr::text = replace(s, ' ', '')
                          AND fnr_send(s::fnr) = int8send(replace(s, ' ', '')::int8)) AS fnr_round_trip,
       count(*) FILTER (WHERE dufnr_is_valid(s)) AS dufnr_valid,
       count(*) FILTER (WHERE dufnr_is_valid(s) AND s::dufnr::text = replace(s, ' ', '')
                          AND dufnr_send(s::dufnr) = int8send(replace(s, ' ', '')::int8)) AS dufnr_round_trip,
       count(*) FILTER (WHERE kommunenr_is_valid(s)) AS kommunenr_valid,
       count(*) FILTER (WHERE kommunenr_is_valid(s) AND s::kommunenr::text = s
                          AND kommunenr_send(s::kommunenr) = int2send(s::int2)) AS kommunenr_round_trip
FROM inputs;
