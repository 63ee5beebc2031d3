-- security_loaders: the loader findings of issue 10 (items 2 and 3, review
-- 03, 04, 05 and 06), each an attack or a loss that 0.1 allowed.
SET search_path = bosetting, public;
\set VERBOSITY terse
CREATE ROLE regress_loader_attacker LOGIN;
CREATE ROLE regress_loader_dba LOGIN;
GRANT USAGE ON SCHEMA bosetting TO regress_loader_dba;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA bosetting TO regress_loader_dba;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bosetting TO regress_loader_dba;  -- 0.2: loaders are not PUBLIC's
GRANT CREATE ON SCHEMA public TO regress_loader_attacker;
CREATE TABLE public.loader_hits (what text);
GRANT INSERT ON public.loader_hits TO PUBLIC;

-- Review 06: another role's staging table whose column type has a
-- user-defined cast to text.  0.1 ran the cast as the superuser who loaded.
SET ROLE regress_loader_attacker;
CREATE TYPE public.evil_t AS (v text);
CREATE FUNCTION public.evil_cast(public.evil_t) RETURNS text LANGUAGE plpgsql
    AS $$BEGIN INSERT INTO public.loader_hits VALUES (current_user); RETURN ($1).v; END$$;
CREATE CAST (public.evil_t AS text) WITH FUNCTION public.evil_cast(public.evil_t);
CREATE TABLE public.pop_stage (kommunenr public.evil_t, population_date text, population text, source text);
INSERT INTO public.pop_stage VALUES (ROW('0301'), '2024-01-01', '700000', 'x');
GRANT SELECT ON public.pop_stage TO PUBLIC;
CREATE TABLE public.text_stage (kommunenr text, population_date text, population text);
INSERT INTO public.text_stage VALUES ('0301', '2024-01-01', '700000');
GRANT SELECT ON public.text_stage TO PUBLIC;
RESET ROLE;
SELECT * FROM load_population('public.pop_stage');
SELECT * FROM load_population('public.text_stage');
SELECT count(*) AS casts_run FROM public.loader_hits;
-- the caller's own table with a column of that type: refused too
CREATE TEMP TABLE own_evil (kommunenr public.evil_t, population_date text, population text);
INSERT INTO own_evil VALUES (ROW('0301'), '2024-01-01', '700000');
SELECT * FROM load_population('own_evil');
SELECT count(*) AS casts_run FROM public.loader_hits;
-- every loader uses the same check
SELECT * FROM load_counties('public.text_stage');
SELECT * FROM load_kommunenr_changes('public.text_stage');
SELECT * FROM load_municipalities('public.text_stage');
SELECT * FROM load_decisions('public.text_stage');
-- ... also for a role that is not superuser
SET ROLE regress_loader_dba;
SELECT * FROM load_population('public.text_stage');
RESET ROLE;

-- Relations that are not plain tables are refused.
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr) VALUES ('0301', '2024-01-01', 'Oslo', '03');
CREATE TEMP TABLE pop (kommunenr text, population_date text, population text);
INSERT INTO pop VALUES ('0301', '2024-01-01', '700000');
CREATE TEMP VIEW pop_view AS SELECT * FROM pop;
SELECT * FROM load_population('pop_view');
CREATE MATERIALIZED VIEW public.pop_matview AS SELECT '0301'::text AS kommunenr, '2024-01-01'::text AS population_date, '1'::text AS population;
SELECT * FROM load_population('public.pop_matview');
DROP MATERIALIZED VIEW public.pop_matview;
CREATE FOREIGN DATA WRAPPER regress_loader_fdw;
CREATE SERVER regress_loader_server FOREIGN DATA WRAPPER regress_loader_fdw;
CREATE FOREIGN TABLE public.pop_foreign (kommunenr text, population_date text, population text) SERVER regress_loader_server;
SELECT * FROM load_population('public.pop_foreign');
DROP FOREIGN TABLE public.pop_foreign;
DROP SERVER regress_loader_server;
DROP FOREIGN DATA WRAPPER regress_loader_fdw;
CREATE TEMP TABLE pop_parted (kommunenr text, population_date text, population text) PARTITION BY LIST (kommunenr);
CREATE TEMP TABLE pop_part PARTITION OF pop_parted FOR VALUES IN ('0301');
SELECT * FROM load_population('pop_parted');
-- row-level security, rules, and a trigger running another role's function
CREATE TEMP TABLE pop_rls (kommunenr text, population_date text, population text);
ALTER TABLE pop_rls ENABLE ROW LEVEL SECURITY;
SELECT * FROM load_population('pop_rls');
CREATE TEMP TABLE pop_rule (kommunenr text, population_date text, population text);
CREATE RULE pop_rule_r AS ON INSERT TO pop_rule DO ALSO NOTIFY loader;
SELECT * FROM load_population('pop_rule');
SET ROLE regress_loader_attacker;
CREATE FUNCTION public.evil_trigger() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
RESET ROLE;
CREATE TEMP TABLE pop_trig (kommunenr text, population_date text, population text);
CREATE TRIGGER pop_trig_t BEFORE INSERT ON pop_trig FOR EACH ROW EXECUTE FUNCTION public.evil_trigger();
SELECT * FROM load_population('pop_trig');
-- a column of another type (not only a user-defined one)
CREATE TEMP TABLE pop_int (kommunenr text, population_date date, population int);
SELECT * FROM load_population('pop_int');
-- a child table's rows are not read (ONLY): one row loaded, not two
BEGIN;
CREATE TEMP TABLE pop_child () INHERITS (pop);
INSERT INTO pop_child VALUES ('0301', '2023-01-01', '1');
SELECT * FROM load_population('pop');
SELECT year, value FROM indicator WHERE kommunenr = '0301' AND name = 'population';
ROLLBACK;
-- varchar and char columns are text enough
BEGIN;
CREATE TEMP TABLE pop_varchar (kommunenr char(4), population_date varchar(10), population varchar);
INSERT INTO pop_varchar VALUES ('0301', '2024-01-01', '700000');
SELECT * FROM load_population('pop_varchar');
ROLLBACK;
DELETE FROM municipality WHERE kommunenr = '0301';

