-- security_capacity: the capacity guarantee and the settlement history hold
-- against every role that can book (issue 10, items 1, 4 and 9).  Each
-- attack below worked on 0.1; the last line checks verify_capacity().
SET search_path = bosetting, public;
\i sql/include/error_of.psql
\set VERBOSITY default

-- A decision of 5 persons for 0301 in 2024, households of 3 persons, and
-- one with a kindergarten need.  regress_booker has what booking needs:
-- SELECT, and INSERT/UPDATE on settlement; nothing on the counter tables
-- or settlement_history.  regress_admin got GRANT ALL on every table.
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr)
VALUES ('0301', '2020-01-01', 'Oslo', '03'), ('4601', '2020-01-01', 'Bergen', '46');
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2024, '0301', 5, 0);
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2024, '4601', NULL, NULL);
CREATE TEMP TABLE hh AS
WITH h AS (INSERT INTO household (year) SELECT 2024 FROM generate_series(1, 4) RETURNING household_id)
SELECT row_number() OVER (ORDER BY household_id) AS n, household_id FROM h;
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT household_id, synthetic_dufnr(2023, (n * 10 + i)::int), '1990-01-01', 'female', 'asylum'
FROM hh, generate_series(1, 3) i;
INSERT INTO household_need SELECT household_id, 'kindergarten', 1 FROM hh WHERE n = 4;
-- (BYPASSRLS: this suite is about privileges; row-level security and the
-- profiles are tested by access_*.)
CREATE ROLE regress_booker BYPASSRLS;
CREATE ROLE regress_admin BYPASSRLS;
GRANT USAGE ON SCHEMA bosetting TO regress_booker, regress_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA bosetting TO regress_booker;
GRANT INSERT, UPDATE ON bosetting.settlement TO regress_booker;
GRANT ALL ON ALL TABLES IN SCHEMA bosetting TO regress_admin;
GRANT SELECT ON hh TO regress_booker, regress_admin;
CREATE SCHEMA regress_attack AUTHORIZATION regress_admin;
GRANT USAGE ON SCHEMA regress_attack TO regress_booker;
CREATE FUNCTION pg_temp.hh(k int) RETURNS int8 LANGUAGE sql AS $$ SELECT household_id FROM hh WHERE n = k $$;
-- error_of, with the numbers the sequences give replaced by N
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE sql AS
$$ SELECT regexp_replace(pg_temp.error_of(q), '(household|settlement) [0-9]+', '\1 N', 'g') $$;

-- 1. A booking role needs no privilege on the counter tables (0.1: it
--    needed INSERT, UPDATE, DELETE on both).  The fifth place is refused.
SET ROLE regress_booker;
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(1), '0301'));
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(2), '0301'));
-- ... and cannot write a counter itself.
SELECT pg_temp.err('UPDATE capacity_booked SET decided = 1000');
SELECT pg_temp.err('DELETE FROM capacity_household');

-- 2. The extension's C trigger functions refuse any table but their own
--    (0.1: capacity_limit_trigger on a temp table raised the limit to 1000;
--    capacity_person_trigger released places of persons that still exist).
--    In 0.2 PUBLIC may not execute them, so CREATE TRIGGER is refused first;
--    after a DBA's GRANT EXECUTE ON ALL FUNCTIONS the triggers' own check holds.
SELECT pg_temp.err('CREATE TEMP TABLE fake0 (x int); CREATE TRIGGER t AFTER INSERT ON fake0 FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_limit_trigger()');
RESET ROLE;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting TO regress_booker, regress_admin;
SET ROLE regress_booker;
CREATE DOMAIN pg_temp.kommunenr AS bosetting.kommunenr;
CREATE TEMP TABLE fake_decision (year int4, kommunenr pg_temp.kommunenr, decided int4, decided_em int4);
INSERT INTO fake_decision VALUES (2024, '0301', 5, 0);
CREATE TRIGGER t AFTER UPDATE ON fake_decision FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_limit_trigger();
SELECT pg_temp.err('UPDATE fake_decision SET decided = 1000');
CREATE TEMP TABLE fake_person (household_id int8, unaccompanied_minor bool);
CREATE TRIGGER t AFTER DELETE ON fake_person FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_person_trigger();
INSERT INTO fake_person SELECT pg_temp.hh(1), false FROM generate_series(1, 3);
SELECT pg_temp.err('DELETE FROM fake_person');
-- the same for every other C trigger function of the extension
CREATE TEMP TABLE fake_settlement (settlement_id int8, household_id int8, year int4,
    kommunenr pg_temp.kommunenr, status text, settled_on date);
