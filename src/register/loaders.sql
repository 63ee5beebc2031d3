-- loaders.sql: loaders for the official export formats (issue 4, item 3).
--
-- A DBA copies a file as it is into a staging table whose columns are named
-- as the file's header (any types; values are read as text), then calls a
-- loader.  Every row that cannot be loaded comes back with its reason;
-- nothing is dropped silently.  Loading is an upsert on the target's key, so
-- loading the same file again changes nothing.  Rows are numbered in the
-- staging table's physical order (after a fresh COPY that is the file's data
-- line number, header not counted).

-- The staging table's column list, or 22023 naming what is missing.
CREATE FUNCTION @extschema@.staging_columns(staging pg_catalog.regclass, required pg_catalog.text[],
                                            file_kind pg_catalog.text)
RETURNS pg_catalog.text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    have text[];
    missing text[];
BEGIN
    SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO have
    FROM pg_attribute a
    WHERE a.attrelid = staging AND a.attnum > 0 AND NOT a.attisdropped;
    SELECT array_agg(x) INTO missing FROM unnest(required) AS x WHERE NOT x = ANY (coalesce(have, '{}'));
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'staging table % lacks column(s) %', staging, array_to_string(missing, ', ')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('Create it with the header of %s as column names and COPY the file into it.', file_kind);
    END IF;
    RETURN have;
END;
$$;
COMMENT ON FUNCTION @extschema@.staging_columns(pg_catalog.regclass, pg_catalog.text[], pg_catalog.text) IS
    'the columns of a staging table; raises 22023 when a required one is missing';

-- SELECT list entry: the column as text, or NULL when the table lacks it.
CREATE FUNCTION @extschema@.staging_text(have pg_catalog.text[], col pg_catalog.text)
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
CREATE FUNCTION @extschema@.count_problem(v pg_catalog.text, col pg_catalog.text)
RETURNS pg_catalog.text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN v IS NULL THEN NULL
                WHEN v OPERATOR(pg_catalog.~) '^[0-9]{1,9}$' THEN NULL
                ELSE pg_catalog.format('%s "%s" is not a non-negative whole number', col, v) END;
END;
COMMENT ON FUNCTION @extschema@.count_problem(pg_catalog.text, pg_catalog.text) IS
    'loader helper: why a text is not a count, or NULL when it is one (or is NULL)';

------------------------------------------------------------------------------
-- Counties: fylker_by_era.csv
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_counties(staging pg_catalog.regclass,
                                          source pg_catalog.text DEFAULT 'fylker_by_era.csv')
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    have text[];
    r record;
    problem text;
    old record;
    n_ok int := 0;
    n_bad int := 0;