-- Review 03: two source codes, one successor.  0.1 let Leksvik's 3
-- overwrite Rissa's 7 under 5054 Indre Fosen; now the later row is refused.
BEGIN;
SET client_min_messages = warning;
\i sql/include/register_load_codes.psql
RESET client_min_messages;
SELECT '1624' AS code, s FROM kommunenr_successors('1624', '2018-01-01') s
UNION ALL SELECT '1718', s FROM kommunenr_successors('1718', '2018-01-01') s;
CREATE TEMP TABLE st (year text, kommunenr text, kommune_name text, requested text, decided text);
INSERT INTO st VALUES ('2018', '1624', 'Rissa', '7', '7'), ('2018', '1718', 'Leksvik', '3', '3');
SELECT * FROM load_decisions('st');
SELECT year, kommunenr, kommunenr_in_source, kommune_name, requested, decided FROM decision WHERE kommunenr = '5054';
-- loading again changes nothing, and Leksvik alone cannot replace Rissa either
SELECT * FROM load_decisions('st');
DELETE FROM st WHERE kommunenr = '1624';
SELECT * FROM load_decisions('st');
-- nor can a row under 5054's own code; with the old row gone, the sum loads
INSERT INTO st VALUES ('2018', '5054', 'Indre Fosen', '10', '10');
SELECT * FROM load_decisions('st');
DELETE FROM decision WHERE kommunenr = '5054';
DELETE FROM st WHERE kommunenr = '1718';
SELECT * FROM load_decisions('st');
SELECT year, kommunenr, kommunenr_in_source, kommune_name, requested, decided FROM decision WHERE kommunenr = '5054';

-- Review 04: a staging table without some columns leaves them alone.  0.1
-- set requested, settled and source to NULL, and wiped population and names.
CREATE TEMP TABLE full_row (year text, kommunenr text, requested text, decided text, settled text,
    settled_flag text, sources text);
INSERT INTO full_row VALUES ('2024', '0301', '1649', '1649', NULL, 'suppressed', 'imdi_page_2024');
SELECT * FROM load_decisions('full_row');
CREATE TEMP TABLE only_decided (year text, kommunenr text, decided text);
INSERT INTO only_decided VALUES ('2024', '0301', '1700');
SELECT * FROM load_decisions('only_decided');
SELECT year, kommunenr, requested, decided, settled, settled_flag, source FROM decision WHERE kommunenr = '0301';
-- a value without its flag column clears the flag (they are one measure)
CREATE TEMP TABLE settled_only (year text, kommunenr text, settled text);
INSERT INTO settled_only VALUES ('2024', '0301', '1500');
SELECT * FROM load_decisions('settled_only');
SELECT year, kommunenr, requested, decided, settled, settled_flag, source FROM decision WHERE kommunenr = '0301';
SELECT kommunenr, valid_from, name, population, population_date, official_name, admin_centre
FROM municipality WHERE kommunenr = '0301' AND valid_from <= '2024-01-01' AND coalesce(valid_to, 'infinity') >= '2024-01-01';
CREATE TEMP TABLE sm (kommunenr text, name text, fylkenr text);
INSERT INTO sm VALUES ('0301', 'Oslo', '03');
SELECT * FROM load_municipalities('sm', '2024-01-01');
SELECT kommunenr, valid_from, name, population, population_date, official_name, admin_centre
FROM municipality WHERE kommunenr = '0301' AND valid_from <= '2024-01-01' AND coalesce(valid_to, 'infinity') >= '2024-01-01';
ROLLBACK;

