-- report_grants: grant_projection() and the report_grants view over the real
-- register and a synthetic population settled in several years give exactly
-- the rows of the formulation before issue 13's speed-up (the reference in
-- sql/include/grant_projection_ref.psql).  Everything is rolled back.
SET search_path = bosetting, public;
BEGIN;
\o /dev/null
\i sql/include/register_load.psql
\o
\i sql/include/grant_projection_ref.psql

-- 600 synthetic households (of the 2024 population) settled in 2017, 2018,
-- 2022 and 2024, spread over the municipalities with decisions that year:
-- the per-municipality schemes (2017, 2022), år 1-5, the EM years, the
-- one-time grants, children born after their household was settled, and open
-- places (decided - settled).  Every 7th settlement has no settled_on (the
-- status change dates it, kept inside the year).
SELECT households_added, persons_added FROM generate_population(2024, 600, 13);
-- the register's triggers (capacity, validity) are not what is tested here
SET LOCAL session_replication_role = replica;
INSERT INTO settlement (household_id, year, kommunenr, status, settled_on)
SELECT h.household_id, h.year, m.kommunenr, 'settled',
       CASE WHEN h.n % 7 <> 0 THEN make_date(h.year, 1 + (h.n % 12)::int, 1 + (h.n % 28)::int) END
  FROM (SELECT household_id, (ARRAY[2017, 2018, 2022, 2024])[1 + n % 4] AS year, n
          FROM (SELECT household_id, row_number() OVER (ORDER BY household_id) AS n FROM household) a) h
  JOIN (SELECT year, kommunenr, row_number() OVER (PARTITION BY year ORDER BY kommunenr) AS i,
               count(*) OVER (PARTITION BY year) AS c
          FROM decision WHERE decided > 0) m
    ON m.year = h.year AND m.i = 1 + h.n * 7 % m.c;
RESET session_replication_role;
SELECT s.year, count(DISTINCT s.household_id) AS households, count(*) AS persons,
       count(*) FILTER (WHERE p.unaccompanied_minor) AS unaccompanied_minors,
       count(DISTINCT s.kommunenr) AS municipalities, count(*) FILTER (WHERE s.settled_on IS NULL) AS undated
  FROM settlement s JOIN person p USING (household_id) GROUP BY 1 ORDER BY 1;

-- The projection over several ranges against the reference, both ways.
CREATE TEMP TABLE ranges (f int, t int);
INSERT INTO ranges VALUES (2017, 2017), (2017, 2029), (2022, 2022), (2030, 2031);
CREATE TEMP TABLE proj AS SELECT r.f, r.t, g.* FROM ranges r, LATERAL grant_projection(r.f, r.t) g;
CREATE TEMP TABLE proj_ref AS SELECT r.f, r.t, g.* FROM ranges r, LATERAL pg_temp.grant_projection_ref(r.f, r.t) g;
SELECT r.f AS from_year, r.t AS to_year,
       (SELECT count(*) FROM proj p WHERE (p.f, p.t) = (r.f, r.t)) AS rows,
       (SELECT count(DISTINCT source) FROM proj p WHERE (p.f, p.t) = (r.f, r.t)) AS sources,
       (SELECT count(*) FROM ((SELECT * FROM proj p WHERE (p.f, p.t) = (r.f, r.t))
                              EXCEPT ALL (SELECT * FROM proj_ref p WHERE (p.f, p.t) = (r.f, r.t))) x) AS not_in_reference,
       (SELECT count(*) FROM ((SELECT * FROM proj_ref p WHERE (p.f, p.t) = (r.f, r.t))
                              EXCEPT ALL (SELECT * FROM proj p WHERE (p.f, p.t) = (r.f, r.t))) x) AS missing
  FROM ranges r ORDER BY 1, 2;
-- The rows themselves, in sums (a change of rule shows here too).
SELECT budget_year, source, count(*) AS rows, sum(persons) AS persons, sum(amount) AS amount
  FROM proj WHERE (f, t) = (2017, 2029) GROUP BY 1, 2 ORDER BY 1, 2;
-- In a budget year, the settled and decision-table rows are municipality_grants().
SELECT y AS budget_year,
       (SELECT count(*) FROM ((SELECT kommunenr, scheme, persons, amount, rate_basis FROM municipality_grants(y))
                              EXCEPT ALL (SELECT kommunenr, scheme, persons, amount, rate_basis
                                            FROM grant_projection(y, y) WHERE source <> 'open places')) x) AS not_in_projection,
       (SELECT count(*) FROM ((SELECT kommunenr, scheme, persons, amount, rate_basis
                                 FROM grant_projection(y, y) WHERE source <> 'open places')
                              EXCEPT ALL (SELECT kommunenr, scheme, persons, amount, rate_basis FROM municipality_grants(y))) x) AS not_in_municipality_grants
  FROM unnest(ARRAY[2017, 2018, 2022, 2024]) y;

-- report_grants: the reference over the same years (the first settlement
-- year to 4 years after the last decision year), with 1-4 persons hidden.
CREATE TEMP TABLE report_ref AS
SELECT g.budget_year, g.kommunenr::text AS kommunenr, g.source, g.scheme,
       CASE WHEN g.persons >= 5 OR g.persons = 0 THEN g.persons END AS persons,
       CASE WHEN g.persons >= 5 OR g.persons = 0 THEN g.amount END AS amount,
       g.persons BETWEEN 1 AND 4 AS suppressed, g.rate_basis
  FROM pg_temp.grant_projection_ref((SELECT min(year) FROM settlement WHERE status = 'settled'),
                                    (SELECT max(year) + 4 FROM decision)) g;
SELECT count(*) AS rows, count(*) FILTER (WHERE suppressed) AS hidden,
       (SELECT count(*) FROM ((SELECT budget_year, kommunenr, source, scheme, persons, amount, suppressed, rate_basis
                                 FROM report_grants) EXCEPT ALL (SELECT * FROM report_ref)) x) AS not_in_reference,
       (SELECT count(*) FROM ((SELECT * FROM report_ref) EXCEPT ALL
                              (SELECT budget_year, kommunenr, source, scheme, persons, amount, suppressed, rate_basis
                                 FROM report_grants)) x) AS missing
  FROM report_grants;
ROLLBACK;
