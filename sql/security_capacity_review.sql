-- security_capacity_review: an attacker's second look at the capacity
-- guarantee and the settlement history (issue 10, items 1 and 4), after
-- security_capacity.  Sections 1-3 are holes this review found and closed;
-- the rest are variants that fail, kept to show the class is closed.
SET search_path = bosetting, public;
\i sql/include/error_of.psql
\set VERBOSITY default

-- 0.  A decision of 5 persons for 0301 in 2024 and five households: three
--     of 2 persons, one of 1, one empty.  regress_booker has the grants the
--     README gives a booking role; regress_admin got GRANT ALL ON ALL TABLES
--     and may create schemas; regress_user has USAGE only.
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr) VALUES ('0301', '2020-01-01', 'Oslo', '03');
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2024, '0301', 5, 0);
CREATE TABLE public.regress_hh AS
WITH h AS (INSERT INTO household (year) SELECT 2024 FROM generate_series(1, 5) RETURNING household_id)
SELECT row_number() OVER (ORDER BY household_id)::int AS n, household_id FROM h;
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT household_id, synthetic_dufnr(2023, (n * 10 + i)::int), '1990-01-01', 'female', 'asylum'
FROM regress_hh, generate_series(1, CASE WHEN n = 4 THEN 1 WHEN n = 5 THEN 0 ELSE 2 END) i;
-- BYPASSRLS: they stand in for nationwide roles (row-level security is the
-- access suites' subject; here only the capacity guarantee is)
CREATE ROLE regress_booker BYPASSRLS;
CREATE ROLE regress_admin BYPASSRLS;
CREATE ROLE regress_user;
GRANT USAGE ON SCHEMA bosetting TO regress_booker, regress_admin, regress_user;
GRANT SELECT ON ALL TABLES IN SCHEMA bosetting TO regress_booker;
GRANT INSERT, UPDATE ON bosetting.settlement TO regress_booker;
GRANT ALL ON ALL TABLES IN SCHEMA bosetting TO regress_admin;
-- ... and EXECUTE on every function (the other shortcut), so that the
-- DDL guard, not the missing EXECUTE right, is what stops it below
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting TO regress_admin;
GRANT SELECT ON regress_hh TO PUBLIC;
SELECT format('GRANT CREATE ON DATABASE %I TO regress_admin', current_database()) \gexec
CREATE SCHEMA regress_attack AUTHORIZATION regress_admin;
GRANT USAGE ON SCHEMA regress_attack TO PUBLIC;
CREATE FUNCTION pg_temp.hh(k int) RETURNS int8 LANGUAGE sql AS $$ SELECT household_id FROM regress_hh WHERE n = k $$;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE sql AS
$$ SELECT regexp_replace(pg_temp.error_of(q), '(household|settlement|number|to) [0-9]+', '\1 N', 'g') $$;
CREATE FUNCTION pg_temp.book(k int) RETURNS text LANGUAGE sql AS
$$ SELECT pg_temp.err(format('INSERT INTO bosetting.settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(k), '0301')) $$;

-- 1.  CREATE OR REPLACE TRIGGER needs only the TRIGGER privilege, and the
--     DDL guard let any trigger through whose function was the extension's:
--     GRANT ALL could narrow the counter guard to TRUNCATE and then raise
--     the limit by hand (found in review: decided became 1000).
SET ROLE regress_admin;
SELECT pg_temp.err('CREATE OR REPLACE TRIGGER capacity_counter_guard BEFORE TRUNCATE ON bosetting.capacity_booked
                    FOR EACH STATEMENT EXECUTE FUNCTION bosetting.capacity_counter_guard()');
SELECT pg_temp.err('UPDATE bosetting.capacity_booked SET decided = 1000');
-- ... or narrow the extension's own counting and history triggers
SELECT pg_temp.err('CREATE OR REPLACE TRIGGER capacity_count AFTER INSERT ON bosetting.person
                    FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_person_trigger()');
SELECT pg_temp.err('CREATE OR REPLACE TRIGGER settlement_record_history AFTER INSERT ON bosetting.settlement
                    FOR EACH ROW EXECUTE FUNCTION bosetting.settlement_record_history()');
-- 2.  A second trigger with the extension's own function counted a change
--     twice: a second capacity_person_trigger AFTER DELETE released two
--     places per deleted person, and then a booking over-booked.
SELECT pg_temp.err('CREATE TRIGGER z AFTER DELETE ON bosetting.person
                    FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_person_trigger()');
SELECT pg_temp.err('CREATE TRIGGER z AFTER DELETE ON bosetting.household_need
                    FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_need_trigger()');
SELECT pg_temp.err('CREATE TRIGGER z AFTER UPDATE ON bosetting.settlement
                    FOR EACH ROW EXECUTE FUNCTION bosetting.settlement_record_history()');
-- 3.  The DDL guard watched three command tags only: CREATE SCHEMA with a
--     CREATE TABLE element made a foreign key to an extension table.
SELECT pg_temp.err('CREATE SCHEMA regress_evil CREATE TABLE t (h int8 REFERENCES bosetting.household)');
RESET ROLE;
SELECT count(*) AS foreign_triggers FROM pg_trigger
WHERE tgrelid IN (SELECT objid FROM pg_depend WHERE refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bosetting')
                  AND classid = 'pg_class'::regclass AND deptype = 'e')
  AND tgconstrrelid <> 0
  AND tgconstrrelid NOT IN (SELECT objid FROM pg_depend WHERE refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bosetting'));
SELECT tgrelid::regclass, tgname, tgtype FROM pg_trigger
WHERE tgname IN ('capacity_counter_guard', 'capacity_count', 'settlement_record_history', 'z') ORDER BY 1, 2;

-- 4.  The history is kept under the settlement's number: a renumbering
--     (SET settlement_id = DEFAULT: an identity column allows it) left the
--     settlement's earlier rows under a number nothing has, and OVERRIDING
--     SYSTEM VALUE could continue a deleted settlement's history.
SET ROLE regress_booker;
SELECT pg_temp.book(1);
SELECT pg_temp.err('UPDATE bosetting.settlement SET settlement_id = DEFAULT');
RESET ROLE;
DELETE FROM settlement WHERE household_id = pg_temp.hh(1);
SET ROLE regress_booker;
SELECT pg_temp.err(format('INSERT INTO bosetting.settlement (settlement_id, household_id, year, kommunenr)
                           OVERRIDING SYSTEM VALUE SELECT max(settlement_id), %s, 2024, %L FROM bosetting.settlement_history',
                          pg_temp.hh(1), '0301'));
RESET ROLE;
SELECT operation, from_status, to_status, CASE WHEN changed_by = current_user THEN 'the superuser' ELSE changed_by END AS changed_by,
       count(*) OVER (PARTITION BY settlement_id) AS rows_of_settlement
FROM settlement_history ORDER BY history_id;

-- 5.  Direct writes to a counter by every way of writing (GRANT ALL):
--     COPY, INSERT ... ON CONFLICT DO UPDATE, a writable CTE; switching the
--     guard off needs ownership.
SET ROLE regress_admin;
COPY bosetting.capacity_booked FROM stdin;
2024	0301	persons	1000	0
\.
SELECT pg_temp.err($$INSERT INTO bosetting.capacity_booked VALUES (2024, '0301', 'persons', 1000, 0)
                     ON CONFLICT (year, kommunenr, dimension) DO UPDATE SET decided = 1000$$);
SELECT pg_temp.err($$WITH x AS (UPDATE bosetting.capacity_household SET persons = 0 RETURNING 1) SELECT count(*) FROM x$$);
SELECT pg_temp.err('ALTER TABLE bosetting.capacity_booked DISABLE TRIGGER capacity_counter_guard');
SELECT pg_temp.err('ALTER TABLE bosetting.person DISABLE TRIGGER capacity_count');
SELECT pg_temp.err('ALTER TABLE bosetting.person ENABLE REPLICA TRIGGER capacity_count');
-- own code at the owner's rights through a policy, an index expression, a
-- rule, a child table, a cast of the extension's type, a column default:
-- all need ownership
CREATE FUNCTION regress_attack.spy() RETURNS bool LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RAISE NOTICE 'spy ran as %', current_user; RETURN true; END $$;
SELECT pg_temp.err('CREATE POLICY p ON bosetting.capacity_booked USING (regress_attack.spy())');
SELECT pg_temp.err('CREATE INDEX ON bosetting.capacity_household ((regress_attack.spy()))');
SELECT pg_temp.err('CREATE RULE r AS ON INSERT TO bosetting.person DO ALSO SELECT regress_attack.spy()');
SELECT pg_temp.err('CREATE TABLE regress_attack.child () INHERITS (bosetting.person)');
SELECT pg_temp.err('CREATE CAST (bosetting.kommunenr AS text) WITH INOUT');
SELECT pg_temp.err('ALTER TABLE bosetting.capacity_booked ADD COLUMN x bool DEFAULT regress_attack.spy()');
SELECT pg_temp.err('ALTER TABLE bosetting.settlement ALTER COLUMN settled_on SET DEFAULT current_date');
-- the switches that make the triggers stand aside are a superuser's
SELECT pg_temp.err($$SELECT set_config('bosetting.restoring', 'on', true)$$);
SELECT pg_temp.err('ALTER ROLE regress_admin SET bosetting.restoring = on');
SELECT pg_temp.err('SET session_replication_role = replica');
-- a role with USAGE only reaches no counter either
SET ROLE regress_user;
SELECT pg_temp.err('UPDATE bosetting.capacity_booked SET decided = 1000');
SELECT pg_temp.err('CREATE TRIGGER z AFTER DELETE ON bosetting.person FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_person_trigger()');
RESET ROLE;

-- 6.  Operators of the attacker's schema, first on the search_path, that
--     would shadow every operator the counter queries use if one were not
--     schema-qualified (they would run as the extension's owner).  A new
--     session, so that the saved plans are made under this search_path.
SET ROLE regress_admin;
CREATE FUNCTION regress_attack.b(anyelement, anyelement) RETURNS bool LANGUAGE plpgsql
    AS $$ BEGIN RAISE NOTICE 'operator of regress_attack ran as %', current_user; RETURN true; END $$;
CREATE FUNCTION regress_attack.k(bosetting.kommunenr, bosetting.kommunenr) RETURNS bool LANGUAGE sql AS 'SELECT regress_attack.b($1, $2)';
CREATE FUNCTION regress_attack.b84(int8, int4) RETURNS bool LANGUAGE sql AS 'SELECT regress_attack.b($1, $2::int8)';
CREATE FUNCTION regress_attack.b4(int4, int4) RETURNS bool LANGUAGE sql AS 'SELECT regress_attack.b($1, $2)';
CREATE FUNCTION regress_attack.b8(int8, int8) RETURNS bool LANGUAGE sql AS 'SELECT regress_attack.b($1, $2)';
CREATE FUNCTION regress_attack.bt(text, text) RETURNS bool LANGUAGE sql AS 'SELECT regress_attack.b($1, $2)';
CREATE FUNCTION regress_attack.s8(int8, int8) RETURNS int8 LANGUAGE sql AS 'SELECT 0::int8 WHERE regress_attack.b($1, $2)';
CREATE FUNCTION regress_attack.s4(int4, int4) RETURNS int4 LANGUAGE sql AS 'SELECT 0 WHERE regress_attack.b($1, $2)';
CREATE OPERATOR regress_attack.= (LEFTARG = bosetting.kommunenr, RIGHTARG = bosetting.kommunenr, FUNCTION = regress_attack.k);
CREATE OPERATOR regress_attack.= (LEFTARG = int4, RIGHTARG = int4, FUNCTION = regress_attack.b4);
CREATE OPERATOR regress_attack.= (LEFTARG = int8, RIGHTARG = int8, FUNCTION = regress_attack.b8);
CREATE OPERATOR regress_attack.= (LEFTARG = text, RIGHTARG = text, FUNCTION = regress_attack.bt);
CREATE OPERATOR regress_attack.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = regress_attack.bt);
CREATE OPERATOR regress_attack.>= (LEFTARG = int8, RIGHTARG = int8, FUNCTION = regress_attack.b8);
CREATE OPERATOR regress_attack.<= (LEFTARG = int8, RIGHTARG = int4, FUNCTION = regress_attack.b84);
CREATE OPERATOR regress_attack.+ (LEFTARG = int8, RIGHTARG = int8, FUNCTION = regress_attack.s8);
CREATE OPERATOR regress_attack.- (LEFTARG = int8, RIGHTARG = int8, FUNCTION = regress_attack.s8);
CREATE OPERATOR regress_attack.+ (LEFTARG = int4, RIGHTARG = int4, FUNCTION = regress_attack.s4);
RESET ROLE;
\c -
SET ROLE regress_booker;
SET search_path = regress_attack, pg_catalog, bosetting, public;
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT household_id, 2024, '0301' FROM public.regress_hh WHERE n OPERATOR(pg_catalog.=) 2;
UPDATE bosetting.settlement SET status = 'accepted';
SELECT 1 = 1 AS attackers_operator_is_live;
-- GRANT ALL: a person added to the booked household, the limit raised
SET ROLE regress_admin;
INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category)
SELECT household_id, bosetting.synthetic_dufnr(2023, 99), '1991-01-01', 'male', 'asylum'
FROM public.regress_hh WHERE n OPERATOR(pg_catalog.=) 2;
UPDATE bosetting.decision SET decided = 6;
RESET ROLE;
SELECT bosetting.capacity_rebuild() OPERATOR(pg_catalog.>) 0 AS rebuilt;
RESET search_path;
SET search_path = bosetting, public;
SELECT dimension, decided, booked FROM remaining_capacity(2024) WHERE kommunenr = '0301';

SELECT * FROM verify_capacity();

-- Leave the database as found.
SET bosetting.restoring = on;
TRUNCATE settlement, settlement_history, household_need, person, household, decision;
RESET bosetting.restoring;
DELETE FROM municipality WHERE NOT builtin;
DROP TABLE public.regress_hh;
DROP SCHEMA regress_attack CASCADE;
SELECT format('REVOKE CREATE ON DATABASE %I FROM regress_admin', current_database()) \gexec
DROP OWNED BY regress_booker, regress_admin, regress_user;
DROP ROLE regress_booker;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting FROM regress_admin;
DROP ROLE regress_admin;
DROP ROLE regress_user;
SELECT count(*) FROM capacity_booked;
