-- register_population: generate_population() is reproducible, writes valid
-- synthetic identifiers only, and its proportions follow the published
-- national figures it is built from.
SET search_path = bosetting, public;
\set VERBOSITY terse
BEGIN;
SET client_min_messages = warning;
\i sql/include/register_load.psql
RESET client_min_messages;
CREATE TEMP VIEW population_digest AS
SELECT md5(string_agg(concat_ws(',', h.year, h.reception_kommunenr, h.permit_date, h.connection_kommunenr,
                                p.fnr, p.dufnr, p.birth_date, p.legal_sex, p.category, p.unaccompanied_minor, p.needs),
                      '|' ORDER BY h.household_id, p.person_id)) AS digest
FROM household h JOIN person p USING (household_id);

SAVEPOINT empty;
SELECT * FROM generate_population(2024, 1500, 42);
SELECT digest AS first_digest FROM population_digest \gset
-- Synthetic identifiers only, each valid for its type and matching the birth date.
SELECT count(*) AS persons,
       count(*) FILTER (WHERE fnr IS NOT NULL AND fnr_kind(fnr) <> 'synthetic') AS fnr_not_synthetic,
       count(*) FILTER (WHERE fnr IS NOT NULL AND birth_date(fnr) <> birth_date) AS fnr_wrong_birth_date,
       count(*) FILTER (WHERE fnr IS NOT NULL AND NOT fnr_is_valid(fnr::text)) AS fnr_invalid,
       count(*) FILTER (WHERE NOT dufnr_is_valid(dufnr::text)) AS dufnr_invalid,
       count(*) FILTER (WHERE dufnr_year(dufnr) > extract(year FROM h.permit_date)) AS dufnr_after_permit
FROM person p JOIN household h USING (household_id);
-- Households: everyone in one; minors alone and 13-17 at the permit.
SELECT count(*) FILTER (WHERE n = 0) AS empty_households,
       count(*) FILTER (WHERE em > 0 AND n > 1) AS minors_not_alone
FROM (SELECT h.household_id, count(p.person_id) AS n, count(*) FILTER (WHERE p.unaccompanied_minor) AS em
      FROM household h LEFT JOIN person p USING (household_id) GROUP BY h.household_id) s;
SELECT min(extract(year FROM age(h.permit_date, p.birth_date))) AS em_min_age,
       max(extract(year FROM age(h.permit_date, p.birth_date))) AS em_max_age
FROM person p JOIN household h USING (household_id) WHERE p.unaccompanied_minor;
-- Proportions: collective protection 2024 = 22 244 / 25 573 (0.87) of persons,
-- unaccompanied minors 1 %, permits from 1 July 2023 to 30 September 2024.
SELECT round(avg((category = 'collective_protection')::int), 2) BETWEEN 0.83 AND 0.91 AS collective_share_ok,
       avg(unaccompanied_minor::int) BETWEEN 0.005 AND 0.02 AS em_share_ok,
       count(*) FILTER (WHERE category = 'resettlement') > 0 AS has_resettlement,
       count(*) FILTER (WHERE birth_date > current_date - 0) = 0 AS no_future_births
FROM person;
SELECT min(permit_date) >= '2023-07-01' AND max(permit_date) <= '2024-09-30' AS permits_in_window,
       count(*) FILTER (WHERE connection_kommunenr IS NOT NULL) BETWEEN 150 AND 450 AS some_connections,
       count(*) FILTER (WHERE reception_kommunenr IS NULL) > 0 AS resettled_from_abroad,
       count(DISTINCT reception_kommunenr) > 50 AS spread_over_municipalities
FROM household;
SELECT avg(n) BETWEEN 2 AND 3 AS mean_size_2_to_3, max(n) <= 11 AS max_size_ok
FROM (SELECT count(*) AS n FROM person GROUP BY household_id) s;
SELECT dimension ~ '^(dwelling_[1-4]_rooms|kindergarten)$' AS known_dimension, count(DISTINCT dimension)
FROM household_need GROUP BY 1;

-- Same seed, same population; another seed, another.
ROLLBACK TO SAVEPOINT empty;
SELECT households_added, persons_added FROM generate_population(2024, 1500, 42);
SELECT (SELECT digest FROM population_digest) = :'first_digest' AS same_seed_same_population;
ROLLBACK TO SAVEPOINT empty;
SELECT households_added FROM generate_population(2024, 1500, 43);
SELECT (SELECT digest FROM population_digest) <> :'first_digest' AS other_seed_other_population;
-- A second batch in the same database never repeats an identifier.
SELECT households_added FROM generate_population(2024, 1500, 43);
SELECT count(*) = count(DISTINCT dufnr) AS dufnr_unique, count(fnr) = count(DISTINCT fnr) AS fnr_unique FROM person;
-- Options override the assumptions; bad ones are refused.
ROLLBACK TO SAVEPOINT empty;
SELECT unaccompanied_minors = persons_added AS all_minors
FROM generate_population(2016, 50, 1, '{"unaccompanied_share": 1}');
SELECT count(*) FILTER (WHERE category = 'collective_protection') AS collective_2016 FROM person;
ROLLBACK;
SELECT * FROM generate_population(2024, -1, 1);
SELECT * FROM generate_population(2024, 10, 1, '{"couple_share": 0.9, "single_adult_share": 0.5}');
SELECT * FROM generate_population(1800, 10, 1);
SELECT * FROM generate_population(2024, 10, 1);   -- no register loaded

-- The identifier helpers.
SELECT synthetic_fnr('1990-01-01', 0), fnr_kind(synthetic_fnr('1990-01-01', 0)),
       birth_date(synthetic_fnr('2012-02-29', 7)), synthetic_dufnr(2010, 172382);
SELECT synthetic_fnr('1850-01-01', 0);
SELECT synthetic_uniform(42, 1) = synthetic_uniform(42, 1) AS stable, synthetic_uniform(42, 1) <> synthetic_uniform(43, 1) AS seeded;
