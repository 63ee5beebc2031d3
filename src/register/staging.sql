-- staging.sql: what every loader shares (issue 10, items 2 and 3): the check
-- of a staging table and the skeleton that reads it row by row.
--
-- A DBA copies a file as it is into a staging table of its own whose columns
-- are named as the file's header (text columns), then calls a loader.  The
-- loader reads only a plain table the calling role owns, with text-like
-- columns, no rules, no row-level security and no trigger of another role,
-- and reads it with ONLY: reading such a table runs no code of anyone else
-- (a user-defined cast or policy of another role would run with the
-- caller's rights; review 06).  Every row that cannot be loaded comes back
-- with its reason; nothing is dropped silently.  Rows are numbered in the
-- table's physical order (after a fresh COPY: the file's data line number).
-- Functions of this file are CREATE OR REPLACE: the upgrade script runs the
-- file again.

-- How to make a staging table a loader accepts.
CREATE OR REPLACE FUNCTION @extschema@._staging_hint()
RETURNS pg_catalog.text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'Create the staging table yourself (CREATE TEMP TABLE with text columns named as the file''s header), COPY the file into it and pass that table.';
COMMENT ON FUNCTION @extschema@._staging_hint() IS
    'internal: the hint of every staging table error';

-- Which of the required and optional columns a staging table has (required
-- first); 22023 when a required one is missing or one is not text-like.
CREATE OR REPLACE FUNCTION @extschema@._staging_columns(staging pg_catalog.regclass, required pg_catalog.text[],
                                                        optional pg_catalog.text[])
RETURNS pg_catalog.text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    have text[];
    missing text[];
    bad text;
BEGIN
    SELECT array_agg(c ORDER BY o) INTO have
    FROM unnest(required || optional) WITH ORDINALITY AS u(c, o)
    WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = staging AND a.attname = u.c
                  AND a.attnum > 0 AND NOT a.attisdropped);
    SELECT array_agg(x) INTO missing FROM unnest(required) AS x WHERE NOT x = ANY (coalesce(have, '{}'));
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'staging table % lacks column(s) %', staging, array_to_string(missing, ', ')
            USING ERRCODE = 'invalid_parameter_value', HINT = @extschema@._staging_hint();
    END IF;
    SELECT format('%s (%s)', a.attname, format_type(a.atttypid, a.atttypmod)) INTO bad
    FROM pg_attribute a
    WHERE a.attrelid = staging AND a.attname = ANY (have) AND a.attnum > 0 AND NOT a.attisdropped
      AND a.atttypid NOT IN ('pg_catalog.text'::regtype, 'pg_catalog.varchar'::regtype, 'pg_catalog.bpchar'::regtype)
    ORDER BY a.attnum LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'staging column % is not text, varchar or char', bad
            USING ERRCODE = 'invalid_parameter_value', HINT = @extschema@._staging_hint();
    END IF;
    RETURN have;
END;
$$;
COMMENT ON FUNCTION @extschema@._staging_columns(pg_catalog.regclass, pg_catalog.text[], pg_catalog.text[]) IS
    'internal: which of the required and optional columns a staging table has; 22023 when a required one is missing or one is not text, varchar or char';

-- The staging relation checked and locked; returns which of the required and
-- optional columns it has (required first), or raises 42501 / 22023.
CREATE OR REPLACE FUNCTION @extschema@._check_staging(staging pg_catalog.regclass, required pg_catalog.text[],
                                                      optional pg_catalog.text[] DEFAULT '{}')
RETURNS pg_catalog.text[]
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rel record;
    what text;
    bad text;
    fix constant text := @extschema@._staging_hint();
BEGIN
    SELECT c.relkind, c.relowner, c.relhasrules, c.relrowsecurity, n.nspname, c.relname INTO rel
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = staging;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'staging relation % does not exist', staging::oid USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF rel.relkind <> 'r' THEN
        what := CASE rel.relkind WHEN 'v' THEN 'a view' WHEN 'm' THEN 'a materialized view'
                     WHEN 'f' THEN 'a foreign table' WHEN 'p' THEN 'a partitioned table'
                     ELSE format('not a table (relkind %s)', rel.relkind) END;
        RAISE EXCEPTION 'staging relation % is %; a loader reads only a plain table', staging, what
            USING ERRCODE = 'invalid_parameter_value', HINT = fix;
    END IF;
    IF rel.relowner <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION 'staging table % is owned by role %, not by the calling role %',
                staging, pg_get_userbyid(rel.relowner), current_user
            USING ERRCODE = 'insufficient_privilege', HINT = fix;
    END IF;
    -- Hold the table until the transaction ends: it cannot be dropped and
    -- replaced by another under the same name while the loader reads it.
    EXECUTE format('LOCK TABLE ONLY %I.%I IN ACCESS SHARE MODE', rel.nspname, rel.relname);
    IF to_regclass(format('%I.%I', rel.nspname, rel.relname)) IS DISTINCT FROM staging THEN
        RAISE EXCEPTION 'staging table % was replaced while it was being locked', staging
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF rel.relhasrules OR rel.relrowsecurity OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = staging) THEN
        RAISE EXCEPTION 'staging table % has rules or row-level security', staging
            USING ERRCODE = 'invalid_parameter_value', HINT = fix;
    END IF;
    SELECT t.tgname INTO bad FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE t.tgrelid = staging AND NOT t.tgisinternal AND p.proowner <> rel.relowner LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'staging table % has trigger % whose function belongs to another role', staging, bad
            USING ERRCODE = 'insufficient_privilege', HINT = fix;
    END IF;
    RETURN @extschema@._staging_columns(staging, required, optional);
