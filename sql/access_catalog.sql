-- access_catalog: every table, view, sequence and function of the extension
-- has a privilege decision for PUBLIC and each profile (src/access/rules.sql),
-- create_roles() grants exactly those, person-level tables have row-level
-- security, and the SECURITY DEFINER functions are listed (README, "Access").
SET search_path = bosetting, public;
\i sql/include/error_of.psql

-- Objects without a decision: this lists each one by name (none expected).
SELECT kind, object AS "no access decision for" FROM access_decisions() WHERE rule IS NULL;

-- SECURITY DEFINER functions, each justified in the README; each has a fixed
-- search_path.
SELECT p.oid::regprocedure AS security_definer, p.proconfig
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'bosetting'
 WHERE d.deptype = 'e' AND p.prosecdef ORDER BY 1::text;

-- PUBLIC may execute only the identifier types' functions and the policy
-- helpers, and read only the (own rows of the) mapping table; the catalog
-- agrees with the rules (no object differs).
SELECT kind, count(*) AS public, string_agg(object, ', ') FILTER (WHERE object !~ '^bosetting\.(fnr|dufnr|kommunenr|min|max|birth_date|fylkenr)') AS other
  FROM access_decisions() WHERE everyone <> '' GROUP BY 1 ORDER BY 1;
SELECT x.object AS "PUBLIC privilege differs from the rule"
  FROM access_decisions() x
 WHERE x.kind = 'function'
   AND has_function_privilege('public', x.object, 'EXECUTE') <> (x.everyone = 'EXECUTE')
UNION ALL
SELECT x.object FROM access_decisions() x
 WHERE x.kind IN ('table', 'view', 'sequence')
   AND EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) a
                WHERE c.oid = x.object::regclass AND a.grantee = 0) <> (x.everyone <> '');

-- Trigger functions and internal helpers (_*) are not executable by PUBLIC.
SELECT p.oid::regprocedure AS "executable by PUBLIC"
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'bosetting'
 WHERE d.deptype = 'e' AND (p.prorettype = 'trigger'::regtype OR p.proname LIKE '\_%')
   AND has_function_privilege('public', p.oid, 'EXECUTE');

-- Every table of the extension with person-level rows (a household, person
-- or settlement column) or per-municipality rows a municipality may change
-- has row-level security, none is FORCEd (the capacity triggers run as the
-- owner and must see every row).
SELECT c.relname AS "person-level table without row-level security"
  FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'bosetting'
 WHERE d.deptype = 'e' AND c.relkind = 'r' AND NOT c.relrowsecurity
   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
                AND a.attname IN ('household_id', 'person_id', 'settlement_id', 'fnr', 'dufnr'));
SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
       string_agg(p.polname || CASE p.polcmd WHEN '*' THEN '' WHEN 'r' THEN ' (SELECT)' ELSE ' (' || p.polcmd::text || ')' END
                  || CASE WHEN p.polroles <> '{0}' THEN ' TO ROLES' ELSE '' END, ', ' ORDER BY p.polname) AS policies
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bosetting'
  LEFT JOIN pg_policy p ON p.polrelid = c.oid
 WHERE c.relrowsecurity OR c.relforcerowsecurity GROUP BY 1, 2, 3 ORDER BY 1;

-- Views that read person-level tables run with the caller's rights.
SELECT c.relname AS view, c.reloptions FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bosetting'
 WHERE c.relkind = 'v' AND c.relname NOT LIKE 'report\_%' ORDER BY 1;

BEGIN;
-- create_roles(): superuser only ...
CREATE ROLE regress_dba CREATEROLE;
GRANT USAGE ON SCHEMA bosetting TO regress_dba;
SET ROLE regress_dba;
SELECT pg_temp.error_of('SELECT bosetting.create_roles()');
RESET ROLE;
GRANT EXECUTE ON FUNCTION create_roles() TO regress_dba;
SET ROLE regress_dba;
SELECT pg_temp.error_of('SELECT bosetting.create_roles()');
RESET ROLE;
-- ... idempotent ...
SELECT * FROM create_roles();
SELECT * FROM create_roles();
SELECT rolname, rolcanlogin, rolsuper, rolinherit FROM pg_roles WHERE rolname LIKE 'bosetting\_%' ORDER BY 1;
-- ... and grants exactly what the rules say: (object, profile) pairs whose
-- privileges differ from the rule (none expected).
WITH profiles(profile, col) AS (VALUES ('bosetting_admin', 1), ('bosetting_caseworker', 2),
                                       ('bosetting_municipality', 3), ('bosetting_analyst', 4)),