BEGIN
    have := @extschema@.staging_columns(staging, ARRAY['era_from', 'era_to', 'fylkenr', 'fylke_name'], 'fylker_by_era.csv');
    FOR r IN EXECUTE format(
        'SELECT t.*, count(*) OVER (PARTITION BY fylkenr, era_from) AS dup,
                first_value(rn) OVER (PARTITION BY fylkenr, era_from ORDER BY rn) AS first_rn
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s, %s, %s, %s, %s, %s, %s FROM %s) t ORDER BY rn',
        @extschema@.staging_text(have, 'era_from'), @extschema@.staging_text(have, 'era_to'),
        @extschema@.staging_text(have, 'fylkenr'), @extschema@.staging_text(have, 'fylke_name'),
        @extschema@.staging_text(have, 'ssb_label_with_sami_forms'),
        @extschema@.staging_text(have, 'municipalities'),
        @extschema@.staging_text(have, 'municipalities_counted_at'), staging)
    LOOP
        problem := NULL;
        BEGIN
            IF r.fylkenr IS NULL OR r.fylkenr !~ '^[0-9]{2}$' THEN
                problem := format('fylkenr "%s" is not two digits', r.fylkenr);
            ELSIF r.era_from IS NULL OR r.era_from !~ '^\d{4}-\d{2}-\d{2}$' THEN
                problem := format('era_from "%s" is not a date (YYYY-MM-DD)', r.era_from);
            ELSIF r.era_to IS NOT NULL AND r.era_to !~ '^\d{4}-\d{2}-\d{2}$' THEN
                problem := format('era_to "%s" is not a date (YYYY-MM-DD)', r.era_to);
            ELSIF r.fylke_name IS NULL THEN
                problem := 'fylke_name is empty';
            ELSIF r.dup > 1 AND r.rn <> r.first_rn THEN
                problem := format('same fylkenr and era_from as row %s', r.first_rn);
            ELSE
                problem := @extschema@.count_problem(r.municipalities, 'municipalities');
            END IF;
            IF problem IS NULL THEN
                SELECT * INTO old FROM @extschema@.county c
                WHERE c.fylkenr = r.fylkenr AND c.era_from = r.era_from::date;
                IF FOUND AND old.builtin AND (old.name <> r.fylke_name
                        OR old.era_to IS DISTINCT FROM r.era_to::date) THEN
                    problem := format('differs from the built-in county %s %s (%s to %s)', old.fylkenr, old.name,
                                      old.era_from, coalesce(old.era_to::text, 'now'));
                END IF;
            END IF;
            IF problem IS NULL THEN
                INSERT INTO @extschema@.county AS c (fylkenr, era_from, era_to, name, sami_name, municipalities,
                                                     municipalities_counted_at, source)
                VALUES (r.fylkenr, r.era_from::date, r.era_to::date, r.fylke_name, r.ssb_label_with_sami_forms,
                        r.municipalities::int, r.municipalities_counted_at::date, load_counties.source)
                ON CONFLICT (fylkenr, era_from) DO UPDATE
                SET era_to = EXCLUDED.era_to, name = EXCLUDED.name,
                    sami_name = coalesce(EXCLUDED.sami_name, c.sami_name),
                    municipalities = coalesce(EXCLUDED.municipalities, c.municipalities),
                    municipalities_counted_at = coalesce(EXCLUDED.municipalities_counted_at, c.municipalities_counted_at),
                    source = CASE WHEN c.builtin THEN c.source ELSE EXCLUDED.source END;
            END IF;
        EXCEPTION
            -- A row's own fault is its reason; the database's trouble
            -- (serialization, deadlock, locks, resources) stops the load.
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn; row_key := r.fylkenr || ' ' || coalesce(r.era_from, ''); reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    RAISE NOTICE 'load_counties: % rows loaded, % rejected', n_ok, n_bad;
END;
$$;
COMMENT ON FUNCTION @extschema@.load_counties(pg_catalog.regclass, pg_catalog.text) IS
    'loads county eras from a staging copy of fylker_by_era.csv; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Code changes: kommunenr_changes.csv, and the municipality versions they imply
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.derive_municipality_history(
        source pg_catalog.text DEFAULT 'derived from the SSB KLASS 131 change history (kommunenr_change)')