END;
$$;
COMMENT ON FUNCTION @extschema@._check_staging(pg_catalog.regclass, pg_catalog.text[], pg_catalog.text[]) IS
    'internal: checks and locks a staging table (a plain table of the calling role, text-like columns, no rules, policies or other role''s triggers) and returns which of the required and optional columns it has; 42501 or 22023 otherwise';

-- SELECT list entry: the column as trimmed text, empty = NULL.
CREATE OR REPLACE FUNCTION @extschema@.staging_text(have pg_catalog.text[], col pg_catalog.text)
RETURNS pg_catalog.text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN col OPERATOR(pg_catalog.=) ANY (have)
                THEN pg_catalog.format('NULLIF(pg_catalog.btrim(%I::pg_catalog.text), '''') AS %I', col, col)
                ELSE pg_catalog.format('NULL::pg_catalog.text AS %I', col) END;
END;
COMMENT ON FUNCTION @extschema@.staging_text(pg_catalog.text[], pg_catalog.text) IS
    'loader helper: a SELECT-list entry reading a staging column as trimmed text (empty = NULL), or NULL when absent';

-- Parse a count: NULL for NULL, else a non-negative integer or an error text.
CREATE OR REPLACE FUNCTION @extschema@.count_problem(v pg_catalog.text, col pg_catalog.text)
RETURNS pg_catalog.text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN v IS NULL THEN NULL
                WHEN v OPERATOR(pg_catalog.~) '^[0-9]{1,9}$' THEN NULL
                ELSE pg_catalog.format('%s "%s" is not a non-negative whole number', col, v) END;
END;
COMMENT ON FUNCTION @extschema@.count_problem(pg_catalog.text, pg_catalog.text) IS
    'loader helper: why a text is not a count, or NULL when it is one (or is NULL)';

-- What a kommunenr text lacks, or NULL when it is a valid code.
CREATE OR REPLACE FUNCTION @extschema@._kommunenr_problem(v pg_catalog.text, col pg_catalog.text)
RETURNS pg_catalog.text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN v IS NOT NULL AND @extschema@.kommunenr_is_valid(v) THEN NULL
                ELSE pg_catalog.format('%s "%s": %s', col, v,
                        COALESCE(@extschema@.kommunenr_invalid_reason(v), 'empty')) END;
END;
COMMENT ON FUNCTION @extschema@._kommunenr_problem(pg_catalog.text, pg_catalog.text) IS
    'loader helper: why a text is not a municipality code, or NULL when it is one';

-- The skeleton of every loader: check the staging table, number its rows,
-- reject repeated keys (dup_key: column names, or year(col) for the year of
-- a date column), hand each row (a jsonb of the columns it has, as
-- trimmed text) to the loader's row function inside its own exception
-- block, count.  A row's own fault is its reason; the database's trouble
-- (serialization, deadlock, locks, resources) stops the load.
CREATE OR REPLACE FUNCTION @extschema@._load_rows(loader pg_catalog.text, staging pg_catalog.regclass,
        required pg_catalog.text[], optional pg_catalog.text[], dup_key pg_catalog.text[],
        ctx pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    have text[] := @extschema@._check_staging(staging, required, optional);
    r record;
    problem text;
    noted bool;
    n_ok int := 0;
    n_bad int := 0;
    n_noted int := 0;
BEGIN
    FOR r IN EXECUTE format(
        'SELECT rn, min(rn) OVER (PARTITION BY %s) AS first_rn, to_jsonb(s) - ''rn'' AS j
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s FROM ONLY %I.%I) s ORDER BY rn',
        (SELECT string_agg(CASE WHEN k ~ '^year\(\w+\)$' THEN format('left(%I, 4)', substring(k FROM '^year\((\w+)\)$'))
                                ELSE quote_ident(k) END, ', ') FROM unnest(dup_key) k),
        (SELECT string_agg(@extschema@.staging_text(have, c), ', ') FROM unnest(have) c),
        (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = staging),
        (SELECT c.relname FROM pg_class c WHERE c.oid = staging))
    LOOP
        problem := NULL;
        noted := false;
        BEGIN
            CASE loader
            WHEN 'load_counties' THEN problem := @extschema@._load_county(r.j, ctx);
            WHEN 'load_kommunenr_changes' THEN problem := @extschema@._load_change(r.j, ctx);
            WHEN 'load_municipalities' THEN problem := @extschema@._load_municipality(r.j, ctx);
            WHEN 'load_decisions' THEN SELECT * INTO problem, noted FROM @extschema@._load_decision(r.j, ctx);
            WHEN 'load_population' THEN problem := @extschema@._load_population(r.j, ctx);
            END CASE;
            IF problem IS NULL AND r.rn <> r.first_rn THEN
                RAISE EXCEPTION USING ERRCODE = 'unique_violation',
                      MESSAGE = format('same %s as row %s',
                                     regexp_replace(array_to_string(dup_key, ', '), ', ([^,]*)$', ' and \1'), r.first_rn);
            END IF;
        EXCEPTION
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
            n_noted := n_noted + noted::int;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn;
            row_key := (SELECT concat_ws(' ', VARIADIC array_agg(r.j ->> coalesce(substring(k FROM '^year\((\w+)\)$'), k)))
                        FROM unnest(dup_key) k);
            reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    RAISE NOTICE '%: % rows loaded%, % rejected', loader, n_ok,
        CASE WHEN n_noted > 0 THEN format(' (%s %s)', n_noted, ctx ->> 'noted') ELSE '' END, n_bad;
END;
$$;
COMMENT ON FUNCTION @extschema@._load_rows(pg_catalog.text, pg_catalog.regclass, pg_catalog.text[], pg_catalog.text[], pg_catalog.text[], pg_catalog.jsonb) IS
    'internal: the loop every loader shares (staging check, numbered rows, repeated keys, one exception block per row, counters); returns the rejected rows with reasons';
