-- match.sql: household matching (utsøking) over the register: the score of a
-- household in a municipality, match_households() and propose_matches().
-- The score components and their defaults are documented in doc/match.md.

CREATE FUNCTION @extschema@.score_matrix(items pg_catalog.int4, bins pg_catalog.int4,
    base pg_catalog.float8[], bonus_item pg_catalog.int4[], bonus_bin pg_catalog.int4[],
    bonus pg_catalog.float8[])
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'bosetting_score_matrix'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.score_matrix(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[]) IS
    'an items × bins score array for solve_assignment: row i is base[i] (NULL: the whole row forbidden), plus bonus[x] at (bonus_item[x], bonus_bin[x]); a NULL bonus forbids that pair';

CREATE FUNCTION @extschema@.fit_counts(demand pg_catalog.int4[], capacity pg_catalog.int4[],
    dims pg_catalog.int4[] DEFAULT '{}')
RETURNS pg_catalog.int4[]
AS 'MODULE_PATHNAME', 'bosetting_fit_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fit_counts(pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4[]) IS
    'for each item of demand (items × dimensions), the number of bins of capacity (bins × dimensions) it fits in on the given dimensions (1-based; empty = all): used to explain unplaced households';

CREATE TABLE @extschema@.outcome_score (
    household_id pg_catalog.int8 NOT NULL,
    kommunenr    @extschema@.kommunenr NOT NULL,
    score        pg_catalog.float8
        CONSTRAINT outcome_score_finite CHECK (score OPERATOR(pg_catalog.<>) 'NaN'::pg_catalog.float8
            AND score OPERATOR(pg_catalog.<>) 'Infinity'::pg_catalog.float8
            AND score OPERATOR(pg_catalog.<>) '-Infinity'::pg_catalog.float8),
    model        pg_catalog.text,
    PRIMARY KEY (household_id, kommunenr)
);
COMMENT ON TABLE @extschema@.outcome_score IS
    'forventet utfall: a user-supplied predicted outcome (e.g. the probability of work or education after some years, as in GeoMatch) of a household in a municipality; match_households adds weight "outcome" × score; a NULL score forbids the pair (veto)';
COMMENT ON COLUMN @extschema@.outcome_score.household_id IS 'the household (household.household_id; no foreign key, so that the register tables can be truncated and reloaded)';
COMMENT ON COLUMN @extschema@.outcome_score.kommunenr IS 'the municipality';
COMMENT ON COLUMN @extschema@.outcome_score.score IS 'the predicted outcome (any finite scale; 0-1 suits the default weights); NULL = the household must not be placed there';
COMMENT ON COLUMN @extschema@.outcome_score.model IS 'which model or version produced the score (for the audit trail)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.outcome_score', '');

