-- builtin.sql: built-in reference rows that survive pg_dump (issue 10, item 3).
--
-- Built-in rows (county eras, municipality 9999, grant rates, cost
-- estimates) are created by CREATE EXTENSION, so pg_dump leaves them out
-- (pg_extension_config_dump ... 'WHERE NOT builtin').  An edit must survive
-- a dump and restore, so an edited built-in row becomes a user row (builtin
-- false) that pg_dump keeps; and a row inserted with the key of a built-in
-- row takes its place, which is how pg_restore brings the edited row back
-- over the one CREATE EXTENSION made.  (So an INSERT ... ON CONFLICT on such
-- a key replaces the whole row: the loaders UPDATE first.)  Deleting a built-in row would
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
    n bigint;
    stmt text;
    old_key text := (SELECT string_agg(format('%s %s', a, to_jsonb(OLD) ->> a), ', ') FROM unnest(TG_ARGV) a);
BEGIN
    IF TG_RELID NOT IN ('@extschema@.county'::regclass, '@extschema@.municipality'::regclass,
                        '@extschema@.grant_rate'::regclass, '@extschema@.cost_estimate'::regclass) THEN
        RAISE EXCEPTION '_builtin_row_guard() guards only the reference tables of bosetting, not %', TG_RELID::regclass
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' THEN
        -- A row with the key of a built-in row takes its place (an UPDATE,
        -- so the row becomes a user row below); the INSERT is skipped.
        NEW.builtin := false;
        SELECT format('UPDATE ONLY %s t SET (%s) = ROW(%s) WHERE t.builtin AND %s', TG_RELID::regclass,
                      string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum),
                      string_agg(format('($1).%I', a.attname), ', ' ORDER BY a.attnum),
                      (SELECT string_agg(format('t.%1$I::pg_catalog.text = ($1).%1$I::pg_catalog.text', c), ' AND ')
                       FROM unnest(TG_ARGV) c)) INTO stmt
        FROM pg_attribute a
        WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'builtin';
        EXECUTE stmt USING NEW;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN CASE WHEN n = 0 THEN NEW END;
    ELSIF NOT OLD.builtin THEN
        IF TG_OP = 'UPDATE' THEN
            NEW.builtin := false;
        END IF;
        RETURN coalesce(NEW, OLD);
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the built-in row (%) of % cannot be deleted', old_key, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Update it, or insert (or load) a row with the same key: it takes the built-in row''s place, and pg_dump keeps it.';
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