-- The database's trouble stops a load instead of becoming a row's reason.
BEGIN;
CREATE FUNCTION pg_temp.busy() RETURNS trigger LANGUAGE plpgsql
    AS $$BEGIN RAISE EXCEPTION 'busy' USING ERRCODE = 'lock_not_available'; END$$;
CREATE TRIGGER busy BEFORE INSERT ON bosetting.indicator FOR EACH ROW EXECUTE FUNCTION pg_temp.busy();
SELECT * FROM load_population('pop');
ROLLBACK;

-- Review 05: built-in reference rows.  An edit becomes a user row that
-- pg_dump keeps (the dump round trip itself: test/oracle/builtin_dump.sh);
-- deleting one is refused; a user row replaces the built-in row of its key.
BEGIN;
DELETE FROM grant_rate WHERE budget_year = 2017 AND component = 'year1' AND category = 'enslig_voksen';
ROLLBACK;
BEGIN;
DELETE FROM county WHERE fylkenr = '03' AND era_from = '2024-01-01';
ROLLBACK;
BEGIN;
UPDATE municipality SET valid_from = '1900-01-01' WHERE kommunenr = '9999';
ROLLBACK;
BEGIN;
SELECT budget_year, amount FROM load_grant_rates('[{"budget_year":2017,"scheme":"integreringstilskudd","component":"year1","category":"enslig_voksen","amount_nok":240000,"unit":"per_person","source":"corrected"}]', allow_incomplete => true);
UPDATE cost_estimate SET source = source || ' (checked)' WHERE year = 2015;
UPDATE municipality SET official_name = 'Uoppgitt kommune' WHERE kommunenr = '9999';
CREATE TEMP TABLE counts (era_from text, era_to text, fylkenr text, fylke_name text, municipalities text);
INSERT INTO counts VALUES ('2020-01-01', '2023-12-31', '03', 'Oslo', '1'), ('2020-01-01', '2023-12-31', '11', 'Rogaland', '23');
SELECT * FROM load_counties('counts');
SELECT 'grant_rate' AS t, count(*) FILTER (WHERE NOT builtin) AS user_rows, count(*) FILTER (WHERE builtin) AS builtin_rows FROM grant_rate
UNION ALL SELECT 'cost_estimate', count(*) FILTER (WHERE NOT builtin), count(*) FILTER (WHERE builtin) FROM cost_estimate
UNION ALL SELECT 'municipality', count(*) FILTER (WHERE NOT builtin), count(*) FILTER (WHERE builtin) FROM municipality
UNION ALL SELECT 'county', count(*) FILTER (WHERE NOT builtin), count(*) FILTER (WHERE builtin) FROM county;
-- an update that changes nothing leaves a built-in row built-in
UPDATE grant_rate SET amount = amount WHERE budget_year = 2014;
SELECT count(*) FILTER (WHERE builtin) AS builtin_2014 FROM grant_rate WHERE budget_year = 2014;
-- a user row cannot make itself built-in (and so escape pg_dump)
UPDATE grant_rate SET builtin = true WHERE budget_year = 2017 AND category = 'enslig_voksen' AND component = 'year1';
INSERT INTO cost_estimate (year, cost_per_person_5yr, source, builtin) VALUES (2030, 1, 'x', true);
SELECT count(*) AS user_rows_marked_builtin FROM grant_rate WHERE builtin AND source = 'corrected';
SELECT year, builtin FROM cost_estimate WHERE year = 2030;
ROLLBACK;
-- the guard refuses to run on any other table
CREATE TEMP TABLE fake_rate (budget_year int, builtin bool);
CREATE TRIGGER g BEFORE INSERT ON fake_rate FOR EACH ROW EXECUTE FUNCTION bosetting._builtin_row_guard('budget_year');
INSERT INTO fake_rate VALUES (2017, true);

-- The new built-in rows of 0.2 (grant_rates.csv and research/grants.md section 6).
SELECT budget_year, category, amount, builtin FROM grant_rate WHERE budget_year IN (2011, 2012) ORDER BY 1, 2;
SELECT year, cost_per_person_5yr, builtin FROM cost_estimate WHERE year IN (2011, 2012) ORDER BY 1;

DROP TABLE public.loader_hits, own_evil, fake_rate, pop_trig;
DROP TABLE public.pop_stage, public.text_stage;
DROP FUNCTION public.evil_trigger();
DROP CAST (public.evil_t AS text);
DROP FUNCTION public.evil_cast(public.evil_t);
DROP TYPE public.evil_t;
REVOKE CREATE ON SCHEMA public FROM regress_loader_attacker;
REVOKE ALL ON ALL TABLES IN SCHEMA bosetting FROM regress_loader_dba;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA bosetting FROM regress_loader_dba;
REVOKE USAGE ON SCHEMA bosetting FROM regress_loader_dba;
DROP ROLE regress_loader_attacker;
DROP ROLE regress_loader_dba;