RETURNS pg_catalog.int4
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n int;
BEGIN
    -- Per code and day: did the code continue (self edge), receive (in) or
    -- hand over (out)?  A new version starts where a code appears or is
    -- renamed; a version ends the day before the code stops (out without
    -- self or in).  A code whose first event hands over or continues
    -- existed before: its first version starts 1838-01-01, the start of
    -- KLASS 131.
    WITH edges AS (
        SELECT old_kommunenr::text AS c, valid_from AS d,
               CASE WHEN old_kommunenr OPERATOR(@extschema@.=) new_kommunenr THEN 'self' ELSE 'out' END AS kind,
               old_name, new_name
        FROM @extschema@.kommunenr_change
        UNION ALL
        SELECT new_kommunenr::text, valid_from, 'in', old_name, new_name
        FROM @extschema@.kommunenr_change
        WHERE old_kommunenr OPERATOR(@extschema@.<>) new_kommunenr
    ), ev AS (
        SELECT c, d,
               bool_or(kind = 'self') AS has_self,
               bool_or(kind = 'self' AND old_name IS DISTINCT FROM new_name) AS renamed,
               min(new_name) FILTER (WHERE kind = 'self') AS self_name,
               bool_or(kind = 'in') AS has_in,
               min(new_name) FILTER (WHERE kind = 'in') AS in_name,
               bool_or(kind = 'out') AS has_out,
               min(old_name) FILTER (WHERE kind IN ('self', 'out')) AS old_name
        FROM edges GROUP BY c, d
    ), firsts AS (
        SELECT DISTINCT ON (c) c, d, (has_self OR has_out) AS existed_before, old_name
        FROM ev ORDER BY c, d
    ), starts AS (
        SELECT c, date '1838-01-01' AS s, old_name AS name FROM firsts WHERE existed_before
        UNION ALL
        SELECT c, d, CASE WHEN has_self THEN self_name ELSE in_name END
        FROM ev WHERE (has_self AND renamed) OR (NOT has_self AND has_in)
    ), ends AS (
        SELECT c, d FROM ev WHERE has_out AND NOT has_self AND NOT has_in
    ), versions AS (
        SELECT st.c, st.s, st.name,
               least(lead(st.s) OVER w - 1,
                     (SELECT min(e.d) - 1 FROM ends e WHERE e.c = st.c AND e.d > st.s)) AS t
        FROM starts st
        WINDOW w AS (PARTITION BY st.c ORDER BY st.s)
    ), clipped AS (
        -- leave rows already in the register alone: stop before one that
        -- starts later, skip a version one already covers
        SELECT v.c, v.s, v.name,
               CASE WHEN nxt.valid_from IS NOT NULL AND (v.t IS NULL OR nxt.valid_from <= v.t)
                    THEN nxt.valid_from - 1 ELSE v.t END AS t
        FROM versions v
        LEFT JOIN LATERAL (
            SELECT min(m.valid_from) AS valid_from FROM @extschema@.municipality m
            WHERE m.kommunenr::text = v.c AND m.valid_from > v.s) nxt ON true
        WHERE NOT EXISTS (
            SELECT 1 FROM @extschema@.municipality m
            WHERE m.kommunenr::text = v.c AND m.valid_from <= v.s
              AND coalesce(m.valid_to, 'infinity') >= v.s)
    )
    INSERT INTO @extschema@.municipality (kommunenr, valid_from, valid_to, name, fylkenr, source)
    SELECT c::@extschema@.kommunenr, s, t, name, left(c, 2), derive_municipality_history.source
    FROM clipped
    WHERE t IS NULL OR t >= s
    ORDER BY c, s;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;
COMMENT ON FUNCTION @extschema@.derive_municipality_history(pg_catalog.text) IS
    'adds the municipality versions (code, name, validity) that kommunenr_change implies and the register lacks; returns how many';

