-- match_households.sql: household matching (utsøking): the options, the score
-- components (one function each), the refugees' preferences, the explanation.
-- This file is both part of the install script and the 0.1 -> 0.2 upgrade
-- (CREATE OR REPLACE), so that both paths define the same functions.

-- The options with their defaults filled in (and checked).
CREATE OR REPLACE FUNCTION @extschema@.match_options(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o jsonb := coalesce(options, '{}');
    d jsonb := jsonb_build_object(
        'placed', 1.0, 'waiting', 1.0, 'connection', 2.0, 'same_municipality', 0.5,
        'same_county', 0.5, 'outcome', 1.0, 'preference', 1.0,
        'target_days', 183, 'target_days_minor', 91, 'waiting_cap', 2.0,
        'as_of', least(current_date, make_date(year, 12, 31)),
        'seed', 0, 'balance', '[]'::jsonb,
        'policy', 'myopic', 'forecast', 'history', 'forecast_total', NULL,
        'forecast_sample', 1000, 'price_iterations', 60);
    k text;
    v jsonb;
BEGIN
    IF jsonb_typeof(o) <> 'object' THEN
        RAISE EXCEPTION 'options must be a JSON object such as ''{"connection": 3, "seed": 1}'''
            USING ERRCODE = '22023';
    END IF;
    FOR k, v IN SELECT * FROM jsonb_each(o) LOOP
        IF k = 'time_limit_ms' THEN
            IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::float8 <= 0
               OR (v #>> '{}')::float8 > 86400000 THEN
                RAISE EXCEPTION 'option "time_limit_ms" must be above 0 and at most 86400000 (one day), not %', v
                    USING ERRCODE = '22023';
            END IF;
        ELSIF k = 'as_of' THEN
            IF jsonb_typeof(v) <> 'string' OR (v #>> '{}') !~ '^\d{4}-\d{2}-\d{2}$' THEN
                RAISE EXCEPTION 'option "as_of" must be a date as ''YYYY-MM-DD'', not %', v
                    USING ERRCODE = '22023';
            END IF;
            PERFORM (v #>> '{}')::date;
        ELSIF k = 'policy' THEN
            IF coalesce(v #>> '{}', '') NOT IN ('myopic', 'bid_price', 'balanced') OR jsonb_typeof(v) <> 'string' THEN
                RAISE EXCEPTION 'option "policy" must be "myopic", "bid_price" or "balanced", not %', v
                    USING ERRCODE = '22023';
            END IF;
        ELSIF k = 'forecast' THEN
            IF jsonb_typeof(v) <> 'string' THEN
                RAISE EXCEPTION 'option "forecast" must be "history", "none" or a table name, not %', v
                    USING ERRCODE = '22023';
            END IF;
        ELSIF k = 'price_iterations' AND (jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric NOT BETWEEN 1 AND 10000
                                          OR (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)) THEN
            RAISE EXCEPTION 'option "price_iterations" must be a whole number from 1 to 10000, not %', v
                USING ERRCODE = '22023';
        ELSIF k = 'balance' THEN
            IF jsonb_typeof(v) <> 'array' THEN
                RAISE EXCEPTION 'option "balance" must be a JSON array of constraints, not %', v
                    USING ERRCODE = '22023';
            END IF;
        ELSIF NOT d ? k THEN
            RAISE EXCEPTION 'unknown option "%" for match_households', k
                USING ERRCODE = '22023',
                      HINT = 'Known options: ' || (SELECT string_agg(x, ', ' ORDER BY x)
                                                     FROM jsonb_object_keys(d || '{"time_limit_ms": 0}') x) || '.';
        ELSIF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::float8 < 0
              OR (v #>> '{}')::float8 > 1e9 THEN
            RAISE EXCEPTION 'option "%" must be a number between 0 and 1e9, not %', k, v
                USING ERRCODE = '22023';
        ELSIF k IN ('target_days', 'target_days_minor') AND (v #>> '{}')::float8 < 1 THEN
            RAISE EXCEPTION 'option "%" must be at least 1 day, not %', k, v USING ERRCODE = '22023';
        ELSIF k = 'seed' AND (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric) THEN
            RAISE EXCEPTION 'option "seed" must be a whole number, not %', v USING ERRCODE = '22023';
        END IF;
    END LOOP;
    RETURN d || o;
END;
$$;
COMMENT ON FUNCTION @extschema@.match_options(pg_catalog.int4, pg_catalog.jsonb) IS
    'the options of match_households() with every default filled in (weights placed 1, waiting 1, connection 2, same_municipality 0.5, same_county 0.5, outcome 1, preference 1; target_days 183, target_days_minor 91, waiting_cap 2, as_of = the earlier of today and 31 December of the year, seed 0, balance [] (see _match_balance); policy myopic (or bid_price, balanced), forecast history, forecast_total NULL (= the households of the year), forecast_sample 1000, price_iterations 60); raises 22023 on an unknown key or a bad value';


-- Refugees' own wishes: ranked municipalities and vetoes (see doc/match.md).
CREATE TABLE @extschema@.household_preference (
    household_id pg_catalog.int8 NOT NULL,
    kommunenr    @extschema@.kommunenr NOT NULL,
    rank         pg_catalog.int4
        CONSTRAINT household_preference_rank CHECK (rank BETWEEN 1 AND 50),
    veto         pg_catalog.bool NOT NULL DEFAULT false,
    reason       pg_catalog.text,
    PRIMARY KEY (household_id, kommunenr),
    CONSTRAINT household_preference_rank_or_veto CHECK ((rank IS NULL) = veto),
    CONSTRAINT household_preference_rank_once UNIQUE (household_id, rank)
);
COMMENT ON TABLE @extschema@.household_preference IS
    'ønske: municipalities a household prefers (rank 1 = first choice) or refuses (veto, e.g. a documented safety reason); match_households adds weight "preference" / rank to a ranked pair and never places a household where it has a veto';
COMMENT ON COLUMN @extschema@.household_preference.household_id IS 'the household (household.household_id; no foreign key, so that the register tables can be truncated and reloaded)';
COMMENT ON COLUMN @extschema@.household_preference.kommunenr IS 'the municipality preferred or refused';
COMMENT ON COLUMN @extschema@.household_preference.rank IS '1 = first choice, 2 = second, ...; NULL for a veto';
COMMENT ON COLUMN @extschema@.household_preference.veto IS 'true: the household must not be placed there';
COMMENT ON COLUMN @extschema@.household_preference.reason IS 'why (required reading for a caseworker; may hold special-category data)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.household_preference', '');

-- The score components of match_households, one function each: the sparse
-- (item, bin, value) bonuses of items hh (household ids) in bins (a NULL
-- value forbids the pair).  Items and bins are 1-based positions.
CREATE OR REPLACE FUNCTION @extschema@._match_connection(hh pg_catalog.int8[], bins @extschema@.kommunenr[], w pg_catalog.float8)
RETURNS TABLE(i pg_catalog.int4, j pg_catalog.int4, v pg_catalog.float8)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.i::int4, b.j::int4, w
      FROM unnest(hh) WITH ORDINALITY u(id, i)
      JOIN @extschema@.household h ON h.household_id = u.id
      JOIN unnest(bins) WITH ORDINALITY b(k, j) ON b.k OPERATOR(@extschema@.=) h.connection_kommunenr
     WHERE w > 0
$$;
COMMENT ON FUNCTION @extschema@._match_connection(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.float8) IS
    'score component "connection" of match_households: w in the municipality of the household''s connection (family, work, school)';

CREATE OR REPLACE FUNCTION @extschema@._match_proximity(hh pg_catalog.int8[], bins @extschema@.kommunenr[],
    w_municipality pg_catalog.float8, w_county pg_catalog.float8)
RETURNS TABLE(i pg_catalog.int4, j pg_catalog.int4, v pg_catalog.float8, part pg_catalog.text)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.i::int4, b.j::int4, w_municipality, 'same_municipality'
      FROM unnest(hh) WITH ORDINALITY u(id, i)
      JOIN @extschema@.household h ON h.household_id = u.id
      JOIN unnest(bins) WITH ORDINALITY b(k, j) ON b.k OPERATOR(@extschema@.=) h.reception_kommunenr
     WHERE w_municipality > 0
    UNION ALL
    SELECT u.i::int4, b.j::int4, w_county, 'same_county'
      FROM unnest(hh) WITH ORDINALITY u(id, i)
      JOIN @extschema@.household h ON h.household_id = u.id
      JOIN unnest(bins) WITH ORDINALITY b(k, j)
        ON @extschema@.fylkenr(b.k) = @extschema@.fylkenr(h.reception_kommunenr)
     WHERE w_county > 0
$$;
COMMENT ON FUNCTION @extschema@._match_proximity(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.float8, pg_catalog.float8) IS
    'score components "same_municipality" and "same_county" of match_households: near the reception centre the household lives in';

CREATE OR REPLACE FUNCTION @extschema@._match_outcome(hh pg_catalog.int8[], bins @extschema@.kommunenr[], w pg_catalog.float8)
RETURNS TABLE(i pg_catalog.int4, j pg_catalog.int4, v pg_catalog.float8)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.i::int4, b.j::int4, w * os.score
      FROM unnest(hh) WITH ORDINALITY u(id, i)
      JOIN @extschema@.outcome_score os ON os.household_id = u.id
      JOIN unnest(bins) WITH ORDINALITY b(k, j) ON b.k OPERATOR(@extschema@.=) os.kommunenr
$$;
COMMENT ON FUNCTION @extschema@._match_outcome(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.float8) IS
    'score component "outcome" of match_households: w × the predicted outcome (outcome_score); a NULL score forbids the pair';

CREATE OR REPLACE FUNCTION @extschema@._match_preference(hh pg_catalog.int8[], bins @extschema@.kommunenr[], w pg_catalog.float8)
RETURNS TABLE(i pg_catalog.int4, j pg_catalog.int4, v pg_catalog.float8)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.i::int4, b.j::int4, CASE WHEN hp.veto THEN NULL ELSE w / hp.rank END
      FROM unnest(hh) WITH ORDINALITY u(id, i)
      JOIN @extschema@.household_preference hp ON hp.household_id = u.id
      JOIN unnest(bins) WITH ORDINALITY b(k, j) ON b.k OPERATOR(@extschema@.=) hp.kommunenr
     WHERE hp.veto OR w > 0
$$;
COMMENT ON FUNCTION @extschema@._match_preference(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.float8) IS
    'score component "preference" of match_households: w / rank at a municipality the household ranked (household_preference); a veto forbids the pair';

-- Every bonus of the options o, named by its component.
CREATE OR REPLACE FUNCTION @extschema@._match_bonuses(hh pg_catalog.int8[], bins @extschema@.kommunenr[], o pg_catalog.jsonb)
RETURNS TABLE(i pg_catalog.int4, j pg_catalog.int4, v pg_catalog.float8, part pg_catalog.text)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.i, c.j, c.v, 'connection' FROM @extschema@._match_connection(hh, bins, (o ->> 'connection')::float8) c
    UNION ALL
    SELECT p.i, p.j, p.v, p.part FROM @extschema@._match_proximity(hh, bins, (o ->> 'same_municipality')::float8,
                                                                   (o ->> 'same_county')::float8) p
    UNION ALL
    SELECT x.i, x.j, x.v, 'outcome' FROM @extschema@._match_outcome(hh, bins, (o ->> 'outcome')::float8) x
    UNION ALL
    SELECT r.i, r.j, r.v, 'preference' FROM @extschema@._match_preference(hh, bins, (o ->> 'preference')::float8) r
$$;
COMMENT ON FUNCTION @extschema@._match_bonuses(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.jsonb) IS
    'the per-pair score components of match_households (connection, same_municipality, same_county, outcome, preference) as sparse (item, bin, value, component) rows; NULL value = pair forbidden';

-- The per-household part of the score: placed and waiting, per person.
CREATE OR REPLACE FUNCTION @extschema@._match_base(persons pg_catalog.int4, minors pg_catalog.int4,
    waited_days pg_catalog.int4, o pg_catalog.jsonb)
RETURNS pg_catalog.float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (o ->> 'placed')::float8 * persons
           + (o ->> 'waiting')::float8 * persons
             * least(greatest(coalesce(waited_days, 0), 0)::float8
                     / (CASE WHEN minors > 0 THEN o ->> 'target_days_minor' ELSE o ->> 'target_days' END)::float8,
                     (o ->> 'waiting_cap')::float8)
$$;
COMMENT ON FUNCTION @extschema@._match_base(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.jsonb) IS
    'score components "placed" and "waiting" of match_households: per person, placed + waiting × min(days waited / target days, waiting_cap)';

-- The explanation of a solution: each placed household's score by component,
-- and for each unplaced one, why.
CREATE OR REPLACE FUNCTION @extschema@._match_explain(y pg_catalog.int4, o pg_catalog.jsonb,
    hh pg_catalog.int8[], sol pg_catalog.int4[], bins @extschema@.kommunenr[], dims pg_catalog.text[],
    demand pg_catalog.int4[], capacity pg_catalog.int4[], base pg_catalog.float8[],
    bi pg_catalog.int4[], bj pg_catalog.int4[], bv pg_catalog.float8[], bp pg_catalog.text[])
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr,
              score pg_catalog.float8, components pg_catalog.jsonb)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    WITH items AS (
        SELECT u.i::int4 AS i, u.id, u.j, demand[u.i][1] AS persons, demand[u.i][2] AS minors,
               greatest((o ->> 'as_of')::date - h.permit_date, 0) AS waited, base[u.i] AS base
          FROM unnest(hh, sol) WITH ORDINALITY u(id, j, i)
          JOIN @extschema@.household h ON h.household_id = u.id),
    bonus AS (SELECT * FROM unnest(bi, bj, bv, bp) b(i, j, v, part)),
    -- per placed household the components of its pair; per unplaced one the
    -- municipalities with room it is forbidden (joins, not a scan per row)
    chosen AS (SELECT b.i, sum(b.v) AS total, jsonb_object_agg(b.part, b.v) AS parts
                 FROM bonus b JOIN items it ON it.i = b.i AND it.j = b.j GROUP BY b.i),
    forbidden AS (SELECT b.i, count(DISTINCT b.j) AS vetoed
                    FROM bonus b JOIN items it ON it.i = b.i AND it.j IS NULL
                   WHERE b.v IS NULL
                     AND NOT EXISTS (SELECT 1 FROM generate_series(1, cardinality(dims)) d
                                      WHERE demand[b.i][d] > capacity[b.j][d])
                   GROUP BY b.i),
    fit AS MATERIALIZED (SELECT f.i::int4 AS i, f.all_dims, p.persons_only, q.minors_only
              FROM unnest(CASE WHEN cardinality(bins) > 0 THEN @extschema@.fit_counts(demand, capacity, '{}') END)
                   WITH ORDINALITY f(all_dims, i)
              JOIN unnest(CASE WHEN cardinality(bins) > 0 THEN @extschema@.fit_counts(demand, capacity, '{1}') END)
                   WITH ORDINALITY p(persons_only, i) USING (i)
              JOIN unnest(CASE WHEN cardinality(bins) > 0 THEN @extschema@.fit_counts(demand, capacity, '{2}') END)
                   WITH ORDINALITY q(minors_only, i) USING (i))
    SELECT it.id, bins[it.j],
           it.base + coalesce(c.total, 0),
           jsonb_build_object(
               'placed', (o ->> 'placed')::float8 * it.persons,
               'waiting', round((it.base - (o ->> 'placed')::float8 * it.persons)::numeric, 4),
               'connection', coalesce(c.parts -> 'connection', '0'),
               'same_municipality', coalesce(c.parts -> 'same_municipality', '0'),
               'same_county', coalesce(c.parts -> 'same_county', '0'),
               'outcome', round(coalesce((c.parts ->> 'outcome')::numeric, 0), 4),
               'preference', round(coalesce((c.parts ->> 'preference')::numeric, 0), 4),
               'persons', it.persons, 'unaccompanied_minors', it.minors,
               'waited_days', it.waited,
               'target_days', (CASE WHEN it.minors > 0 THEN o -> 'target_days_minor' ELSE o -> 'target_days' END)::float8,
               'predicted_outcome', os.score,
               'preference_rank', hp.rank)
      FROM items it
      LEFT JOIN chosen c ON c.i = it.i
      LEFT JOIN @extschema@.outcome_score os
             ON os.household_id = it.id AND os.kommunenr OPERATOR(@extschema@.=) bins[it.j]
      LEFT JOIN @extschema@.household_preference hp
             ON hp.household_id = it.id AND hp.kommunenr OPERATOR(@extschema@.=) bins[it.j]
     WHERE it.j IS NOT NULL
    UNION ALL
    SELECT it.id, NULL::@extschema@.kommunenr, NULL::float8,
           jsonb_build_object('unplaced', r.reason, 'persons', it.persons,
                              'unaccompanied_minors', it.minors, 'waited_days', it.waited,
                              'municipalities_with_room', f.all_dims,
                              'municipalities_allowed', f.all_dims - r.vetoed)
      FROM items it
      LEFT JOIN fit f ON f.i = it.i
      LEFT JOIN forbidden v0 ON v0.i = it.i
      CROSS JOIN LATERAL (
          SELECT v.vetoed,
                 CASE WHEN cardinality(bins) = 0 THEN 'no municipality has places left in ' || y
                      WHEN it.minors > 0 AND f.minors_only = 0
                          THEN format('no municipality has %s places for unaccompanied minors left', it.minors)
                      WHEN f.all_dims = 0 AND f.persons_only > 0
                          THEN 'no municipality with room for ' || it.persons
                               || CASE WHEN it.persons = 1 THEN ' person' ELSE ' persons' END
                               || ' has the other capacity it needs ('
                               || (SELECT string_agg(dims[d] || ' ' || demand[it.i][d], ', ')
                                     FROM generate_series(3, cardinality(dims)) d WHERE demand[it.i][d] > 0) || ')'
                      WHEN f.all_dims = 0
                          THEN format('no municipality has room for %s %s', it.persons,
                                      CASE WHEN it.persons = 1 THEN 'person' ELSE 'persons' END)
                      WHEN f.all_dims - v.vetoed = 0
                          THEN 'every municipality with room is forbidden for it (a veto in household_preference or a NULL outcome_score)'
                      ELSE 'its places went to households with higher scores (capacity is short)'
                 END AS reason
            FROM (SELECT coalesce(v0.vetoed, 0) AS vetoed) v) r
     WHERE it.j IS NULL
$$;
COMMENT ON FUNCTION @extschema@._match_explain(pg_catalog.int4, pg_catalog.jsonb, pg_catalog.int8[], pg_catalog.int4[], @extschema@.kommunenr[], pg_catalog.text[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.text[]) IS
    'the rows of match_households for a solution: placed households with their score by component, unplaced ones with the reason';

-- The balance option of match_households as solve_assignment constraints.
-- Each entry selects households by one of min_persons (at least that many
-- persons), need (a household_need dimension) or unaccompanied (true: with
-- an unaccompanied minor) and limits them by one of max_per_municipality,
-- min_per_county or min_share_per_county (one constraint per county).
CREATE OR REPLACE FUNCTION @extschema@._match_balance(hh pg_catalog.int8[], bins @extschema@.kommunenr[], o pg_catalog.jsonb)
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    out jsonb := '[]';
    e jsonb;
    x int := 0;
    sel text[];
    lim text[];
    items jsonb;
    v jsonb;
BEGIN
    FOR e IN SELECT * FROM jsonb_array_elements(o -> 'balance') LOOP
        x := x + 1;
        IF jsonb_typeof(e) <> 'object' THEN
            RAISE EXCEPTION 'option "balance"[%] must be a JSON object, not %', x, e USING ERRCODE = '22023';
        END IF;
        SELECT array_agg(k) FILTER (WHERE k IN ('min_persons', 'need', 'unaccompanied')),
               array_agg(k) FILTER (WHERE k IN ('max_per_municipality', 'min_per_county', 'min_share_per_county'))
          INTO sel, lim FROM jsonb_object_keys(e) k;
        IF (SELECT count(*) FROM jsonb_object_keys(e)) <> 2 OR cardinality(sel) IS DISTINCT FROM 1
           OR cardinality(lim) IS DISTINCT FROM 1 THEN
            RAISE EXCEPTION 'option "balance"[%] must have one of min_persons, need, unaccompanied and one of max_per_municipality, min_per_county, min_share_per_county, not %', x, e
                USING ERRCODE = '22023';
        END IF;
        v := e -> sel[1];
        IF (sel[1] = 'need' AND jsonb_typeof(v) <> 'string')
           OR (sel[1] = 'unaccompanied' AND v <> 'true')
           OR (sel[1] = 'min_persons' AND (jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric NOT BETWEEN 1 AND 1000)) THEN
            RAISE EXCEPTION 'option "balance"[%].% must be %, not %', x, sel[1],
                CASE sel[1] WHEN 'need' THEN 'a dimension name (string)' WHEN 'unaccompanied' THEN 'true'
                            ELSE 'a number from 1 to 1000' END, v
                USING ERRCODE = '22023';
        END IF;
        SELECT coalesce(jsonb_agg(u.i ORDER BY u.i), '[]') INTO items
          FROM unnest(hh) WITH ORDINALITY u(id, i)
         WHERE CASE sel[1]
               WHEN 'min_persons' THEN (SELECT count(*) FROM @extschema@.person p WHERE p.household_id = u.id) >= (v #>> '{}')::numeric
               WHEN 'need' THEN EXISTS (SELECT 1 FROM @extschema@.household_need n
                                         WHERE n.household_id = u.id AND n.dimension = v #>> '{}' AND n.amount > 0)
               ELSE EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.household_id = u.id AND p.unaccompanied_minor) END;
        v := e -> lim[1];
        IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric < 0
           OR (lim[1] = 'min_share_per_county' AND (v #>> '{}')::numeric > 1)
           OR (lim[1] <> 'min_share_per_county' AND ((v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)
                                                     OR (v #>> '{}')::numeric > 2147483647)) THEN
            RAISE EXCEPTION 'option "balance"[%].% must be %, not %', x, lim[1],
                CASE lim[1] WHEN 'min_share_per_county' THEN 'a share from 0 to 1' ELSE 'a non-negative whole number' END, v
                USING ERRCODE = '22023';
        END IF;
        IF lim[1] = 'max_per_municipality' THEN
            out := out || jsonb_build_array(jsonb_build_object('items', items, 'max_per_bin', v,
                                                               'name', format('balance[%s]', x)));
        ELSE
            out := out || coalesce((SELECT jsonb_agg(jsonb_build_object(
                              'items', items, 'bins', c.js,
                              CASE lim[1] WHEN 'min_per_county' THEN 'min' ELSE 'min_share' END,
                              CASE WHEN lim[1] = 'min_per_county' AND jsonb_typeof(v) = 'number'
                                   THEN to_jsonb(least((v #>> '{}')::numeric, jsonb_array_length(items))) ELSE v END,
                              'name', format('balance[%s] county %s', x, c.f)) ORDER BY c.f)
                      FROM (SELECT @extschema@.fylkenr(b.k) AS f, jsonb_agg(b.j ORDER BY b.j) AS js
                              FROM unnest(bins) WITH ORDINALITY b(k, j) GROUP BY 1) c), '[]');
        END IF;
    END LOOP;
    RETURN out;
END;
$$;
COMMENT ON FUNCTION @extschema@._match_balance(pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.jsonb) IS
    'the option "balance" of match_households as solve_assignment constraints: households selected by min_persons, need or unaccompanied, limited by max_per_municipality, min_per_county (capped at the households selected) or min_share_per_county (one constraint per county, named balance[n] county F)';

CREATE OR REPLACE FUNCTION @extschema@.match_households(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr,
              score pg_catalog.float8, components pg_catalog.jsonb)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := match_households.year;
    o jsonb := @extschema@.match_options(match_households.year, match_households.options);
    as_of date := (o ->> 'as_of')::date;
    -- as_of given: the households waiting and the places open then
    on_day date := CASE WHEN match_households.options ? 'as_of' THEN as_of END;
    policy text := o ->> 'policy';
    solver_opts jsonb := jsonb_strip_nulls(jsonb_build_object('seed', (o ->> 'seed')::numeric,
                                                              'time_limit_ms', o -> 'time_limit_ms'));
    hh int8[];          -- items: waiting households with persons
    pers int4[];
    mins int4[];
    permits date[];
    empty_hh int8[];    -- waiting households without persons
    bins @extschema@.kommunenr[];
    dims text[];
    demand int4[];
    capacity int4[];    -- the places open
    policy_cap int4[];  -- the places open to the policy (balanced: at a steady pace)
    base float8[];
    bi int4[];
    bj int4[];
    bv float8[];
    bp text[];
    sol int4[];
    myopic_sol int4[];
    score float8[];
    prices float8[];    -- bid_price: per municipality and dimension
    margin float8[];    -- bid_price: per household, best score less price
    priced float8[];
    note jsonb := '{}';
    objective float8;
    n int;
    m int;
BEGIN
    SELECT array_agg(w.household_id ORDER BY w.household_id) FILTER (WHERE w.persons > 0),
           array_agg(w.persons ORDER BY w.household_id) FILTER (WHERE w.persons > 0),
           array_agg(w.minors ORDER BY w.household_id) FILTER (WHERE w.persons > 0),
           array_agg(w.permit_date ORDER BY w.household_id) FILTER (WHERE w.persons > 0),
           array_agg(w.household_id ORDER BY w.household_id) FILTER (WHERE w.persons = 0)
      INTO hh, pers, mins, permits, empty_hh
      FROM @extschema@._match_waiting(y, on_day) w;
    hh := coalesce(hh, '{}');
    n := cardinality(hh);

    -- Dimensions: persons, unaccompanied minors, then every need dimension.
    SELECT ARRAY['persons', 'unaccompanied_minors'] || coalesce(array_agg(DISTINCT hn.dimension ORDER BY hn.dimension), '{}')
      INTO dims
      FROM @extschema@.household_need hn
     WHERE hn.household_id = ANY (hh) AND hn.dimension NOT IN ('persons', 'unaccompanied_minors');

    -- Bins: municipalities with persons places open.
    SELECT coalesce(array_agg(r.kommunenr ORDER BY r.kommunenr), '{}') INTO bins
      FROM @extschema@._match_open(y, on_day, NULL) r
     WHERE r.dimension = 'persons' AND r.open > 0;
    m := cardinality(bins);
    capacity := @extschema@._match_capacity(y, on_day, NULL, bins, dims);
    policy_cap := CASE WHEN policy = 'balanced'
                       THEN @extschema@._match_capacity(y, on_day, least(greatest((as_of - make_date(y, 1, 1)) / 7, 0), 51) + 1,
                                                        bins, dims)
                       ELSE capacity END;

    -- demand: items × dims; the per-household score (placed + waiting).
    demand := @extschema@._match_demand(hh, pers, mins, dims);
    SELECT array_agg(@extschema@._match_base(x.p, x.mi, as_of - x.d, o) ORDER BY x.i) INTO base
      FROM unnest(pers, mins, permits) WITH ORDINALITY x(p, mi, d, i);

    -- The per-pair components, sparse.
    SELECT coalesce(array_agg(b.i), '{}'), coalesce(array_agg(b.j), '{}'),
           coalesce(array_agg(b.v), '{}'), coalesce(array_agg(b.part), '{}')
      INTO bi, bj, bv, bp FROM @extschema@._match_bonuses(hh, bins, o) b;

    IF jsonb_array_length(o -> 'balance') > 0 THEN
        solver_opts := solver_opts || jsonb_build_object('constraints', @extschema@._match_balance(hh, bins, o));
    END IF;
    IF n > 0 AND m > 0 THEN
        -- myopic first: the policy's loss is measured against it, and the
        -- policy's solve is the last (last_assignment_stats)
        score := @extschema@.score_matrix(n, m, base, bi, bj, bv);
        sol := @extschema@._match_solve(demand, capacity, score, solver_opts);
        myopic_sol := sol;
        IF policy = 'balanced' THEN
            sol := @extschema@._match_solve(demand, policy_cap, score, solver_opts);
        ELSIF policy = 'bid_price' THEN
            SELECT b.prices, b.priced, b.margin, b.note INTO prices, priced, margin, note
              FROM @extschema@._match_bid_price(y, o, hh, bins, dims, demand, capacity, base, bi, bj, bv) b;
            IF prices IS NOT NULL THEN
                sol := @extschema@._match_solve(demand, capacity, priced, solver_opts);
            END IF;
        END IF;
    ELSE
        sol := array_fill(NULL::int4, ARRAY[n]);
        myopic_sol := sol;
        IF n > 0 THEN
            PERFORM @extschema@.solve_assignment(demand, '{}'::int4[], '{}'::float8[], solver_opts);
        END IF;
    END IF;
    objective := @extschema@._match_objective(sol, base, bi, bj, bv);
    PERFORM @extschema@._match_policy_note(note || @extschema@._match_policy_summary(o, bins, coalesce(pers, '{}'),
                capacity, sol, myopic_sol, objective,
                CASE WHEN sol IS NOT DISTINCT FROM myopic_sol THEN objective
                     ELSE @extschema@._match_objective(myopic_sol, base, bi, bj, bv) END, prices));

    RETURN QUERY
    SELECT e.household_id, e.kommunenr, e.score, e.components || coalesce(h.note, '{}')
      FROM @extschema@._match_explain(y, o, hh, sol, bins, dims, demand, policy_cap, base,
                                      bi, bj, bv, bp) e
      LEFT JOIN @extschema@._match_held(policy, hh, sol, myopic_sol, margin) h ON h.household_id = e.household_id
    UNION ALL
    SELECT x.id, NULL, NULL, jsonb_build_object('unplaced', 'the household has no persons registered', 'persons', 0)
      FROM unnest(coalesce(empty_hh, '{}')) x(id);
END;
$$;
COMMENT ON FUNCTION @extschema@.match_households(pg_catalog.int4, pg_catalog.jsonb) IS
    'proposals (writes nothing) for the waiting households of a year against the remaining capacity: the municipality, the score and its additive components (placed, waiting, connection, same_municipality, same_county, outcome, preference) as jsonb; unplaced households get kommunenr NULL and components.unplaced = why; vetoes (household_preference) are never violated; option balance limits kinds of households per municipality or county; last_assignment_stats() gives the objective and bound, and with balance the objective without it and which constraints bind; option as_of selects the households waiting then (permit on or before it, not booked) and the places open then (remaining_capacity(year, as_of)); option policy: myopic (default), bid_price (places held for expected later arrivals at the duals of a forecast LP, as simulate_year) or balanced (a steady pace over the year); last_match_policy() says what a policy held back and what it cost';

-- How the refugees' own wishes fared: one row per household with a ranked
-- preference, and per municipality it envies justifiably (it ranked it above
-- the one it got, and it gave places to households whose score there was
-- lower: how many, and the lowest of them).
CREATE OR REPLACE FUNCTION @extschema@.match_preference_report(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr, got_rank pg_catalog.int4,
              envied_kommunenr @extschema@.kommunenr, envied_rank pg_catalog.int4,
              score_there pg_catalog.float8, placed_lower pg_catalog.int8,
              other_household pg_catalog.int8, other_score pg_catalog.float8)
LANGUAGE sql VOLATILE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS $$
    WITH o AS (SELECT @extschema@.match_options(year, options) AS o),
    mh AS (SELECT * FROM @extschema@.match_households(year, options)),
    wish AS (
        SELECT mh.household_id, mh.kommunenr, mh.score, mh.components, own.rank AS got_rank
          FROM mh
          LEFT JOIN @extschema@.household_preference own
                 ON own.household_id = mh.household_id AND own.kommunenr OPERATOR(@extschema@.=) mh.kommunenr
         WHERE EXISTS (SELECT 1 FROM @extschema@.household_preference hp
                        WHERE hp.household_id = mh.household_id AND NOT hp.veto)),
    envy AS (
        SELECT w.household_id, hp.kommunenr AS envied, hp.rank,
               @extschema@._match_base((w.components ->> 'persons')::int4,
                                       (w.components ->> 'unaccompanied_minors')::int4,
                                       (w.components ->> 'waited_days')::int4, o.o)
               + coalesce(b.v, 0) AS there
          FROM wish w CROSS JOIN o
          JOIN @extschema@.household_preference hp
            ON hp.household_id = w.household_id AND NOT hp.veto
           AND (w.got_rank IS NULL OR hp.rank < w.got_rank)
          CROSS JOIN LATERAL (SELECT sum(x.v) AS v, coalesce(bool_and(x.v IS NOT NULL), true) AS allowed
                                FROM @extschema@._match_bonuses(ARRAY[w.household_id], ARRAY[hp.kommunenr], o.o) x) b
         WHERE b.allowed)
    SELECT w.household_id, w.kommunenr, w.got_rank, e.envied, e.rank, e.there,
           pg_catalog.count(other.household_id),
           (pg_catalog.array_agg(other.household_id ORDER BY other.score, other.household_id))[1],
           pg_catalog.min(other.score)
      FROM wish w
      LEFT JOIN (envy e JOIN mh other ON other.kommunenr OPERATOR(@extschema@.=) e.envied)
             ON e.household_id = w.household_id AND other.score < e.there
     GROUP BY w.household_id, w.kommunenr, w.got_rank, e.envied, e.rank, e.there
     ORDER BY 1, 5
$$;
COMMENT ON FUNCTION @extschema@.match_preference_report(pg_catalog.int4, pg_catalog.jsonb) IS
    'for caseworkers: runs match_households(year, options) and returns, for every household with a ranked preference, the municipality it got and its rank there (NULL: unplaced or not ranked), plus one row per municipality it envies justifiably: one it ranked higher (envied_kommunenr, envied_rank) that placed households whose score there is lower than this household''s would have been (score_there): how many (placed_lower), and the lowest of them (other_household, other_score)';
