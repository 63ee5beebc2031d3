-- 45_population: the 2024 population that step 50 matches: step 20's
-- synthetic households topped up to about 12,000 waiting for the real 2024
-- council decisions, and the capacities no public source gives (dwellings,
-- kindergarten places) assumed.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== The 2024 population: step 20''s synthetic households (step 30 booked them by hand), topped up to 12,000 (seed 2050)'
SELECT households_added, persons_added, unaccompanied_minors
  FROM generate_population(2024, greatest(0, 12000 - (SELECT count(*) FROM household WHERE year = 2024))::int, 2050);
SELECT count(DISTINCT h.household_id) AS households, count(p.person_id) AS persons,
       count(DISTINCT h.household_id) FILTER (WHERE s.household_id IS NOT NULL) AS already_booked,
       count(DISTINCT h.household_id) FILTER (WHERE s.household_id IS NULL) AS waiting,
       (SELECT sum(decided) FROM decision WHERE year = 2024) AS decided_places,
       (SELECT sum(remaining) FROM remaining_capacity(2024) WHERE dimension = 'persons') AS places_left
  FROM household h JOIN person p USING (household_id)
  LEFT JOIN settlement s ON s.household_id = h.household_id AND s.status <> 'withdrawn'
 WHERE h.year = 2024;

\echo '== Dwellings and kindergarten places are in no public source: step 30 ASSUMED as many as decided persons;'
\echo '   any still missing are assumed here the same way'
INSERT INTO capacity (year, kommunenr, dimension, amount, source)
SELECT 2024, d.kommunenr, n.dimension, d.decided, 'demo assumption, no public source'
  FROM decision d CROSS JOIN (SELECT DISTINCT dimension FROM household_need) n
 WHERE d.year = 2024 AND d.decided > 0
ON CONFLICT DO NOTHING;