CREATE FUNCTION @extschema@.load_kommunenr_changes(staging pg_catalog.regclass,
                                                   source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    have text[];
    r record;
    problem text;
    n_ok int := 0;
    n_bad int := 0;
    n_versions int;
BEGIN
    have := @extschema@.staging_columns(staging, ARRAY['valid_from', 'old_kommunenr', 'new_kommunenr'],
                                        'kommunenr_changes.csv');
    FOR r IN EXECUTE format(
        'SELECT t.*, count(*) OVER (PARTITION BY valid_from, old_kommunenr, new_kommunenr) AS dup,
                first_value(rn) OVER (PARTITION BY valid_from, old_kommunenr, new_kommunenr ORDER BY rn) AS first_rn
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s, %s, %s, %s, %s, %s, %s FROM %s) t ORDER BY rn',
        @extschema@.staging_text(have, 'valid_from'), @extschema@.staging_text(have, 'old_kommunenr'),
        @extschema@.staging_text(have, 'old_name'), @extschema@.staging_text(have, 'new_kommunenr'),
        @extschema@.staging_text(have, 'new_name'), @extschema@.staging_text(have, 'note'),
        @extschema@.staging_text(have, 'source'), staging)
    LOOP
        problem := NULL;
        BEGIN
            IF r.valid_from IS NULL OR r.valid_from !~ '^\d{4}-\d{2}-\d{2}$' THEN
                problem := format('valid_from "%s" is not a date (YYYY-MM-DD)', r.valid_from);
            ELSIF r.old_kommunenr IS NULL OR NOT @extschema@.kommunenr_is_valid(r.old_kommunenr) THEN
                problem := format('old_kommunenr "%s": %s', r.old_kommunenr,
                                  coalesce(@extschema@.kommunenr_invalid_reason(r.old_kommunenr), 'empty'));
            ELSIF r.new_kommunenr IS NULL OR NOT @extschema@.kommunenr_is_valid(r.new_kommunenr) THEN
                problem := format('new_kommunenr "%s": %s', r.new_kommunenr,
                                  coalesce(@extschema@.kommunenr_invalid_reason(r.new_kommunenr), 'empty'));
            ELSIF r.dup > 1 AND r.rn <> r.first_rn THEN
                problem := format('same valid_from, old_kommunenr and new_kommunenr as row %s', r.first_rn);
            ELSE
                INSERT INTO @extschema@.kommunenr_change AS k
                    (valid_from, old_kommunenr, old_name, new_kommunenr, new_name, note, source)
                VALUES (r.valid_from::date, r.old_kommunenr::@extschema@.kommunenr, r.old_name,
                        r.new_kommunenr::@extschema@.kommunenr, r.new_name, r.note,
                        coalesce(load_kommunenr_changes.source, r.source))
                ON CONFLICT (valid_from, old_kommunenr, new_kommunenr) DO UPDATE
                SET old_name = EXCLUDED.old_name, new_name = EXCLUDED.new_name,
                    note = EXCLUDED.note, source = EXCLUDED.source;
            END IF;
        EXCEPTION
            -- A row's own fault is its reason; the database's trouble
            -- (serialization, deadlock, locks, resources) stops the load.
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn;
            row_key := concat_ws(' ', r.valid_from, r.old_kommunenr, '->', r.new_kommunenr);
            reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    n_versions := @extschema@.derive_municipality_history();
    RAISE NOTICE 'load_kommunenr_changes: % rows loaded, % rejected; % municipality versions added',
        n_ok, n_bad, n_versions;
