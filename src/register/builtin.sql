-- builtin.sql: built-in reference rows that survive pg_dump (issue 10, item 3).
--
-- Built-in rows (county eras, municipality 9999, grant rates, cost
-- estimates) are created by CREATE EXTENSION, so pg_dump leaves them out
-- (pg_extension_config_dump ... 'WHERE NOT builtin').  An edit must survive
-- a dump and restore, so an edited built-in row becomes a user row (builtin
-- false) that pg_dump keeps; and a user row inserted with the key of a
-- built-in row replaces it, which is how pg_restore brings the edited row
-- back over the one CREATE EXTENSION made.  Deleting a built-in row would
-- not survive a restore, so it is refused; so is moving one to another key.
-- Functions of this file are CREATE OR REPLACE: the upgrade script runs it
-- again.

-- Trigger arguments: the key columns of the table.
CREATE OR REPLACE FUNCTION @extschema@._builtin_row_guard()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k text;
    old_key text := (SELECT string_agg(format('%s %s', a, to_jsonb(OLD) ->> a), ', ') FROM unnest(TG_ARGV) a);
BEGIN
    IF TG_RELID NOT IN ('@extschema@.county'::regclass, '@extschema@.municipality'::regclass,
                        '@extschema@.grant_rate'::regclass, '@extschema@.cost_estimate'::regclass) THEN
        RAISE EXCEPTION '_builtin_row_guard() guards only the reference tables of bosetting, not %', TG_RELID::regclass
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.builtin := false;
        EXECUTE format('DELETE FROM ONLY %s t WHERE t.builtin AND %s', TG_RELID::regclass,
                       (SELECT string_agg(format('t.%1$I::pg_catalog.text = ($1).%1$I::pg_catalog.text', a), ' AND ')
                        FROM unnest(TG_ARGV) a))
            USING NEW;
        RETURN NEW;
    ELSIF NOT OLD.builtin THEN
        IF TG_OP = 'UPDATE' THEN
            NEW.builtin := false;
        END IF;
        RETURN coalesce(NEW, OLD);
    ELSIF TG_OP = 'DELETE' THEN
        IF pg_trigger_depth() > 1 THEN
            RETURN OLD;     -- replaced by a user row (the INSERT branch above)
        END IF;
        RAISE EXCEPTION 'the built-in row (%) of % cannot be deleted', old_key, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Insert (or load) a row with the same key instead: it replaces the built-in row, and pg_dump keeps it.';
    END IF;
    FOREACH k IN ARRAY TG_ARGV LOOP
        IF to_jsonb(NEW) -> k IS DISTINCT FROM to_jsonb(OLD) -> k THEN
            RAISE EXCEPTION 'the key of the built-in row (%) of % cannot change', old_key, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'Insert a row with the new key instead.';
        END IF;
    END LOOP;
    IF to_jsonb(NEW) - 'builtin' IS DISTINCT FROM to_jsonb(OLD) - 'builtin' THEN
        NEW.builtin := false;   -- edited: now a user row, which pg_dump keeps
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@._builtin_row_guard() IS
    'internal trigger: an edited built-in reference row becomes a user row (kept by pg_dump), a user row replaces the built-in row of its key, deleting a built-in row or changing its key is refused';

CREATE OR REPLACE TRIGGER county_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.county
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('fylkenr', 'era_from');
CREATE OR REPLACE TRIGGER municipality_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('kommunenr', 'valid_from');
