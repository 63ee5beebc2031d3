-- 90_access: one role of each profile, and what each sees of the 2024
-- population: the caseworker everything, Oslo's municipality role only the
-- households booked in Oslo, the analyst counts and pseudonyms, never an
-- identifier (doc/access.md).
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== create_roles() (superuser, idempotent) and one login role per profile'
SELECT * FROM create_roles();
CREATE ROLE demo_admin LOGIN IN ROLE bosetting_admin;
CREATE ROLE demo_caseworker LOGIN IN ROLE bosetting_caseworker;
CREATE ROLE demo_oslo LOGIN IN ROLE bosetting_municipality;
CREATE ROLE demo_analyst LOGIN IN ROLE bosetting_analyst;
CREATE ROLE demo_research NOLOGIN;
GRANT demo_research TO demo_analyst;
SELECT grant_municipality('demo_oslo', '{0301}') AS oslo_mapped;

-- what a query gives when a role runs it (or its error)
CREATE FUNCTION pg_temp.seen_by(r text, q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE res text;
BEGIN
    EXECUTE format('SET LOCAL ROLE %I', r);
    EXECUTE q INTO res;
    EXECUTE 'RESET ROLE';
    RETURN res;
EXCEPTION WHEN others THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END $$;

\echo '== Side by side: what each profile sees of the 2024 register'
SELECT w.what,
       pg_temp.seen_by('demo_caseworker', w.q) AS caseworker,
       pg_temp.seen_by('demo_oslo', w.q) AS oslo_0301,
       pg_temp.seen_by('demo_analyst', w.q) AS analyst
  FROM (VALUES
    (1, 'households of 2024', 'SELECT count(*)::text FROM bosetting.household WHERE year = 2024'),
    (2, 'persons of 2024', 'SELECT count(*)::text FROM bosetting.person p JOIN bosetting.household h USING (household_id) WHERE h.year = 2024'),
    (3, 'municipalities with bookings', 'SELECT count(DISTINCT kommunenr)::text FROM bosetting.settlement WHERE year = 2024'),
    (4, 'one fnr', 'SELECT coalesce(min(fnr)::text, ''(none)'') FROM bosetting.person'),
    (5, 'decisions of 2024', 'SELECT count(*)::text FROM bosetting.decision WHERE year = 2024'),
    (6, 'remaining places', 'SELECT sum(remaining)::text FROM bosetting.remaining_capacity(2024) WHERE dimension = ''persons'''),
    (7, 'capacity check', 'SELECT count(*)::text || '' problems'' FROM bosetting.verify_capacity()'),
    (8, 'settled persons in the 2024 grant projection', 'SELECT sum(persons)::text FROM bosetting.grant_projection(2024, 2024) WHERE source = ''settled''')
  ) AS w(n, what, q)
 ORDER BY w.n;

\echo '== The analyst: a pseudonymised export (key made in the server by the administrator)'
SELECT pg_temp.seen_by('demo_admin', 'SELECT bosetting.new_export_key(''demo_research'')::text') AS key_number;
SET ROLE demo_analyst;
SELECT detail, count(*) AS persons, count(DISTINCT kommunenr) AS municipalities
  FROM export_persons('demo_research', 2024) GROUP BY 1 ORDER BY 1;
SELECT * FROM export_persons('demo_research', 2024) WHERE kommunenr = '0301' ORDER BY pseudonym LIMIT 5;
RESET ROLE;

\echo '== The demo roles are dropped again (the profiles stay)'
SELECT revoke_municipality('demo_oslo', '{0301}') AS oslo_unmapped;
DELETE FROM export_key WHERE recipient = 'demo_research'::regrole;
DROP ROLE demo_admin, demo_caseworker, demo_oslo, demo_analyst, demo_research;