CREATE TRIGGER a AFTER DELETE ON fake_settlement FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_settlement_trigger();
CREATE TRIGGER b AFTER DELETE ON fake_settlement FOR EACH ROW EXECUTE FUNCTION bosetting.settlement_record_history();
CREATE TRIGGER c AFTER TRUNCATE ON fake_settlement FOR EACH STATEMENT EXECUTE FUNCTION bosetting.capacity_truncate_trigger();
INSERT INTO fake_settlement VALUES (1, pg_temp.hh(1), 2024, '0301', 'proposed', NULL);
SELECT pg_temp.err('DELETE FROM fake_settlement');
DROP TRIGGER a ON fake_settlement;
SELECT pg_temp.err('DELETE FROM fake_settlement');
SELECT pg_temp.err('TRUNCATE fake_settlement');
CREATE TEMP TABLE fake_need (household_id int8, dimension text, amount int4);
CREATE TRIGGER t AFTER INSERT ON fake_need FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_need_trigger();
SELECT pg_temp.err(format('INSERT INTO fake_need VALUES (%s, %L, -5)', pg_temp.hh(1), 'kindergarten'));
CREATE TEMP TABLE fake_household (household_id int8);
CREATE TRIGGER t AFTER DELETE ON fake_household FOR EACH ROW EXECUTE FUNCTION bosetting.capacity_household_trigger();
INSERT INTO fake_household SELECT pg_temp.hh(1);
SELECT pg_temp.err('DELETE FROM fake_household');
RESET ROLE;
SELECT dimension, decided, booked FROM remaining_capacity(2024) WHERE kommunenr = '0301';

-- 3. GRANT ALL gives TRIGGER, TRUNCATE and REFERENCES: still no way into a
--    counter (0.1: a trigger of the grantee on capacity_booked ran inside
--    the counter write and raised the limit).
SET ROLE regress_admin;
CREATE FUNCTION regress_attack.raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE bosetting.capacity_booked SET decided = 1000; RETURN NULL; END $$;
CREATE FUNCTION regress_attack.yes() RETURNS bool LANGUAGE sql AS 'SELECT true';
SELECT pg_temp.err('UPDATE capacity_booked SET decided = 1000');
SELECT pg_temp.err('TRUNCATE capacity_booked');
SELECT pg_temp.err('CREATE TRIGGER r AFTER UPDATE ON capacity_booked FOR EACH ROW EXECUTE FUNCTION regress_attack.raise()');
SELECT pg_temp.err('CREATE TRIGGER r BEFORE UPDATE ON capacity_household FOR EACH STATEMENT EXECUTE FUNCTION regress_attack.raise()');
SELECT pg_temp.err('CREATE CONSTRAINT TRIGGER r AFTER UPDATE ON capacity_booked DEFERRABLE FOR EACH ROW EXECUTE FUNCTION regress_attack.raise()');
-- an extension function with a WHEN clause of the grantee's is foreign code too
SELECT pg_temp.err('CREATE TRIGGER r AFTER UPDATE ON capacity_booked FOR EACH ROW WHEN (regress_attack.yes()) EXECUTE FUNCTION capacity_counter_guard()');
-- every table of the extension: register tables, where loaders,
-- capacity_rebuild() and propose_matches would fire it
SELECT pg_temp.err('CREATE TRIGGER r AFTER INSERT ON settlement FOR EACH ROW EXECUTE FUNCTION regress_attack.raise()');
SELECT pg_temp.err('CREATE TRIGGER r AFTER INSERT ON decision FOR EACH STATEMENT EXECUTE FUNCTION regress_attack.raise()');
SELECT pg_temp.err('CREATE TRIGGER r AFTER INSERT ON municipality FOR EACH STATEMENT EXECUTE FUNCTION regress_attack.raise()');
-- a foreign key to an extension table puts triggers on it
SELECT pg_temp.err('CREATE TABLE regress_attack.ref (h int8 REFERENCES bosetting.household)');
CREATE TABLE regress_attack.ref2 (h int8);
SELECT pg_temp.err('ALTER TABLE regress_attack.ref2 ADD FOREIGN KEY (h) REFERENCES bosetting.household');
SELECT pg_temp.err('CREATE RULE r AS ON UPDATE TO capacity_booked DO ALSO SELECT 1');
-- the history cannot be written by hand either
SELECT pg_temp.err($$INSERT INTO settlement_history (settlement_id, household_id, operation, changed_at, changed_by)
                          VALUES (999, 1, 'DELETE', '2024-01-01', 'imdi_admin')$$);
SELECT pg_temp.err('DELETE FROM settlement_history');
SELECT pg_temp.err('TRUNCATE settlement_history');
RESET ROLE;
SELECT tgname FROM pg_trigger WHERE tgname = 'r';
-- A trigger a superuser put there is refused at the write: it would run
-- with the owner's rights inside the counter write.
CREATE TRIGGER regress_foreign AFTER UPDATE ON capacity_booked FOR EACH ROW EXECUTE FUNCTION regress_attack.raise();
SET ROLE regress_booker;
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(2), '0301'));
-- ... while another role's unrelated DDL is not blocked by it
SET ROLE regress_admin;
CREATE TABLE regress_attack.own (a int);
CREATE TRIGGER own AFTER INSERT ON regress_attack.own FOR EACH ROW EXECUTE FUNCTION regress_attack.raise();
RESET ROLE;
DROP TRIGGER regress_foreign ON capacity_booked;
SELECT dimension, decided, booked FROM remaining_capacity(2024) WHERE kommunenr = '0301';
-- An extension trigger function a superuser attaches to another extension
-- table refuses to run there too (checked by OID, not by name).
CREATE TRIGGER regress_wrong AFTER UPDATE ON household FOR EACH ROW EXECUTE FUNCTION capacity_limit_trigger();
SELECT pg_temp.err(format('UPDATE household SET year = year WHERE household_id = %s', pg_temp.hh(1)));
DROP TRIGGER regress_wrong ON household;