END;
$$;
COMMENT ON FUNCTION @extschema@.load_kommunenr_changes(pg_catalog.regclass, pg_catalog.text) IS
    'loads code changes from a staging copy of kommunenr_changes.csv (SSB KLASS 131 change history) and adds the municipality versions they imply; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Municipalities: municipalities_2024.csv (a KLASS 131 list valid on one day)
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_municipalities(staging pg_catalog.regclass,
                                                valid_on pg_catalog.date DEFAULT '2024-01-01',
                                                source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    have text[];
    r record;
    problem text;
    k @extschema@.kommunenr;
    version_from date;
    cur record;
    history_loaded bool;
    n_ok int := 0;
    n_bad int := 0;
BEGIN
    have := @extschema@.staging_columns(staging, ARRAY['kommunenr', 'name', 'fylkenr'], 'municipalities_2024.csv');
    history_loaded := EXISTS (SELECT 1 FROM @extschema@.kommunenr_change);
    FOR r IN EXECUTE format(
        'SELECT t.*, count(*) OVER (PARTITION BY kommunenr) AS dup,
                first_value(rn) OVER (PARTITION BY kommunenr ORDER BY rn) AS first_rn
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s, %s, %s, %s, %s, %s, %s, %s, %s FROM %s) t ORDER BY rn',
        @extschema@.staging_text(have, 'kommunenr'), @extschema@.staging_text(have, 'name'),
        @extschema@.staging_text(have, 'fylkenr'), @extschema@.staging_text(have, 'population'),
        @extschema@.staging_text(have, 'population_date'), @extschema@.staging_text(have, 'name_official_2024'),
        @extschema@.staging_text(have, 'other_official_names'), @extschema@.staging_text(have, 'admin_centre'),
        @extschema@.staging_text(have, 'source'), staging)
    LOOP
        problem := NULL;
        BEGIN
            IF r.kommunenr IS NULL OR NOT @extschema@.kommunenr_is_valid(r.kommunenr) THEN
                problem := format('kommunenr "%s": %s', r.kommunenr,
                                  coalesce(@extschema@.kommunenr_invalid_reason(r.kommunenr), 'empty'));
            ELSIF r.name IS NULL THEN
                problem := 'name is empty';
            ELSIF r.fylkenr IS DISTINCT FROM left(r.kommunenr, 2) THEN
                problem := format('fylkenr "%s" is not the county part of kommunenr %s', r.fylkenr, r.kommunenr);
            ELSIF NOT EXISTS (SELECT 1 FROM @extschema@.county c WHERE c.fylkenr = r.fylkenr
                              AND c.era_from <= valid_on AND coalesce(c.era_to, 'infinity') >= valid_on) THEN
                problem := format('county %s did not exist on %s', r.fylkenr, valid_on);
            ELSIF r.dup > 1 AND r.rn <> r.first_rn THEN
                problem := format('same kommunenr as row %s', r.first_rn);
            ELSIF r.population_date IS NOT NULL AND r.population_date !~ '^\d{4}-\d{2}-\d{2}$' THEN
                problem := format('population_date "%s" is not a date (YYYY-MM-DD)', r.population_date);
            ELSE
                problem := @extschema@.count_problem(r.population, 'population');
            END IF;
            IF problem IS NULL THEN
                k := r.kommunenr::@extschema@.kommunenr;
                SELECT m.valid_from, m.name, m.official_name INTO cur FROM @extschema@.municipality m
                WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from <= valid_on
                  AND coalesce(m.valid_to, 'infinity') >= valid_on;
                version_from := cur.valid_from;
                IF FOUND AND cur.valid_from < valid_on
                   AND r.name IS DISTINCT FROM cur.name AND r.name IS DISTINCT FROM cur.official_name
                   AND r.name_official_2024 IS DISTINCT FROM cur.name THEN
                    -- renamed by valid_on: end the version the day before
                    UPDATE @extschema@.municipality m SET valid_to = valid_on - 1
                    WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from = cur.valid_from;
                    version_from := NULL;
                END IF;
                IF version_from IS NOT NULL THEN
                    UPDATE @extschema@.municipality m
                    SET name = r.name, fylkenr = r.fylkenr, population = r.population::int,
                        population_date = r.population_date::date, official_name = r.name_official_2024,
                        other_official_names = r.other_official_names, admin_centre = r.admin_centre,
                        source = coalesce(load_municipalities.source, r.source)
                    WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from = version_from;
                ELSE
                    -- A new version.  With the change history loaded, a code
                    -- it never mentions has been unchanged since KLASS
                    -- begins (1838); otherwise the list's date is all we know.
                    version_from := valid_on;
                    IF history_loaded AND cur.valid_from IS NULL AND NOT EXISTS (
                            SELECT 1 FROM @extschema@.kommunenr_change c
                            WHERE c.old_kommunenr OPERATOR(@extschema@.=) k
                               OR c.new_kommunenr OPERATOR(@extschema@.=) k)
                       AND NOT EXISTS (SELECT 1 FROM @extschema@.municipality m
                                       WHERE m.kommunenr OPERATOR(@extschema@.=) k) THEN
                        version_from := date '1838-01-01';
                    END IF;
                    INSERT INTO @extschema@.municipality
                        (kommunenr, valid_from, valid_to, name, fylkenr, population, population_date, official_name,
                         other_official_names, admin_centre, source)
                    VALUES (k, version_from,
                            (SELECT min(m.valid_from) - 1 FROM @extschema@.municipality m
                             WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from > valid_on),
                            r.name, r.fylkenr, r.population::int, r.population_date::date,
                            r.name_official_2024, r.other_official_names, r.admin_centre,
                            coalesce(load_municipalities.source, r.source));
                END IF;
            END IF;
        EXCEPTION
            -- A row's own fault is its reason; the database's trouble
            -- (serialization, deadlock, locks, resources) stops the load.
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn; row_key := r.kommunenr; reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    RAISE NOTICE 'load_municipalities: % rows loaded, % rejected', n_ok, n_bad;
END;
$$;
COMMENT ON FUNCTION @extschema@.load_municipalities(pg_catalog.regclass, pg_catalog.date, pg_catalog.text) IS
    'loads a municipality list valid on valid_on (municipalities_2024.csv: SSB KLASS 131) from a staging table: updates the version valid that day or adds one; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- IMDi's settlement table: imdi_settlement_by_municipality.csv
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_decisions(staging pg_catalog.regclass,
                                           source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    have text[];
    r record;
    problem text;
    measures text[] := ARRAY['requested', 'requested_original', 'decided', 'settled',
                             'settled_collective_protection', 'em_requested', 'em_decided', 'em_settled'];
    flags text[] := ARRAY['suppressed', 'missing', 'awaiting_decision', 'not_requested', 'lower_bound', 'blank_in_source'];
    cols text := '';
    m text;
    v text;
    f text;
    j jsonb;
    k @extschema@.kommunenr;
    k_source @extschema@.kommunenr;
    successors @extschema@.kommunenr[];
    n_ok int := 0;
    n_bad int := 0;
    n_recoded int := 0;
BEGIN
    have := @extschema@.staging_columns(staging, ARRAY['year', 'kommunenr'], 'imdi_settlement_by_municipality.csv');
    FOREACH m IN ARRAY measures LOOP
        cols := cols || ', ' || @extschema@.staging_text(have, m) || ', ' || @extschema@.staging_text(have, m || '_flag');
    END LOOP;
    FOR r IN EXECUTE format(
        'SELECT t.*, count(*) OVER (PARTITION BY year, kommunenr) AS dup,
                first_value(rn) OVER (PARTITION BY year, kommunenr ORDER BY rn) AS first_rn
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s, %s, %s, %s, %s, %s %s FROM %s) t ORDER BY rn',
        @extschema@.staging_text(have, 'year'), @extschema@.staging_text(have, 'kommunenr'),
        @extschema@.staging_text(have, 'kommunenr_2024'), @extschema@.staging_text(have, 'kommune_name'),
        @extschema@.staging_text(have, 'settled_is_full_year'), @extschema@.staging_text(have, 'sources'),
        cols, staging)
    LOOP
        problem := NULL;
        BEGIN
            j := to_jsonb(r);
            IF r.year IS NULL OR r.year !~ '^\d{4}$' THEN
                problem := format('year "%s" is not a 4-digit year', r.year);
            ELSIF r.kommunenr IS NULL OR NOT @extschema@.kommunenr_is_valid(r.kommunenr) THEN
                problem := format('kommunenr "%s": %s', r.kommunenr,
                                  coalesce(@extschema@.kommunenr_invalid_reason(r.kommunenr), 'empty'));
            ELSIF r.kommunenr_2024 IS NOT NULL AND NOT @extschema@.kommunenr_is_valid(r.kommunenr_2024) THEN
                problem := format('kommunenr_2024 "%s": %s', r.kommunenr_2024,
                                  @extschema@.kommunenr_invalid_reason(r.kommunenr_2024));
            ELSIF r.settled_is_full_year IS NOT NULL AND r.settled_is_full_year NOT IN ('true', 'false') THEN
                problem := format('settled_is_full_year "%s" is neither true nor false', r.settled_is_full_year);
            ELSIF r.dup > 1 AND r.rn <> r.first_rn THEN
                problem := format('same year and kommunenr as row %s', r.first_rn);
            END IF;
            IF problem IS NULL THEN
                FOREACH m IN ARRAY measures LOOP
                    v := j ->> m;
                    f := j ->> (m || '_flag');
                    problem := @extschema@.count_problem(v, m);
                    IF problem IS NULL AND f IS NOT NULL AND NOT f = ANY (flags) THEN
                        problem := format('%s_flag "%s" is not one of %s', m, f, array_to_string(flags, ', '));
                    ELSIF problem IS NULL AND v IS NOT NULL AND f IS NOT NULL AND f <> 'lower_bound' THEN
                        problem := format('%s has the value %s but is flagged %s', m, v, f);
                    ELSIF problem IS NULL AND v IS NULL AND f = 'lower_bound' THEN
                        problem := format('%s is flagged lower_bound but has no value', m);
                    END IF;
                    EXIT WHEN problem IS NOT NULL;
                END LOOP;
            END IF;
            IF problem IS NULL THEN
                -- A code no longer valid in the year (IMDi keeps Trøndelag's
                -- 16xx/17xx codes for 2018-2019) is stored under its only
                -- successor valid in the year; kommunenr_in_source keeps it.
                k := r.kommunenr::@extschema@.kommunenr;
                k_source := NULL;
                IF NOT @extschema@.municipality_valid_in(k, r.year::int) THEN
                    SELECT array_agg(s) INTO successors
                    FROM @extschema@.kommunenr_successors(k, make_date(r.year::int, 1, 1)) AS s
                    WHERE @extschema@.municipality_valid_in(s, r.year::int);
                    IF cardinality(successors) = 1 THEN
                        k_source := k;
                        k := successors[1];
                    ELSIF cardinality(successors) > 1 THEN
                        problem := format('municipality %s does not exist in %s, and it has several successors (%s)',
                                          k, r.year, array_to_string(successors, ', '));
                    END IF;
                END IF;
            END IF;
            IF problem IS NULL THEN
                INSERT INTO @extschema@.decision AS d
                    (year, kommunenr, kommunenr_in_source, kommune_name, kommunenr_2024,
                     requested, requested_flag, requested_original, requested_original_flag,
                     decided, decided_flag, requested_em, requested_em_flag, decided_em, decided_em_flag,
                     settled, settled_flag, settled_is_full_year,
                     settled_collective_protection, settled_collective_protection_flag,
                     settled_em, settled_em_flag, source)
                VALUES (r.year::int, k, k_source, r.kommune_name,
                        r.kommunenr_2024::@extschema@.kommunenr,
                        r.requested::int, r.requested_flag, r.requested_original::int, r.requested_original_flag,
                        r.decided::int, r.decided_flag, r.em_requested::int, r.em_requested_flag,
                        r.em_decided::int, r.em_decided_flag,
                        r.settled::int, r.settled_flag, r.settled_is_full_year::bool,
                        r.settled_collective_protection::int, r.settled_collective_protection_flag,
                        r.em_settled::int, r.em_settled_flag, coalesce(load_decisions.source, r.sources))
                ON CONFLICT (year, kommunenr) DO UPDATE
                SET kommunenr_in_source = EXCLUDED.kommunenr_in_source,
                    kommune_name = EXCLUDED.kommune_name, kommunenr_2024 = EXCLUDED.kommunenr_2024,
                    requested = EXCLUDED.requested, requested_flag = EXCLUDED.requested_flag,
                    requested_original = EXCLUDED.requested_original,
                    requested_original_flag = EXCLUDED.requested_original_flag,
                    decided = EXCLUDED.decided, decided_flag = EXCLUDED.decided_flag,
                    requested_em = EXCLUDED.requested_em, requested_em_flag = EXCLUDED.requested_em_flag,
                    decided_em = EXCLUDED.decided_em, decided_em_flag = EXCLUDED.decided_em_flag,
                    settled = EXCLUDED.settled, settled_flag = EXCLUDED.settled_flag,
                    settled_is_full_year = EXCLUDED.settled_is_full_year,
                    settled_collective_protection = EXCLUDED.settled_collective_protection,
                    settled_collective_protection_flag = EXCLUDED.settled_collective_protection_flag,
                    settled_em = EXCLUDED.settled_em, settled_em_flag = EXCLUDED.settled_em_flag,
                    source = EXCLUDED.source
                WHERE (d.*) IS DISTINCT FROM (EXCLUDED.*);
            END IF;
        EXCEPTION
            -- A row's own fault is its reason; the database's trouble
            -- (serialization, deadlock, locks, resources) stops the load.
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
            IF k_source IS NOT NULL THEN
                n_recoded := n_recoded + 1;
            END IF;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn; row_key := concat_ws(' ', r.year, r.kommunenr); reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    RAISE NOTICE 'load_decisions: % rows loaded (% under the successor of a code no longer valid in the year), % rejected',
        n_ok, n_recoded, n_bad;