expected AS (
    SELECT x.kind, x.object, p.profile,
           (ARRAY[x.admin, x.caseworker, x.municipality, x.analyst])[p.col] AS privs
      FROM access_decisions() x CROSS JOIN profiles p),
actual AS (
    SELECT e.kind, e.object, e.profile, e.privs,
           CASE WHEN e.kind = 'function' THEN
                    CASE WHEN EXISTS (SELECT 1 FROM pg_proc f, aclexplode(f.proacl) a
                                       WHERE f.oid = e.object::regprocedure AND a.grantee = e.profile::regrole)
                         THEN 'EXECUTE' ELSE '' END
                ELSE concat_ws(', ',
                    (SELECT string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
                       FROM pg_class c, aclexplode(c.relacl) a
                      WHERE c.oid = e.object::regclass AND a.grantee = e.profile::regrole),
                    (SELECT string_agg(z.privilege_type || ' (' || z.cols || ')', ', ' ORDER BY z.privilege_type)
                       FROM (SELECT a.privilege_type, string_agg(t.attname, ', ' ORDER BY t.attnum) AS cols
                               FROM pg_attribute t, aclexplode(t.attacl) a
                              WHERE t.attrelid = e.object::regclass AND a.grantee = e.profile::regrole
                              GROUP BY 1) z))
           END AS got
      FROM expected e),
normal AS (
    SELECT a.*, (SELECT string_agg(btrim(w), ', ' ORDER BY btrim(w))
                   FROM regexp_split_to_table(a.privs, ',(?![^(]*\))') w WHERE btrim(w) <> '') AS want,
                (SELECT string_agg(btrim(w), ', ' ORDER BY btrim(w))
                   FROM regexp_split_to_table(a.got, ',(?![^(]*\))') w WHERE btrim(w) <> '') AS have
      FROM actual a)
SELECT kind, object, profile, want, have FROM normal WHERE want IS DISTINCT FROM have;
-- How many objects each profile may use, and no TRIGGER, TRUNCATE or
-- REFERENCES anywhere.
SELECT r.rolname, count(DISTINCT c.oid) AS relations
  FROM pg_roles r JOIN pg_class c ON true, aclexplode(c.relacl) a
 WHERE r.rolname LIKE 'bosetting\_%' AND a.grantee = r.oid GROUP BY 1 ORDER BY 1;
SELECT c.relname, a.grantee::regrole, a.privilege_type
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bosetting', aclexplode(c.relacl) a
 WHERE a.privilege_type IN ('TRIGGER', 'TRUNCATE', 'REFERENCES') AND a.grantee <> c.relowner;
-- A changed rule takes effect at the next create_roles(), also taking away.
UPDATE access_rule SET analyst = '' WHERE object = 'bosetting.indicator';
SELECT profile, objects FROM create_roles() WHERE profile = 'bosetting_analyst';
SELECT has_table_privilege('bosetting_analyst', 'bosetting.indicator', 'SELECT');
-- A rule is checked: no TRIGGER, no SQL after the privileges.
SELECT pg_temp.error_of($$UPDATE bosetting.access_rule SET analyst = 'TRIGGER' WHERE object = 'bosetting.indicator'$$);
SELECT pg_temp.error_of($$UPDATE bosetting.access_rule SET analyst = 'SELECT TO PUBLIC; DROP TABLE x' WHERE object = 'bosetting.indicator'$$);
-- An object without a rule stops create_roles() and names the object.
DELETE FROM access_rule WHERE object = 'bosetting.verify_capacity()';
SELECT pg_temp.error_of('SELECT bosetting.create_roles()');
SELECT kind, object AS "no access decision for" FROM access_decisions() WHERE rule IS NULL;
ROLLBACK;
