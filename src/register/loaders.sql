-- loaders.sql: loaders for the official export formats (issue 4, item 3;
-- issue 10, items 2 and 3).  Each loader is its row function (its own
-- checks and upsert) run by the shared skeleton _load_rows (staging.sql).
-- Loading is an upsert on the target's key, so loading the same file again
-- changes nothing; a column the staging table lacks keeps its value in the
-- register (a column it has sets it: an empty cell is NULL).  Functions of
-- this file are CREATE OR REPLACE: the upgrade script runs the file again.

------------------------------------------------------------------------------
-- Counties: fylker_by_era.csv
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@._load_county(j pg_catalog.jsonb, ctx pg_catalog.jsonb)
RETURNS pg_catalog.text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    old record;
    upd record;
BEGIN
    IF coalesce(j ->> 'fylkenr', '') !~ '^[0-9]{2}$' THEN
        RETURN format('fylkenr "%s" is not two digits', j ->> 'fylkenr');
    ELSIF coalesce(j ->> 'era_from', '') !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN format('era_from "%s" is not a date (YYYY-MM-DD)', j ->> 'era_from');
    ELSIF j ->> 'era_to' !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN format('era_to "%s" is not a date (YYYY-MM-DD)', j ->> 'era_to');
    ELSIF j ->> 'fylke_name' IS NULL THEN
        RETURN 'fylke_name is empty';
    ELSIF @extschema@.count_problem(j ->> 'municipalities', 'municipalities') IS NOT NULL THEN
        RETURN @extschema@.count_problem(j ->> 'municipalities', 'municipalities');
    END IF;
    SELECT * INTO old FROM @extschema@.county c
    WHERE c.fylkenr = j ->> 'fylkenr' AND c.era_from = (j ->> 'era_from')::date;
    IF NOT FOUND THEN
        INSERT INTO @extschema@.county (fylkenr, era_from, era_to, name, sami_name, municipalities,
                                        municipalities_counted_at, source)
        VALUES (j ->> 'fylkenr', (j ->> 'era_from')::date, (j ->> 'era_to')::date, j ->> 'fylke_name',
                j ->> 'ssb_label_with_sami_forms', (j ->> 'municipalities')::int,
                (j ->> 'municipalities_counted_at')::date, ctx ->> 'source');
        RETURN NULL;
    ELSIF old.builtin AND (old.name <> j ->> 'fylke_name' OR old.era_to IS DISTINCT FROM (j ->> 'era_to')::date) THEN
        RETURN format('differs from the built-in county %s %s (%s to %s)', old.fylkenr, old.name,
                      old.era_from, coalesce(old.era_to::text, 'now'));
    END IF;
    -- the columns the staging table has (UPDATE, not INSERT ... ON CONFLICT:
    -- an INSERT with the key of a built-in row replaces the row, builtin.sql)
    SELECT CASE WHEN j ? 'ssb_label_with_sami_forms' THEN j ->> 'ssb_label_with_sami_forms' ELSE old.sami_name END AS sami_name,
           CASE WHEN j ? 'municipalities' THEN (j ->> 'municipalities')::int ELSE old.municipalities END AS municipalities,
           CASE WHEN j ? 'municipalities_counted_at' THEN (j ->> 'municipalities_counted_at')::date
                ELSE old.municipalities_counted_at END AS counted_at
    INTO upd;
    UPDATE @extschema@.county c
    SET era_to = (j ->> 'era_to')::date, name = j ->> 'fylke_name', sami_name = upd.sami_name,
        municipalities = upd.municipalities, municipalities_counted_at = upd.counted_at,
        -- a built-in row the load leaves as it is keeps its source
        source = CASE WHEN old.builtin AND (old.sami_name, old.municipalities, old.municipalities_counted_at)
                                           IS NOT DISTINCT FROM (upd.sami_name, upd.municipalities, upd.counted_at)
                      THEN old.source ELSE ctx ->> 'source' END
    WHERE c.fylkenr = old.fylkenr AND c.era_from = old.era_from;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@._load_county(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: load_counties'' row function: checks one row of fylker_by_era.csv and upserts it; returns the reason it was rejected, or NULL';

CREATE OR REPLACE FUNCTION @extschema@.load_counties(staging pg_catalog.regclass,
                                                     source pg_catalog.text DEFAULT 'fylker_by_era.csv')
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM @extschema@._load_rows('load_counties', staging,
        ARRAY['era_from', 'era_to', 'fylkenr', 'fylke_name'],
        ARRAY['ssb_label_with_sami_forms', 'municipalities', 'municipalities_counted_at'],
        ARRAY['fylkenr', 'era_from'], pg_catalog.jsonb_build_object('source', source));
END;
COMMENT ON FUNCTION @extschema@.load_counties(pg_catalog.regclass, pg_catalog.text) IS
    'loads county eras from a staging copy of fylker_by_era.csv; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Code changes: kommunenr_changes.csv, and the municipality versions they imply
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@.derive_municipality_history(
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

CREATE OR REPLACE FUNCTION @extschema@._load_change(j pg_catalog.jsonb, ctx pg_catalog.jsonb)
RETURNS pg_catalog.text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problem text;
BEGIN
    IF coalesce(j ->> 'valid_from', '') !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN format('valid_from "%s" is not a date (YYYY-MM-DD)', j ->> 'valid_from');
    END IF;
    problem := coalesce(@extschema@._kommunenr_problem(j ->> 'old_kommunenr', 'old_kommunenr'),
                        @extschema@._kommunenr_problem(j ->> 'new_kommunenr', 'new_kommunenr'));
    IF problem IS NOT NULL THEN
        RETURN problem;
    END IF;
    INSERT INTO @extschema@.kommunenr_change AS k
        (valid_from, old_kommunenr, old_name, new_kommunenr, new_name, note, source)
    VALUES ((j ->> 'valid_from')::date, (j ->> 'old_kommunenr')::@extschema@.kommunenr, j ->> 'old_name',
            (j ->> 'new_kommunenr')::@extschema@.kommunenr, j ->> 'new_name', j ->> 'note',
            coalesce(ctx ->> 'source', j ->> 'source'))
    ON CONFLICT (valid_from, old_kommunenr, new_kommunenr) DO UPDATE
    SET old_name = CASE WHEN j ? 'old_name' THEN EXCLUDED.old_name ELSE k.old_name END,
        new_name = CASE WHEN j ? 'new_name' THEN EXCLUDED.new_name ELSE k.new_name END,
        note = CASE WHEN j ? 'note' THEN EXCLUDED.note ELSE k.note END,
        source = CASE WHEN ctx ? 'source' OR j ? 'source' THEN EXCLUDED.source ELSE k.source END;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@._load_change(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: load_kommunenr_changes'' row function: checks one row of kommunenr_changes.csv and upserts it; returns the reason it was rejected, or NULL';

CREATE OR REPLACE FUNCTION @extschema@.load_kommunenr_changes(staging pg_catalog.regclass,
                                                              source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY SELECT * FROM @extschema@._load_rows('load_kommunenr_changes', staging,
        ARRAY['valid_from', 'old_kommunenr', 'new_kommunenr'], ARRAY['old_name', 'new_name', 'note', 'source'],
        ARRAY['valid_from', 'old_kommunenr', 'new_kommunenr'], jsonb_strip_nulls(jsonb_build_object('source', source)));
    RAISE NOTICE 'load_kommunenr_changes: % municipality versions added', @extschema@.derive_municipality_history();
END;
$$;
COMMENT ON FUNCTION @extschema@.load_kommunenr_changes(pg_catalog.regclass, pg_catalog.text) IS
    'loads code changes from a staging copy of kommunenr_changes.csv (SSB KLASS 131 change history) and adds the municipality versions they imply; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Municipalities: municipalities_2024.csv (a KLASS 131 list valid on one day)
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@._load_municipality(j pg_catalog.jsonb, ctx pg_catalog.jsonb)
RETURNS pg_catalog.text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    valid_on date := (ctx ->> 'valid_on')::date;
BEGIN
    IF @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr') IS NOT NULL THEN
        RETURN @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr');
    ELSIF j ->> 'name' IS NULL THEN
        RETURN 'name is empty';
    ELSIF j ->> 'fylkenr' IS DISTINCT FROM left(j ->> 'kommunenr', 2) THEN
        RETURN format('fylkenr "%s" is not the county part of kommunenr %s', j ->> 'fylkenr', j ->> 'kommunenr');
    ELSIF NOT EXISTS (SELECT 1 FROM @extschema@.county c WHERE c.fylkenr = j ->> 'fylkenr'
                      AND c.era_from <= valid_on AND coalesce(c.era_to, 'infinity') >= valid_on) THEN
        RETURN format('county %s did not exist on %s', j ->> 'fylkenr', valid_on);
    ELSIF j ->> 'population_date' !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN format('population_date "%s" is not a date (YYYY-MM-DD)', j ->> 'population_date');
    ELSIF @extschema@.count_problem(j ->> 'population', 'population') IS NOT NULL THEN
        RETURN @extschema@.count_problem(j ->> 'population', 'population');
    END IF;
    PERFORM @extschema@._municipality_upsert(j, ctx);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@._load_municipality(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: load_municipalities'' row function: checks one row of a municipality list and stores it; returns the reason it was rejected, or NULL';

-- Store one checked row: update the version valid on valid_on, or end it
-- (renamed by then) and add a version.
CREATE OR REPLACE FUNCTION @extschema@._municipality_upsert(j pg_catalog.jsonb, ctx pg_catalog.jsonb)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    valid_on date := (ctx ->> 'valid_on')::date;
    k @extschema@.kommunenr := (j ->> 'kommunenr')::@extschema@.kommunenr;
    src text := coalesce(ctx ->> 'source', j ->> 'source');
    cur record;
BEGIN
    SELECT m.valid_from, m.name, m.official_name INTO cur FROM @extschema@.municipality m
    WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from <= valid_on
      AND coalesce(m.valid_to, 'infinity') >= valid_on;
    IF FOUND AND (cur.valid_from = valid_on OR j ->> 'name' IN (cur.name, cur.official_name)
                  OR j ->> 'name_official_2024' IS NOT DISTINCT FROM cur.name) THEN
        UPDATE @extschema@.municipality m
        SET name = j ->> 'name', fylkenr = j ->> 'fylkenr',
            population = CASE WHEN j ? 'population' THEN (j ->> 'population')::int ELSE m.population END,
            population_date = CASE WHEN j ? 'population_date' THEN (j ->> 'population_date')::date ELSE m.population_date END,
            official_name = CASE WHEN j ? 'name_official_2024' THEN j ->> 'name_official_2024' ELSE m.official_name END,
            other_official_names = CASE WHEN j ? 'other_official_names' THEN j ->> 'other_official_names'
                                        ELSE m.other_official_names END,
            admin_centre = CASE WHEN j ? 'admin_centre' THEN j ->> 'admin_centre' ELSE m.admin_centre END,
            source = CASE WHEN ctx ? 'source' OR j ? 'source' THEN src ELSE m.source END
        WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from = cur.valid_from;
        RETURN;
    ELSIF FOUND THEN
        -- renamed by valid_on: end the version the day before
        UPDATE @extschema@.municipality m SET valid_to = valid_on - 1
        WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from = cur.valid_from;
    END IF;
    -- A new version.  With the change history loaded, a code it never
    -- mentions has been unchanged since KLASS begins (1838); otherwise the
    -- list's date is all we know.
    INSERT INTO @extschema@.municipality
        (kommunenr, valid_from, valid_to, name, fylkenr, population, population_date, official_name,
         other_official_names, admin_centre, source)
    VALUES (k,
            CASE WHEN (ctx ->> 'history_loaded')::bool AND cur.valid_from IS NULL
                      AND NOT EXISTS (SELECT 1 FROM @extschema@.kommunenr_change c
                                      WHERE c.old_kommunenr OPERATOR(@extschema@.=) k
                                         OR c.new_kommunenr OPERATOR(@extschema@.=) k)
                      AND NOT EXISTS (SELECT 1 FROM @extschema@.municipality m
                                      WHERE m.kommunenr OPERATOR(@extschema@.=) k)
                 THEN date '1838-01-01' ELSE valid_on END,
            (SELECT min(m.valid_from) - 1 FROM @extschema@.municipality m
             WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from > valid_on),
            j ->> 'name', j ->> 'fylkenr', (j ->> 'population')::int, (j ->> 'population_date')::date,
            j ->> 'name_official_2024', j ->> 'other_official_names', j ->> 'admin_centre', src);
END;
$$;
COMMENT ON FUNCTION @extschema@._municipality_upsert(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: stores one checked row of a municipality list valid on ctx.valid_on: updates the version valid that day (only the columns the list has) or adds one';

CREATE OR REPLACE FUNCTION @extschema@.load_municipalities(staging pg_catalog.regclass,
                                                           valid_on pg_catalog.date DEFAULT '2024-01-01',
                                                           source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM @extschema@._load_rows('load_municipalities', staging, ARRAY['kommunenr', 'name', 'fylkenr'],
        ARRAY['population', 'population_date', 'name_official_2024', 'other_official_names', 'admin_centre', 'source'],
        ARRAY['kommunenr'],
        pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('valid_on', valid_on, 'source', source,
            'history_loaded', EXISTS (SELECT 1 FROM @extschema@.kommunenr_change))));
END;
COMMENT ON FUNCTION @extschema@.load_municipalities(pg_catalog.regclass, pg_catalog.date, pg_catalog.text) IS
    'loads a municipality list valid on valid_on (municipalities_2024.csv: SSB KLASS 131) from a staging table: updates the version valid that day or adds one; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- IMDi's settlement table: imdi_settlement_by_municipality.csv
------------------------------------------------------------------------------
-- The staging columns of one measure (value and flag) and the decision
-- columns they fill.  A measure is updated when the staging table has either
-- of its columns: a value without its flag column clears the flag.
CREATE OR REPLACE FUNCTION @extschema@._decision_measures(
    OUT measure pg_catalog.text, OUT target pg_catalog.text)
RETURNS SETOF pg_catalog.record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT * FROM (VALUES ('requested', 'requested'), ('requested_original', 'requested_original'),
        ('decided', 'decided'), ('settled', 'settled'),
        ('settled_collective_protection', 'settled_collective_protection'),
        ('em_requested', 'requested_em'), ('em_decided', 'decided_em'), ('em_settled', 'settled_em')) AS m(a, b);
END;
COMMENT ON FUNCTION @extschema@._decision_measures() IS
    'internal: the measures of imdi_settlement_by_municipality.csv (value and _flag columns) and the decision columns they fill';

-- Why one row of the file is rejected, or NULL.
CREATE OR REPLACE FUNCTION @extschema@._decision_problem(j pg_catalog.jsonb)
RETURNS pg_catalog.text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    flags constant text[] := ARRAY['suppressed', 'missing', 'awaiting_decision', 'not_requested', 'lower_bound', 'blank_in_source'];
    m text;
    v text;
    f text;
BEGIN
    IF coalesce(j ->> 'year', '') !~ '^\d{4}$' THEN
        RETURN format('year "%s" is not a 4-digit year', j ->> 'year');
    ELSIF @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr') IS NOT NULL THEN
        RETURN @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr');
    ELSIF j ->> 'kommunenr_2024' IS NOT NULL AND NOT @extschema@.kommunenr_is_valid(j ->> 'kommunenr_2024') THEN
        RETURN @extschema@._kommunenr_problem(j ->> 'kommunenr_2024', 'kommunenr_2024');
    ELSIF j ->> 'settled_is_full_year' NOT IN ('true', 'false') THEN
        RETURN format('settled_is_full_year "%s" is neither true nor false', j ->> 'settled_is_full_year');
    END IF;
    FOR m IN SELECT d.measure FROM @extschema@._decision_measures() d LOOP
        v := j ->> m;
        f := j ->> (m || '_flag');
        IF @extschema@.count_problem(v, m) IS NOT NULL THEN
            RETURN @extschema@.count_problem(v, m);
        ELSIF f IS NOT NULL AND NOT f = ANY (flags) THEN
            RETURN format('%s_flag "%s" is not one of %s', m, f, array_to_string(flags, ', '));
        ELSIF v IS NOT NULL AND f IS NOT NULL AND f <> 'lower_bound' THEN
            RETURN format('%s has the value %s but is flagged %s', m, v, f);
        ELSIF v IS NULL AND f = 'lower_bound' THEN
            RETURN format('%s is flagged lower_bound but has no value', m);
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@._decision_problem(pg_catalog.jsonb) IS
    'internal: why one row of imdi_settlement_by_municipality.csv cannot be loaded, or NULL';

-- load_decisions' row function.  A code no longer valid in the year (IMDi
-- keeps Trøndelag's 16xx/17xx codes for 2018-2019) is stored under its only
-- successor valid in the year, and kommunenr_in_source keeps it.  A decision
-- row holds the figure of one source code: a row whose (year, code) already
-- holds a figure loaded under another code (two old codes merged into one
-- successor, or an old code and the successor's own) is rejected, so that
-- neither figure silently replaces the other; the DBA loads the summed figure
-- under the successor's code instead.
CREATE OR REPLACE FUNCTION @extschema@._load_decision(j pg_catalog.jsonb, ctx pg_catalog.jsonb,
                                                      OUT problem pg_catalog.text, OUT recoded pg_catalog.bool)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    y int;
    k @extschema@.kommunenr;
    k_source @extschema@.kommunenr;
    successors @extschema@.kommunenr[];
    held record;
BEGIN
    recoded := false;
    problem := @extschema@._decision_problem(j);
    IF problem IS NOT NULL THEN
        RETURN;
    END IF;
    y := (j ->> 'year')::int;
    k := (j ->> 'kommunenr')::@extschema@.kommunenr;
    IF NOT @extschema@.municipality_valid_in(k, y) THEN
        SELECT array_agg(s) INTO successors FROM @extschema@.kommunenr_successors(k, make_date(y, 1, 1)) AS s
        WHERE @extschema@.municipality_valid_in(s, y);
        IF cardinality(successors) > 1 THEN
            problem := format('municipality %s does not exist in %s, and it has several successors (%s)',
                              k, y, array_to_string(successors, ', '));
            RETURN;
        ELSIF cardinality(successors) = 1 THEN
            k_source := k;
            k := successors[1];
            recoded := true;
        END IF;
    END IF;
    SELECT d.kommunenr_in_source, d.kommune_name INTO held FROM @extschema@.decision d
    WHERE d.year = y AND d.kommunenr OPERATOR(@extschema@.=) k;
    IF FOUND AND held.kommunenr_in_source::text IS DISTINCT FROM k_source::text THEN
        problem := format('%s %s already holds the figure of %s%s; a decision row holds one source code''s figure: load their sum under %s, or delete the row first',
                          k, y, coalesce(held.kommunenr_in_source, k), coalesce(' ' || held.kommune_name, ''), k);
        RETURN;
    END IF;
    PERFORM @extschema@._decision_upsert(j, y, k, k_source, ctx ->> 'source');
END;
$$;
COMMENT ON FUNCTION @extschema@._load_decision(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: load_decisions'' row function: checks one row, maps an old code to its successor, refuses a second source code for one decision row, and stores it; returns the reason it was rejected (or NULL) and whether it was recoded';

-- Store one checked row: the columns the staging table has, others kept.
CREATE OR REPLACE FUNCTION @extschema@._decision_upsert(j pg_catalog.jsonb, y pg_catalog.int4, k @extschema@.kommunenr,
        k_source @extschema@.kommunenr, source pg_catalog.text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v jsonb;
BEGIN
    SELECT coalesce(jsonb_object_agg(c.target, j -> c.col), '{}') INTO v
    FROM (SELECT m.target || x.suffix AS target, m.measure || x.suffix AS col
          FROM @extschema@._decision_measures() m, (VALUES (''), ('_flag')) x(suffix)
          WHERE j ? m.measure OR j ? (m.measure || '_flag')
          UNION ALL
          SELECT c, c FROM unnest(ARRAY['kommune_name', 'kommunenr_2024', 'settled_is_full_year']) c WHERE j ? c) c;
    v := v || jsonb_build_object('year', y, 'kommunenr', k, 'kommunenr_in_source', k_source)
           || CASE WHEN source IS NOT NULL OR j ? 'sources'
                   THEN jsonb_build_object('source', coalesce(source, j ->> 'sources')) ELSE '{}' END;
    INSERT INTO @extschema@.decision AS d
        (year, kommunenr, kommunenr_in_source, kommune_name, kommunenr_2024,
         requested, requested_flag, requested_original, requested_original_flag,
         decided, decided_flag, requested_em, requested_em_flag, decided_em, decided_em_flag,
         settled, settled_flag, settled_is_full_year,
         settled_collective_protection, settled_collective_protection_flag, settled_em, settled_em_flag, source)
    SELECT x.year, x.kommunenr, x.kommunenr_in_source, x.kommune_name, x.kommunenr_2024,
         x.requested, x.requested_flag, x.requested_original, x.requested_original_flag,
         x.decided, x.decided_flag, x.requested_em, x.requested_em_flag, x.decided_em, x.decided_em_flag,
         x.settled, x.settled_flag, x.settled_is_full_year,
         x.settled_collective_protection, x.settled_collective_protection_flag, x.settled_em, x.settled_em_flag, x.source
    FROM jsonb_populate_record(NULL::@extschema@.decision, v) x
    ON CONFLICT (year, kommunenr) DO UPDATE
    SET (kommunenr_in_source, kommune_name, kommunenr_2024,
         requested, requested_flag, requested_original, requested_original_flag,
         decided, decided_flag, requested_em, requested_em_flag, decided_em, decided_em_flag,
         settled, settled_flag, settled_is_full_year,
         settled_collective_protection, settled_collective_protection_flag, settled_em, settled_em_flag, source)
      = (SELECT x.kommunenr_in_source, x.kommune_name, x.kommunenr_2024,
         x.requested, x.requested_flag, x.requested_original, x.requested_original_flag,
         x.decided, x.decided_flag, x.requested_em, x.requested_em_flag, x.decided_em, x.decided_em_flag,
         x.settled, x.settled_flag, x.settled_is_full_year,
         x.settled_collective_protection, x.settled_collective_protection_flag, x.settled_em, x.settled_em_flag, x.source
         FROM jsonb_populate_record(d, v) x)
    WHERE to_jsonb(d) IS DISTINCT FROM to_jsonb(jsonb_populate_record(d, v));
END;
$$;
COMMENT ON FUNCTION @extschema@._decision_upsert(pg_catalog.jsonb, pg_catalog.int4, @extschema@.kommunenr, @extschema@.kommunenr, pg_catalog.text) IS
    'internal: stores one checked row of imdi_settlement_by_municipality.csv under (y, k), setting only the columns the staging table has';

CREATE OR REPLACE FUNCTION @extschema@.load_decisions(staging pg_catalog.regclass,
                                                      source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM @extschema@._load_rows('load_decisions', staging, ARRAY['year', 'kommunenr'],
        ARRAY['kommunenr_2024', 'kommune_name', 'settled_is_full_year', 'sources']
          || ARRAY(SELECT c FROM @extschema@._decision_measures() m,
                   LATERAL (VALUES (m.measure), (m.measure OPERATOR(pg_catalog.||) '_flag')) AS v(c)),
        ARRAY['year', 'kommunenr'],
        pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', source,
            'noted', 'under the successor of a code no longer valid in the year')));
END;
COMMENT ON FUNCTION @extschema@.load_decisions(pg_catalog.regclass, pg_catalog.text) IS
    'loads IMDi''s request/decision/settled table (imdi_settlement_by_municipality.csv) from a staging table into decision: flags kept, suppressed values stay NULL, only the columns the staging table has are set, a second source code for one (year, code) is rejected; returns the rejected rows with reasons; idempotent';

------------------------------------------------------------------------------
-- Population: municipality_population.csv into indicator
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@._load_population(j pg_catalog.jsonb, ctx pg_catalog.jsonb)
RETURNS pg_catalog.text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr') IS NOT NULL THEN
        RETURN @extschema@._kommunenr_problem(j ->> 'kommunenr', 'kommunenr');
    ELSIF coalesce(j ->> 'population_date', '') !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RETURN format('population_date "%s" is not a date (YYYY-MM-DD)', j ->> 'population_date');
    ELSIF j ->> 'population' IS NULL THEN
        RETURN 'population is empty';
    ELSIF @extschema@.count_problem(j ->> 'population', 'population') IS NOT NULL THEN
        RETURN @extschema@.count_problem(j ->> 'population', 'population');
    END IF;
    INSERT INTO @extschema@.indicator AS i (year, kommunenr, name, value, source)
    VALUES (extract(year FROM (j ->> 'population_date')::date)::int, (j ->> 'kommunenr')::@extschema@.kommunenr,
            'population', (j ->> 'population')::numeric,
            coalesce(ctx ->> 'source', j ->> 'source', 'population at ' || (j ->> 'population_date')))
    ON CONFLICT (year, kommunenr, name) DO UPDATE
    SET value = EXCLUDED.value, source = EXCLUDED.source;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@._load_population(pg_catalog.jsonb, pg_catalog.jsonb) IS
    'internal: load_population''s row function: checks one row of municipality_population.csv and upserts it into indicator; returns the reason it was rejected, or NULL';

CREATE OR REPLACE FUNCTION @extschema@.load_population(staging pg_catalog.regclass,
                                                       source pg_catalog.text DEFAULT NULL)
RETURNS TABLE(row_no pg_catalog.int8, row_key pg_catalog.text, reason pg_catalog.text)
LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM @extschema@._load_rows('load_population', staging,
        ARRAY['kommunenr', 'population_date', 'population'], ARRAY['source'],
        ARRAY['kommunenr', 'year(population_date)'],
        pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', source)));
END;
COMMENT ON FUNCTION @extschema@.load_population(pg_catalog.regclass, pg_catalog.text) IS
    'loads population counts (municipality_population.csv: SSB 07459, 1 January) from a staging table into indicator as name population, year = the year of the count date; returns the rejected rows with reasons; idempotent';