END;
$$;
COMMENT ON FUNCTION @extschema@.load_decisions(pg_catalog.regclass, pg_catalog.text) IS
    'loads IMDi''s request/decision/settled table (imdi_settlement_by_municipality.csv) from a staging table into decision; flags kept, suppressed values stay NULL; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Population: municipality_population.csv into indicator
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_population(staging pg_catalog.regclass,
                                            source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    have text[];
    r record;
    problem text;
    n_ok int := 0;
    n_bad int := 0;
BEGIN
    have := @extschema@.staging_columns(staging, ARRAY['kommunenr', 'population_date', 'population'],
                                        'municipality_population.csv');
    FOR r IN EXECUTE format(
        'SELECT t.*, count(*) OVER (PARTITION BY kommunenr, left(population_date, 4)) AS dup,
                first_value(rn) OVER (PARTITION BY kommunenr, left(population_date, 4) ORDER BY rn) AS first_rn
         FROM (SELECT row_number() OVER (ORDER BY ctid) AS rn, %s, %s, %s, %s FROM %s) t ORDER BY rn',
        @extschema@.staging_text(have, 'kommunenr'), @extschema@.staging_text(have, 'population_date'),
        @extschema@.staging_text(have, 'population'), @extschema@.staging_text(have, 'source'), staging)
    LOOP
        problem := NULL;
        BEGIN
            IF r.kommunenr IS NULL OR NOT @extschema@.kommunenr_is_valid(r.kommunenr) THEN
                problem := format('kommunenr "%s": %s', r.kommunenr,
                                  coalesce(@extschema@.kommunenr_invalid_reason(r.kommunenr), 'empty'));
            ELSIF r.population_date IS NULL OR r.population_date !~ '^\d{4}-\d{2}-\d{2}$' THEN
                problem := format('population_date "%s" is not a date (YYYY-MM-DD)', r.population_date);
            ELSIF r.population IS NULL THEN
                problem := 'population is empty';
            ELSIF r.dup > 1 AND r.rn <> r.first_rn THEN
                problem := format('same kommunenr and year as row %s', r.first_rn);
            ELSE
                problem := @extschema@.count_problem(r.population, 'population');
            END IF;
            IF problem IS NULL THEN
                INSERT INTO @extschema@.indicator AS i (year, kommunenr, name, value, source)
                VALUES (extract(year FROM r.population_date::date)::int, r.kommunenr::@extschema@.kommunenr,
                        'population', r.population::numeric,
                        coalesce(load_population.source, r.source, 'population at ' || r.population_date))
                ON CONFLICT (year, kommunenr, name) DO UPDATE
                SET value = EXCLUDED.value, source = EXCLUDED.source;
            END IF;
        EXCEPTION
            -- A row's own fault is its reason; the database's trouble
            -- (serialization, deadlock, locks, resources) stops the load.
            WHEN serialization_failure OR deadlock_detected OR lock_not_available
                 OR insufficient_resources OR program_limit_exceeded THEN
                RAISE;
            WHEN OTHERS THEN
                problem := SQLERRM;
        END;
        IF problem IS NULL THEN
            n_ok := n_ok + 1;
        ELSE
            n_bad := n_bad + 1;
            row_no := r.rn; row_key := concat_ws(' ', r.kommunenr, r.population_date); reason := problem;
            RETURN NEXT;
        END IF;
    END LOOP;
    RAISE NOTICE 'load_population: % rows loaded, % rejected', n_ok, n_bad;
END;
$$;
COMMENT ON FUNCTION @extschema@.load_population(pg_catalog.regclass, pg_catalog.text) IS
    'loads population counts (municipality_population.csv: SSB 07459, 1 January) from a staging table into indicator as name population, year = the year of the count date; returns the rejected rows with reasons; idempotent';