CREATE TABLE @extschema@.match_proposal (
    settlement_id pg_catalog.int8 PRIMARY KEY,
    household_id  pg_catalog.int8 NOT NULL,
    year          pg_catalog.int4 NOT NULL,
    kommunenr     @extschema@.kommunenr NOT NULL,
    score         pg_catalog.float8 NOT NULL,
    components    pg_catalog.jsonb NOT NULL,
    options       pg_catalog.jsonb NOT NULL,
    proposed_at   pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    proposed_by   pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE @extschema@.match_proposal IS
    'forslag: why propose_matches() proposed a settlement: its score, the additive components and the options (weights, seed) of the run';
COMMENT ON COLUMN @extschema@.match_proposal.settlement_id IS 'the proposed settlement (kept after the settlement is deleted, like settlement_history, so no foreign key)';
COMMENT ON COLUMN @extschema@.match_proposal.household_id IS 'the household';
COMMENT ON COLUMN @extschema@.match_proposal.year IS 'the settlement year';
COMMENT ON COLUMN @extschema@.match_proposal.kommunenr IS 'the proposed municipality';
COMMENT ON COLUMN @extschema@.match_proposal.score IS 'the total score (the sum of the components)';
COMMENT ON COLUMN @extschema@.match_proposal.components IS 'the score components and their inputs, as match_households() returned them';
COMMENT ON COLUMN @extschema@.match_proposal.options IS 'the options of the run (weights, as_of, seed), defaults filled in';
COMMENT ON COLUMN @extschema@.match_proposal.proposed_at IS 'when';
COMMENT ON COLUMN @extschema@.match_proposal.proposed_by IS 'by whom';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.match_proposal', '');

-- The options with their defaults filled in (and checked).
CREATE FUNCTION @extschema@.match_options(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o jsonb := coalesce(options, '{}');
    d jsonb := jsonb_build_object(
        'placed', 1.0, 'waiting', 1.0, 'connection', 2.0, 'same_municipality', 0.5,
        'same_county', 0.5, 'outcome', 1.0,
        'target_days', 183, 'target_days_minor', 91, 'waiting_cap', 2.0,
        'as_of', least(current_date, make_date(year, 12, 31)),
        'seed', 0);
    k text;
    v jsonb;
BEGIN
    IF jsonb_typeof(o) <> 'object' THEN
        RAISE EXCEPTION 'options must be a JSON object such as ''{"connection": 3, "seed": 1}'''
            USING ERRCODE = '22023';
    END IF;
    FOR k, v IN SELECT * FROM jsonb_each(o) LOOP
        IF k = 'time_limit_ms' THEN
            IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::float8 <= 0 THEN
                RAISE EXCEPTION 'option "time_limit_ms" must be a positive number, not %', v
                    USING ERRCODE = '22023';
            END IF;
        ELSIF k = 'as_of' THEN
            IF jsonb_typeof(v) <> 'string' OR (v #>> '{}') !~ '^\d{4}-\d{2}-\d{2}$' THEN
                RAISE EXCEPTION 'option "as_of" must be a date as ''YYYY-MM-DD'', not %', v
                    USING ERRCODE = '22023';
            END IF;
            PERFORM (v #>> '{}')::date;
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
    'the options of match_households() with every default filled in (weights placed 1, waiting 1, connection 2, same_municipality 0.5, same_county 0.5, outcome 1; target_days 183, target_days_minor 91, waiting_cap 2, as_of = the earlier of today and 31 December of the year, seed 0); raises 22023 on an unknown key or a bad value';

CREATE FUNCTION @extschema@.match_households(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr,
              score pg_catalog.float8, components pg_catalog.jsonb)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := match_households.year;
    o jsonb := @extschema@.match_options(match_households.year, match_households.options);
    w_placed float8 := (o ->> 'placed')::float8;
    w_waiting float8 := (o ->> 'waiting')::float8;
    w_connection float8 := (o ->> 'connection')::float8;
    w_same_k float8 := (o ->> 'same_municipality')::float8;
    w_same_f float8 := (o ->> 'same_county')::float8;
    w_outcome float8 := (o ->> 'outcome')::float8;
    target float8 := (o ->> 'target_days')::float8;
    target_em float8 := (o ->> 'target_days_minor')::float8;
    cap float8 := (o ->> 'waiting_cap')::float8;
    as_of date := (o ->> 'as_of')::date;
    solver_opts jsonb := jsonb_strip_nulls(jsonb_build_object('seed', (o ->> 'seed')::numeric,
                                                              'time_limit_ms', o -> 'time_limit_ms'));
    hh int8[];          -- items: waiting households with persons
    empty_hh int8[];    -- waiting households without persons
    bins @extschema@.kommunenr[];
    dims text[];
    demand int4[];
    capacity int4[];
    base float8[];
    bi int4[];
    bj int4[];
    bv float8[];
    sol int4[];
    fit_all int4[];
    fit_persons int4[];
    fit_minors int4[];
    n int;
    m int;
BEGIN
    -- The waiting households: this year's, not booked, with their sizes.
    SELECT array_agg(h.household_id ORDER BY h.household_id) FILTER (WHERE p.persons > 0),
           array_agg(h.household_id ORDER BY h.household_id) FILTER (WHERE coalesce(p.persons, 0) = 0)
      INTO hh, empty_hh
      FROM @extschema@.household h
      LEFT JOIN (SELECT pp.household_id, count(*) AS persons FROM @extschema@.person pp
                  GROUP BY pp.household_id) p ON p.household_id = h.household_id
     WHERE h.year = y
       AND NOT EXISTS (SELECT 1 FROM @extschema@.settlement s
                        WHERE s.household_id = h.household_id AND s.status <> 'withdrawn');
    hh := coalesce(hh, '{}');
    n := cardinality(hh);

    -- Dimensions: persons, unaccompanied minors, then every need dimension.
    SELECT ARRAY['persons', 'unaccompanied_minors'] || coalesce(array_agg(DISTINCT hn.dimension ORDER BY hn.dimension), '{}')
      INTO dims
      FROM @extschema@.household_need hn
     WHERE hn.household_id = ANY (hh) AND hn.dimension NOT IN ('persons', 'unaccompanied_minors');

    -- Bins: municipalities with persons places left this year.
    SELECT coalesce(array_agg(r.kommunenr ORDER BY r.kommunenr), '{}') INTO bins
      FROM @extschema@.remaining_capacity(y) r
     WHERE r.dimension = 'persons' AND r.remaining > 0;
    m := cardinality(bins);

    -- demand: items × dims; base score per item (placed + waiting).
    SELECT array_agg(x.row ORDER BY x.i), array_agg(x.base ORDER BY x.i) INTO demand, base
      FROM (SELECT u.i,
                   ARRAY[c.persons, c.minors]
                   || coalesce((SELECT array_agg(coalesce(hn.amount, 0) ORDER BY d.k)
                                  FROM unnest(dims[3:]) WITH ORDINALITY d(dim, k)
                                  LEFT JOIN @extschema@.household_need hn
                                         ON hn.household_id = u.id AND hn.dimension = d.dim), '{}') AS row,
                   w_placed * c.persons
                   + w_waiting * c.persons * least(greatest(coalesce(as_of - h.permit_date, 0), 0)
                         / CASE WHEN c.minors > 0 THEN target_em ELSE target END, cap) AS base
              FROM unnest(hh) WITH ORDINALITY u(id, i)
              JOIN @extschema@.household h ON h.household_id = u.id
              JOIN (SELECT p.household_id, count(*)::int4 AS persons,
                           (count(*) FILTER (WHERE p.unaccompanied_minor))::int4 AS minors
                      FROM @extschema@.person p WHERE p.household_id = ANY (hh)
                     GROUP BY p.household_id) c ON c.household_id = u.id) x;
    -- capacity: bins × dims (unknown or missing = 0).
    SELECT array_agg(row ORDER BY j) INTO capacity FROM (
        SELECT b.j, array_agg(least(greatest(coalesce(r.remaining, 0), 0), 2147483647)::int4 ORDER BY d.k) AS row
          FROM unnest(bins) WITH ORDINALITY b(k, j)
         CROSS JOIN unnest(dims) WITH ORDINALITY d(dim, k)
          LEFT JOIN @extschema@.remaining_capacity(y) r
                 ON r.kommunenr OPERATOR(@extschema@.=) b.k AND r.dimension = d.dim
         GROUP BY b.j) x;

    -- sparse bonuses (per pair).
    WITH items AS (SELECT u.i::int4 AS i, h.* FROM unnest(hh) WITH ORDINALITY u(id, i)
                     JOIN @extschema@.household h ON h.household_id = u.id),
         b AS (SELECT x.j::int4 AS j, x.k, @extschema@.fylkenr(x.k) AS f
                 FROM unnest(bins) WITH ORDINALITY x(k, j)),
         bonus AS (
             SELECT it.i, b.j, w_connection AS v FROM items it
               JOIN b ON b.k OPERATOR(@extschema@.=) it.connection_kommunenr WHERE w_connection > 0
             UNION ALL
             SELECT it.i, b.j, w_same_k FROM items it
               JOIN b ON b.k OPERATOR(@extschema@.=) it.reception_kommunenr WHERE w_same_k > 0
             UNION ALL
             SELECT it.i, b.j, w_same_f FROM items it
               JOIN b ON b.f = @extschema@.fylkenr(it.reception_kommunenr) WHERE w_same_f > 0
             UNION ALL
             SELECT it.i, b.j, w_outcome * os.score FROM items it
               JOIN @extschema@.outcome_score os ON os.household_id = it.household_id
               JOIN b ON b.k OPERATOR(@extschema@.=) os.kommunenr)
    SELECT coalesce(array_agg(bonus.i), '{}'), coalesce(array_agg(bonus.j), '{}'),
           coalesce(array_agg(bonus.v), '{}')
      INTO bi, bj, bv FROM bonus;

    IF n > 0 AND m > 0 THEN
        SELECT array_agg(s.bin ORDER BY s.item) INTO sol
          FROM @extschema@.solve_assignment(demand, capacity,
                   @extschema@.score_matrix(n, m, base, bi, bj, bv), solver_opts) s;
    ELSE
        sol := array_fill(NULL::int4, ARRAY[n]);
        IF n > 0 THEN
            PERFORM @extschema@.solve_assignment(demand, '{}'::int4[], '{}'::float8[], solver_opts);
        END IF;
    END IF;

    IF n > 0 AND m > 0 THEN
        fit_all := @extschema@.fit_counts(demand, capacity, '{}');
        fit_persons := @extschema@.fit_counts(demand, capacity, '{1}');
        fit_minors := @extschema@.fit_counts(demand, capacity, '{2}');
    END IF;

    RETURN QUERY
    WITH items AS (
        SELECT u.i::int4 AS i, u.id, sol[u.i] AS j, h.permit_date, h.reception_kommunenr,
               h.connection_kommunenr, demand[u.i][1] AS persons, demand[u.i][2] AS minors,
               fit_all[u.i] AS fits, fit_persons[u.i] AS person_fits, fit_minors[u.i] AS minor_fits
          FROM unnest(hh) WITH ORDINALITY u(id, i)
          JOIN @extschema@.household h ON h.household_id = u.id),
    placed AS (
        SELECT it.*, bins[it.j] AS k,
               greatest(as_of - it.permit_date, 0) AS waited,
               CASE WHEN it.minors > 0 THEN target_em ELSE target END AS tgt,
               os.score AS outcome
          FROM items it
          LEFT JOIN @extschema@.outcome_score os
                 ON os.household_id = it.id AND os.kommunenr OPERATOR(@extschema@.=) bins[it.j]
         WHERE it.j IS NOT NULL),
    parts AS (
        SELECT pl.id, pl.k,
               w_placed * pl.persons AS c_placed,
               w_waiting * pl.persons * least(coalesce(pl.waited, 0) / pl.tgt, cap) AS c_waiting,
               CASE WHEN pl.k OPERATOR(@extschema@.=) pl.connection_kommunenr THEN w_connection ELSE 0 END AS c_connection,
               CASE WHEN pl.k OPERATOR(@extschema@.=) pl.reception_kommunenr THEN w_same_k ELSE 0 END AS c_same_k,
               CASE WHEN @extschema@.fylkenr(pl.k) = @extschema@.fylkenr(pl.reception_kommunenr) THEN w_same_f ELSE 0 END AS c_same_f,
               w_outcome * coalesce(pl.outcome, 0) AS c_outcome,
               pl.persons, pl.minors, pl.waited, pl.tgt, pl.outcome
          FROM placed pl)
    SELECT p.id, p.k,
           p.c_placed + p.c_waiting + p.c_connection + p.c_same_k + p.c_same_f + p.c_outcome,
           jsonb_build_object(
               'placed', p.c_placed, 'waiting', round(p.c_waiting::numeric, 4),
               'connection', p.c_connection, 'same_municipality', p.c_same_k,
               'same_county', p.c_same_f, 'outcome', round(p.c_outcome::numeric, 4),
               'persons', p.persons, 'unaccompanied_minors', p.minors,
               'waited_days', p.waited, 'target_days', p.tgt,
               'predicted_outcome', p.outcome)
      FROM parts p
    UNION ALL
    -- unplaced: say why
    SELECT it.id, NULL::@extschema@.kommunenr, NULL::float8,
           jsonb_build_object('unplaced', r.reason, 'persons', it.persons,
                              'unaccompanied_minors', it.minors,
                              'waited_days', greatest(as_of - it.permit_date, 0),
                              'municipalities_with_room', r.fits,
                              'municipalities_allowed', r.allowed)
      FROM items it
      CROSS JOIN LATERAL (
          SELECT it.fits, it.fits - v.vetoed AS allowed,
                 CASE WHEN m = 0 THEN 'no municipality has places left in ' || y
                      WHEN it.minors > 0 AND it.minor_fits = 0
                          THEN format('no municipality has %s places for unaccompanied minors left', it.minors)
                      WHEN it.fits = 0 AND it.person_fits > 0
                          THEN 'no municipality with room for ' || it.persons
                               || CASE WHEN it.persons = 1 THEN ' person' ELSE ' persons' END
                               || ' has the other capacity it needs ('
                               || (SELECT string_agg(dims[d] || ' ' || demand[it.i][d], ', ')
                                     FROM generate_series(3, cardinality(dims)) d WHERE demand[it.i][d] > 0) || ')'
                      WHEN it.fits = 0
                          THEN format('no municipality has room for %s %s', it.persons,
                                      CASE WHEN it.persons = 1 THEN 'person' ELSE 'persons' END)
                      WHEN it.fits - v.vetoed = 0
                          THEN 'every municipality with room is forbidden for it (outcome_score with a NULL score)'
                      ELSE 'its places went to households with higher scores (capacity is short)'
                 END AS reason
            FROM (SELECT count(*) AS vetoed
                    FROM @extschema@.outcome_score os
                    JOIN unnest(bins) WITH ORDINALITY b(k, j) ON b.k OPERATOR(@extschema@.=) os.kommunenr
                   WHERE os.household_id = it.id AND os.score IS NULL
                     AND NOT EXISTS (SELECT 1 FROM generate_series(1, cardinality(dims)) d
                                      WHERE demand[it.i][d] > capacity[b.j][d])) v) r
     WHERE it.j IS NULL
    UNION ALL
    SELECT e.id, NULL, NULL, jsonb_build_object('unplaced', 'the household has no persons registered', 'persons', 0)
      FROM unnest(coalesce(empty_hh, '{}')) e(id);
END;
$$;
COMMENT ON FUNCTION @extschema@.match_households(pg_catalog.int4, pg_catalog.jsonb) IS
    'proposals (writes nothing) for the waiting households of a year against the remaining capacity: the municipality, the score and its additive components (placed, waiting, connection, same_municipality, same_county, outcome) as jsonb; unplaced households get kommunenr NULL and components.unplaced = why; last_assignment_stats() gives the objective and bound';

CREATE FUNCTION @extschema@.propose_matches(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr,
              settlement_id pg_catalog.int8, result pg_catalog.text)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := propose_matches.year;
    o jsonb := @extschema@.match_options(propose_matches.year, propose_matches.options);
    r record;
    sid int8;
    run int8;
    n int := 0;
    n_persons int := 0;
BEGIN
    -- the run and its unplaced households are kept for report_matching
    INSERT INTO @extschema@.match_run (year, options) VALUES (y, o) RETURNING run_id INTO run;
    FOR r IN SELECT * FROM @extschema@.match_households(y, propose_matches.options) mh
              ORDER BY mh.household_id LOOP
        IF r.kommunenr IS NULL THEN
            INSERT INTO @extschema@.match_unplaced VALUES (run, r.household_id, r.components ->> 'unplaced', r.components);
            CONTINUE;
        END IF;
        -- Each booking goes through the capacity triggers on its own: a
        -- booking made meanwhile by another session wins, and this proposal
        -- is skipped with the reason (no over-booking, no lost work).
        BEGIN
            INSERT INTO @extschema@.settlement (household_id, year, kommunenr, status)
            VALUES (r.household_id, y, r.kommunenr, 'proposed')
            RETURNING settlement_id INTO sid;
            INSERT INTO @extschema@.match_proposal (settlement_id, household_id, year, kommunenr,
                                                    score, components, options)
            VALUES (sid, r.household_id, y, r.kommunenr, r.score, r.components, o);
            n := n + 1;
            n_persons := n_persons + (r.components ->> 'persons')::int;
            household_id := r.household_id;
            kommunenr := r.kommunenr;
            settlement_id := sid;
            result := 'proposed';
        EXCEPTION WHEN check_violation OR unique_violation THEN
            household_id := r.household_id;
            kommunenr := r.kommunenr;
            settlement_id := NULL;
            result := 'skipped: ' || SQLERRM;
            INSERT INTO @extschema@.match_unplaced VALUES (run, r.household_id, result, r.components);
        END;
        RETURN NEXT;
    END LOOP;
    UPDATE @extschema@.match_run mr SET proposals = n, persons = n_persons WHERE mr.run_id = run;
END;
$$;
COMMENT ON FUNCTION @extschema@.propose_matches(pg_catalog.int4, pg_catalog.jsonb) IS
    'writes the proposals of match_households() as settlements with status proposed (through the capacity triggers, one booking at a time) and their explanations into match_proposal; a proposal that no longer fits because another session booked meanwhile is skipped with the reason; the run and its unplaced households go to match_run and match_unplaced';