-- 4. The history: the acting role, the login, the transaction time; never
--    values of the caller (0.1 took changed_by and changed_at from the row).
BEGIN;
SET LOCAL ROLE regress_booker;
UPDATE settlement SET status = 'accepted', changed_by = 'imdi_admin', changed_at = '2020-01-01'
WHERE household_id = pg_temp.hh(1);
SELECT changed_by, changed_at = now() AS now FROM settlement WHERE household_id = pg_temp.hh(1);
SELECT changed_by, changed_at = now() AS now, login = session_user AS login
FROM settlement_history ORDER BY history_id DESC LIMIT 1;
COMMIT;
SET ROLE regress_booker;
UPDATE settlement SET settled_on = '2024-06-01' WHERE household_id = pg_temp.hh(1);
-- settled_on falls in the settlement year
SELECT pg_temp.err(format('UPDATE settlement SET settled_on = %L WHERE household_id = %s', '2025-01-02', pg_temp.hh(1)));
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr, settled_on) VALUES (%s, 2024, %L, %L)', pg_temp.hh(3), '0301', '2023-12-31'));
-- and the switches that stand the triggers aside are a superuser's
SELECT pg_temp.err('SET bosetting.restoring = on');
SELECT pg_temp.err('SET session_replication_role = replica');
RESET ROLE;
-- a SECURITY DEFINER function acts as its owner: that role is recorded
CREATE FUNCTION regress_attack.settle(h int8) RETURNS void LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ UPDATE bosetting.settlement SET status = 'settled' WHERE household_id = h $$;
ALTER FUNCTION regress_attack.settle(int8) OWNER TO regress_admin;
SET ROLE regress_booker;
SELECT regress_attack.settle(pg_temp.hh(1));
RESET ROLE;
SELECT operation, from_status, to_status, from_settled_on, to_settled_on, changed_by,
       login = session_user AS login
FROM settlement_history WHERE household_id = pg_temp.hh(1) ORDER BY history_id;

-- 5. Item 9: no decision row, or decided NULL, is named as such, also for a
--    household whose need dimension sorts first.
SET ROLE regress_booker;
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2025, %L)', pg_temp.hh(4), '0301'));
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(4), '4601'));
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(3), '4601'));
RESET ROLE;

-- 6. After a restore the counters are missing (pg_dump does not save them):
--    nothing recreates one as empty, every booking says to rebuild (0.1:
--    UPDATE decision recreated the counter with booked = 0, and bookings
--    went on from zero).  Simulated as a superuser, who may empty them.
DELETE FROM capacity_booked;
DELETE FROM capacity_household;
SELECT pg_temp.err($$UPDATE decision SET decided = decided + 1 WHERE kommunenr = '0301'$$);
SELECT pg_temp.err($$DELETE FROM decision WHERE kommunenr = '0301'$$);
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(2), '0301'));
SELECT pg_temp.err(format('UPDATE settlement SET status = %L WHERE household_id = %s', 'withdrawn', pg_temp.hh(1)));
SELECT pg_temp.err(format($$INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
                                 VALUES (%s, synthetic_dufnr(2023, 99), '2020-01-01', 'male', 'asylum')$$, pg_temp.hh(1)));
-- a household made after the restore, booked where the decision was restored
CREATE TEMP TABLE late AS
WITH h AS (INSERT INTO household (year) VALUES (2024) RETURNING household_id) SELECT household_id FROM h;
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', (SELECT household_id FROM late), '0301'));
-- capacity_rebuild() inside a statement that changes the register
SELECT pg_temp.err('INSERT INTO household (year) VALUES (2024) RETURNING capacity_rebuild()');
SELECT pg_temp.err('UPDATE decision SET decided = decided RETURNING capacity_rebuild()');
SELECT capacity_rebuild() > 0 AS rebuilt;
SELECT dimension, decided, booked FROM remaining_capacity(2024) WHERE kommunenr = '0301';
SELECT pg_temp.err(format('INSERT INTO settlement (household_id, year, kommunenr) VALUES (%s, 2024, %L)', pg_temp.hh(2), '0301'));

SELECT * FROM verify_capacity();

-- Leave the database as found.
SET bosetting.restoring = on;
TRUNCATE settlement, settlement_history, household_need, person, household, decision;
RESET bosetting.restoring;
DELETE FROM municipality WHERE NOT builtin;
DROP SCHEMA regress_attack CASCADE;
DROP OWNED BY regress_booker, regress_admin;
DROP ROLE regress_booker;
DROP ROLE regress_admin;
SELECT count(*) FROM capacity_booked;
