-- 30_capacity: book the synthetic 2024 population (step 20) against the real
-- 2024 council decisions, one household at a time, as a caseworker would;
-- the capacity triggers keep every municipality within its decision.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== Extra capacity (dwellings, kindergarten places) is not in the public data:'
\echo '   the demo ASSUMES each municipality has as many of each as it decided persons'
INSERT INTO capacity (year, kommunenr, dimension, amount, source)
SELECT d.year, d.kommunenr, n.dimension, d.decided, 'demo assumption, no public source'
FROM decision d
CROSS JOIN (SELECT DISTINCT dimension FROM household_need) n
WHERE d.year = 2024 AND d.decided > 0;

\echo '== Booking each waiting household (one transaction each): its connection municipality if it has room,'
\echo '   else the one with most room left'
ANALYZE capacity_booked;
CREATE TEMP TABLE booking_log (household_id bigint, kommunenr kommunenr, outcome text);
DO $$
DECLARE
    h record;
    k bosetting.kommunenr;
BEGIN
    FOR h IN
        SELECT hh.household_id, hh.connection_kommunenr,
               count(p.person_id) AS persons, count(p.person_id) FILTER (WHERE p.unaccompanied_minor) AS minors
        FROM bosetting.household hh JOIN bosetting.person p USING (household_id)
        WHERE hh.year = 2024 GROUP BY hh.household_id ORDER BY hh.household_id
    LOOP
        -- the counters behind remaining_capacity(), read directly for speed
        SELECT b.kommunenr INTO k
        FROM bosetting.capacity_booked b
        WHERE b.year = 2024 AND b.dimension = 'persons' AND b.decided - b.booked >= h.persons
          AND (h.minors = 0 OR EXISTS (
                SELECT FROM bosetting.capacity_booked em
                WHERE em.year = 2024 AND em.kommunenr OPERATOR(bosetting.=) b.kommunenr
                  AND em.dimension = 'unaccompanied_minors' AND em.decided - em.booked >= h.minors))
        ORDER BY b.kommunenr OPERATOR(bosetting.=) h.connection_kommunenr IS TRUE DESC,
                 b.decided - b.booked DESC, b.kommunenr
        LIMIT 1;
        BEGIN
            INSERT INTO bosetting.settlement (household_id, year, kommunenr) VALUES (h.household_id, 2024, k);
            INSERT INTO booking_log VALUES (h.household_id, k, 'booked');
        EXCEPTION WHEN check_violation OR not_null_violation THEN
            INSERT INTO booking_log VALUES (h.household_id, k, 'no room');
        END;
        COMMIT;   -- one transaction per booking, as in real use
    END LOOP;
END;
$$;
SELECT outcome, count(*) AS households,
       count(*) FILTER (WHERE b.kommunenr OPERATOR(bosetting.=) h.connection_kommunenr) AS in_connection_municipality
FROM booking_log b JOIN household h USING (household_id) GROUP BY outcome ORDER BY outcome;

\echo '== Capacity per county, 2024 (persons against decided; unaccompanied minors against decided_em)'
WITH r AS (
    SELECT r.*, m.fylkenr
    FROM remaining_capacity(2024) r
    JOIN municipality m ON m.kommunenr = r.kommunenr AND m.valid_from <= '2024-12-31'
     AND coalesce(m.valid_to, 'infinity') >= '2024-01-01'
)
SELECT r.fylkenr, c.name AS county,
       sum(r.decided) FILTER (WHERE dimension = 'persons') AS decided,
       sum(r.booked) FILTER (WHERE dimension = 'persons') AS booked,
       sum(r.remaining) FILTER (WHERE dimension = 'persons') AS remaining,
       count(*) FILTER (WHERE dimension = 'persons' AND r.decided IS NULL) AS no_decision,
       sum(r.decided) FILTER (WHERE dimension = 'unaccompanied_minors') AS decided_em,
       sum(r.booked) FILTER (WHERE dimension = 'unaccompanied_minors') AS booked_em
FROM r JOIN county c ON c.fylkenr = r.fylkenr AND c.era_from <= '2024-01-01'
     AND coalesce(c.era_to, 'infinity') >= '2024-01-01'
GROUP BY ROLLUP ((r.fylkenr, c.name)) ORDER BY r.fylkenr NULLS LAST;

\echo '== A booking beyond capacity: the largest of 20 late households, into a municipality with too little room left'
SELECT households_added FROM generate_population(2024, 20, 4242) \gset
SELECT h.household_id AS late_household, count(*) AS late_persons
FROM household h JOIN person p USING (household_id)
WHERE h.household_id NOT IN (SELECT household_id FROM settlement)
GROUP BY h.household_id ORDER BY count(*) DESC, h.household_id LIMIT 1 \gset
SELECT r.kommunenr AS full_kommunenr, m.name AS full_name
FROM remaining_capacity(2024) r JOIN municipality m ON m.kommunenr = r.kommunenr AND m.valid_to IS NULL
WHERE r.dimension = 'persons' AND r.remaining < :late_persons
ORDER BY r.decided > 0 DESC, r.remaining DESC, r.kommunenr LIMIT 1 \gset
\echo '   household' :late_household 'with' :late_persons 'persons into' :full_kommunenr :full_name
\set ON_ERROR_STOP 0
INSERT INTO settlement (household_id, year, kommunenr) VALUES (:late_household, 2024, :'full_kommunenr');
\set ON_ERROR_STOP 1

\echo '== verify_capacity() recomputes every counter from the person rows: no disagreement'
SELECT count(*) AS problems FROM verify_capacity();
