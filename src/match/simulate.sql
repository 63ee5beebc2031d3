-- simulate.sql: a settlement year replayed week by week (issue 15):
-- generate_arrivals(), simulate_year(), last_simulation_stats().  The model
-- and the policies are described in doc/match.md ("A year in motion") and
-- src/core/simulate.h.  Nothing here writes, so it all runs on a standby.

CREATE FUNCTION @extschema@._simulate_run(policy pg_catalog.text, demand pg_catalog.int4[],
    capacity pg_catalog.int4[], base pg_catalog.float8[], bonus_item pg_catalog.int4[],
    bonus_bin pg_catalog.int4[], bonus pg_catalog.float8[], week pg_catalog.int4[],
    weight pg_catalog.float8[], permit_day pg_catalog.int4[], target_days pg_catalog.int4[],
    persons pg_catalog.int4[], year_days pg_catalog.int4, params pg_catalog.float8[])
RETURNS TABLE(week pg_catalog.int4, arrived pg_catalog.int4, placed pg_catalog.int4,
              waiting pg_catalog.int4, objective pg_catalog.float8,
              within_target pg_catalog.numeric, median_wait_days pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'bosetting_simulate_run'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED COST 100000 ROWS 52;
COMMENT ON FUNCTION @extschema@._simulate_run(pg_catalog.text, pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4, pg_catalog.float8[]) IS
    'simulate_year helper: runs the simulator of src/core/simulate.c on arrays (arrivals then forecast households; params: delay_cost, waiting weight, waiting cap, seed, time_limit_ms, hindsight 0/1, price iterations)';

CREATE FUNCTION @extschema@.last_simulation_stats()
RETURNS TABLE(policy pg_catalog.text, objective pg_catalog.float8, hindsight pg_catalog.float8,
              ratio pg_catalog.float8, placed pg_catalog.int4, within_target pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'bosetting_last_simulation_stats'
LANGUAGE C VOLATILE PARALLEL RESTRICTED ROWS 2;
COMMENT ON FUNCTION @extschema@.last_simulation_stats() IS
    'the last simulate_year of this session: the policy''s objective, the hindsight optimum it is compared with (its bound where the solution is not proven optimal), the ratio, households placed and the share placed within target; a second row for the hindsight solution itself';

CREATE FUNCTION @extschema@._last_simulation_detail(OUT detail pg_catalog.jsonb,
                                                   OUT prices pg_catalog.float8[],
                                                   OUT hindsight_by_week pg_catalog.float8[])
RETURNS record
AS 'MODULE_PATHNAME', 'bosetting_last_simulation_detail'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@._last_simulation_detail() IS
    'the last simulate_year of this session: wall and CPU time, memory, households the bid prices held back (and how many of them were placed later), the delay cost paid, and the mean bid price of a person place per municipality (in the order of the simulation''s municipalities), and the hindsight solution''s objective so far per week (each household placed in its arrival week)';

-- A table the caller hands in is read under the loaders' staging rules
-- (_check_staging: the caller's own plain table, locked, no rules, row
-- security or triggers of another role; 42501/22023), and only if it has the
-- columns with exactly the types required, so that no cast runs on its values.
CREATE FUNCTION @extschema@._simulate_input(rel pg_catalog.regclass, what pg_catalog.text,
                                            cols pg_catalog.text[], types pg_catalog.regtype[])
RETURNS pg_catalog.text
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    PERFORM @extschema@._check_staging(rel, '{}');
    SELECT string_agg(format('%s %s', x.col, x.typ), ', ') INTO bad
      FROM unnest(cols, types) x(col, typ)
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = rel AND a.attname = x.col AND NOT a.attisdropped
                          AND a.atttypid = x.typ);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION '% table % lacks column(s) %', what, rel, bad USING ERRCODE = '22023';
    END IF;
    RETURN (SELECT format('ONLY %I.%I', n.nspname, c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel);
END;
$$;
COMMENT ON FUNCTION @extschema@._simulate_input(pg_catalog.regclass, pg_catalog.text, pg_catalog.text[], pg_catalog.regtype[]) IS
    'simulate_year helper: checks a caller''s input table under the loaders'' staging rules (_check_staging) and for the required columns with their exact types (22023), and returns the ONLY-qualified name to read it by';

CREATE FUNCTION @extschema@.simulate_options(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o jsonb := coalesce(options, '{}');
    -- the simulator's own options; the rest (policy and forecast included)
    -- are match_households' and checked by match_options
    own text[] := ARRAY['delay_cost', 'hindsight'];
    d jsonb := jsonb_build_object('policy', 'bid_price', 'delay_cost', 0.01, 'hindsight', true);
    unknown text;
BEGIN
    IF jsonb_typeof(o) <> 'object' THEN
        RAISE EXCEPTION 'options must be a JSON object such as ''{"policy": "myopic"}''' USING ERRCODE = '22023';
    END IF;
    SELECT string_agg(k, ', ') INTO unknown FROM jsonb_object_keys(o) k
     WHERE k <> ALL (own) AND k <> 'time_limit_ms'
       AND NOT @extschema@.match_options(year, '{}') ? k AND k <> 'as_of';
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'unknown option(s) % for simulate_year', unknown
            USING ERRCODE = '22023',
                  HINT = 'Known: the options of match_households except as_of, and ' || array_to_string(own, ', ') || '.';
    END IF;
    IF o ? 'as_of' THEN
        RAISE EXCEPTION 'option "as_of" does not apply to simulate_year (the simulation moves through the year itself)'
            USING ERRCODE = '22023';
    END IF;
    IF o ? 'hindsight' AND jsonb_typeof(o -> 'hindsight') <> 'boolean' THEN
        RAISE EXCEPTION 'option "hindsight" must be true or false, not %', o -> 'hindsight' USING ERRCODE = '22023';
    END IF;
    IF o ? 'delay_cost' AND (jsonb_typeof(o -> 'delay_cost') <> 'number' OR (o ->> 'delay_cost')::float8 < 0
                             OR (o ->> 'delay_cost')::float8 > 1e7) THEN
        RAISE EXCEPTION 'option "delay_cost" must be a number between 0 and 1e7, not %', o -> 'delay_cost'
            USING ERRCODE = '22023';
    END IF;
    RETURN @extschema@.match_options(year, o - own) || d || o;
END;
$$;
COMMENT ON FUNCTION @extschema@.simulate_options(pg_catalog.int4, pg_catalog.jsonb) IS
    'the options of simulate_year() with every default filled in: those of match_households (weights, targets, seed, time_limit_ms, forecast, forecast_total (default: the number of arrivals), forecast_sample, price_iterations) with policy bid_price, and delay_cost 0.01 per person and week, hindsight true; raises 22023 on an unknown key or a bad value';

-- The forecast households of the bid-price policy: rows (household_id or
-- NULL, week 1..52, persons, minors, expected count).  'history': a seeded
-- sample of the register's households of earlier years with a permit date, at
-- the week of the year of their permit (the arrival profile by week and
-- household kind of the history), scaled to forecast_total.  A table:
-- (week, persons, unaccompanied_minors, expected).
CREATE FUNCTION @extschema@._simulate_forecast(year pg_catalog.int4, o pg_catalog.jsonb, arrivals pg_catalog.int4)
RETURNS TABLE(household_id pg_catalog.int8, week pg_catalog.int4, persons pg_catalog.int4,
              minors pg_catalog.int4, expected pg_catalog.float8)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    src text := o ->> 'forecast';
    total float8 := coalesce((o ->> 'forecast_total')::float8, arrivals);
    sample int := (o ->> 'forecast_sample')::int;
    seed int8 := (o ->> 'seed')::int8;
    tab text;
    bad record;
BEGIN
    IF src = 'none' OR o ->> 'policy' <> 'bid_price' THEN
        RETURN;
    ELSIF src = 'history' THEN
        RETURN QUERY
        WITH s AS (
            SELECT h.household_id, least((h.permit_date - make_date(extract(year FROM h.permit_date)::int, 1, 1)) / 7 + 1, 52) AS wk
              FROM @extschema@.household h
             WHERE h.year < _simulate_forecast.year AND h.permit_date IS NOT NULL
               AND EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.household_id = h.household_id)
             ORDER BY hashint8(h.household_id # seed), h.household_id
             LIMIT sample)
        SELECT s.household_id, s.wk::int4, c.persons, c.minors,
               total / count(*) OVER ()
          FROM s
          JOIN LATERAL (SELECT count(*)::int4 AS persons,
                               (count(*) FILTER (WHERE p.unaccompanied_minor))::int4 AS minors
                          FROM @extschema@.person p WHERE p.household_id = s.household_id) c ON true
         ORDER BY s.household_id;
        IF NOT FOUND AND total > 0 THEN
            RAISE EXCEPTION 'no history to forecast % from: the register has no households with a permit date before %', year, year
                USING ERRCODE = '22023',
                      HINT = 'Give a forecast table ({"forecast": "pg_temp.my_forecast"} with week, persons, unaccompanied_minors, expected) or {"forecast": "none"}.';
        END IF;
    ELSE
        IF to_regclass(src) IS NULL THEN
            RAISE EXCEPTION 'option "forecast" must be "history", "none" or a table, not %: no such table', to_jsonb(src)
                USING ERRCODE = '22023';
        END IF;
        tab := @extschema@._simulate_input(to_regclass(src), 'forecast',
                   ARRAY['week', 'persons', 'unaccompanied_minors', 'expected'],
                   ARRAY['int4', 'int4', 'int4', 'float8']::regtype[]);
        EXECUTE format('SELECT week, persons, unaccompanied_minors, expected FROM %s
                         WHERE week IS NULL OR week NOT BETWEEN 1 AND 52 OR persons IS NULL OR persons < 1
                            OR unaccompanied_minors IS NULL OR unaccompanied_minors NOT BETWEEN 0 AND persons
                            OR expected IS NULL OR NOT expected >= 0 OR expected = ''Infinity'' LIMIT 1', tab) INTO bad;
        IF bad IS NOT NULL THEN
            RAISE EXCEPTION 'forecast row (week %, persons %, unaccompanied_minors %, expected %) is not valid', bad.week, bad.persons, bad.unaccompanied_minors, bad.expected
                USING ERRCODE = '22023',
                      HINT = 'week 1-52, persons at least 1, unaccompanied_minors 0..persons, expected a count of at least 0.';
        END IF;
        RETURN QUERY EXECUTE format('SELECT NULL::int8, week, persons, unaccompanied_minors, expected FROM %s
                                      WHERE expected > 0 ORDER BY week, persons, unaccompanied_minors', tab);
    END IF;
END;
$$;
COMMENT ON FUNCTION @extschema@._simulate_forecast(pg_catalog.int4, pg_catalog.jsonb, pg_catalog.int4) IS
    'simulate_year helper: the forecast households of the bid-price policy (a seeded sample of earlier years'' households at the week of their permit, scaled to forecast_total; or the rows of a forecast table); 22023 on a negative count or a week outside 1-52';

CREATE FUNCTION @extschema@.simulate_year(year pg_catalog.int4, arrivals pg_catalog.regclass,
                                          options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(week pg_catalog.int4, arrived pg_catalog.int4, placed pg_catalog.int4,
              waiting pg_catalog.int4, objective pg_catalog.float8,
              within_target pg_catalog.numeric, median_wait_days pg_catalog.numeric)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := simulate_year.year;
    o jsonb := @extschema@.simulate_options(simulate_year.year, simulate_year.options);
    jan1 date := make_date(simulate_year.year, 1, 1);
    tab text := @extschema@._simulate_input(arrivals, 'arrivals', ARRAY['household_id', 'permit_date'],
                                           ARRAY['int8', 'date']::regtype[]);
    hh int8[];
    dates date[];
    bad text;
    n int;
    f int;
    ih int8[];
    pday int4[];
    mins int4[];
    fpers int4[];
    fmins int4[];
    bins @extschema@.kommunenr[];
    dims text[];
    cap int4[];
    dem int4[];
    base float8[];
    wk int4[];
    wt float8[];
    pers int4[];
    tdays int4[];
    bi int4[];
    bj int4[];
    bv float8[];
BEGIN
    -- The arrivals, read once: checked here, not trusted.
    EXECUTE format('SELECT array_agg(household_id ORDER BY permit_date, household_id),
                           array_agg(permit_date ORDER BY permit_date, household_id) FROM %s', tab)
       INTO hh, dates;
    hh := coalesce(hh, '{}');
    dates := coalesce(dates, '{}');
    n := cardinality(hh);
    SELECT string_agg(DISTINCT CASE
               WHEN a.id IS NULL OR a.d IS NULL THEN 'a row with household_id or permit_date NULL'
               WHEN a.d > make_date(y, 12, 31) THEN format('household %s has permit date %s, after %s', a.id, a.d, y)
               WHEN a.d < make_date(y - 1, 1, 1) THEN format('household %s has permit date %s, before %s', a.id, a.d, y - 1)
               WHEN NOT EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.household_id = a.id)
                   THEN format('household %s is not in the register or has no persons', a.id)
               WHEN a.copies > 1 THEN format('household %s arrives more than once', a.id)
           END, '; ') INTO bad
      FROM (SELECT x.id, x.d, count(*) OVER (PARTITION BY x.id) AS copies
              FROM unnest(hh, dates) x(id, d)) a;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'arrivals table % is not valid for %: %', arrivals, y, left(bad, 500)
            USING ERRCODE = '22023',
                  HINT = 'One row per household of the register, permit dates in the year or the one before (those are waiting on 1 January).';
    END IF;

    -- Items: the arrivals, then the forecast (bid price only); arrays, not a
    -- temp table, so that a standby can run it.
    SELECT coalesce(array_agg(a.id ORDER BY a.i), '{}'),
           coalesce(array_agg(least(greatest(a.d - jan1, 0) / 7 + 1, 52) ORDER BY a.i), '{}'),
           coalesce(array_agg(c.persons ORDER BY a.i), '{}'),
           coalesce(array_agg(c.minors ORDER BY a.i), '{}'),
           coalesce(array_agg((a.d - jan1)::int4 ORDER BY a.i), '{}')
      INTO ih, wk, pers, mins, pday
      FROM unnest(hh, dates) WITH ORDINALITY a(id, d, i)
      JOIN LATERAL (SELECT count(*)::int4 AS persons,
                           (count(*) FILTER (WHERE p.unaccompanied_minor))::int4 AS minors
                      FROM @extschema@.person p WHERE p.household_id = a.id) c ON true;
    SELECT ih || coalesce(array_agg(coalesce(fc.household_id, 0)), '{}'),
           wk || coalesce(array_agg(fc.week), '{}'),
           coalesce(array_agg(fc.persons), '{}'), coalesce(array_agg(fc.minors), '{}'),
           coalesce(array_agg(fc.expected), '{}')
      INTO ih, wk, fpers, fmins, wt
      FROM @extschema@._simulate_forecast(y, o, n) fc;
    f := cardinality(wt);
    tdays := coalesce((SELECT array_agg(CASE WHEN m > 0 THEN (o ->> 'target_days_minor')::float8
                                             ELSE (o ->> 'target_days')::float8 END::int4 ORDER BY i)
                         FROM unnest(mins) WITH ORDINALITY x(m, i)), '{}');

    -- Municipalities with decided places; dimensions: persons, minors and
    -- every need dimension the year has capacity rows for (missing = 0).
    SELECT coalesce(array_agg(r.kommunenr ORDER BY r.kommunenr), '{}') INTO bins
      FROM @extschema@.remaining_capacity(y) r
     WHERE r.dimension = 'persons' AND r.decided > 0;
    SELECT ARRAY['persons', 'unaccompanied_minors']
           || coalesce(array_agg(DISTINCT hn.dimension ORDER BY hn.dimension), '{}') INTO dims
      FROM @extschema@.household_need hn
     WHERE hn.household_id = ANY (ih) AND hn.dimension NOT IN ('persons', 'unaccompanied_minors')
       AND EXISTS (SELECT 1 FROM @extschema@.capacity c WHERE c.year = y AND c.dimension = hn.dimension);
    SELECT array_agg(x.row ORDER BY x.j) INTO cap FROM (
        SELECT b.j, array_agg(least(coalesce(r.decided, 0), 1000000000)::int4 ORDER BY d.k) AS row
          FROM unnest(bins) WITH ORDINALITY b(k, j)
         CROSS JOIN unnest(dims) WITH ORDINALITY d(dim, k)
          LEFT JOIN @extschema@.remaining_capacity(y) r
                 ON r.kommunenr OPERATOR(@extschema@.=) b.k AND r.dimension = d.dim
         GROUP BY b.j) x;

    -- demand (items × dims) and the base score (placed per person)
    dem := @extschema@._match_demand(ih, pers || fpers, mins || fmins, dims);
    SELECT array_agg((o ->> 'placed')::float8 * x.p ORDER BY x.i) INTO base
      FROM unnest(pers || fpers) WITH ORDINALITY x(p, i);
    SELECT coalesce(array_agg(b.i ORDER BY b.i, b.j), '{}'), coalesce(array_agg(b.j ORDER BY b.i, b.j), '{}'),
           coalesce(array_agg(b.v ORDER BY b.i, b.j), '{}')
      INTO bi, bj, bv
      FROM @extschema@._match_bonuses(ih, bins, o) b;

    RETURN QUERY
    SELECT * FROM @extschema@._simulate_run(o ->> 'policy',
        coalesce(dem, array_fill(0, ARRAY[0, cardinality(dims)])),
        coalesce(cap, array_fill(0, ARRAY[0, cardinality(dims)])),
        coalesce(base, '{}'), bi, bj, bv, wk, wt, pday, tdays, pers,
        (make_date(y + 1, 1, 1) - jan1)::int4,
        ARRAY[(o ->> 'delay_cost')::float8, (o ->> 'waiting')::float8, (o ->> 'waiting_cap')::float8,
              (o ->> 'seed')::float8, coalesce((o ->> 'time_limit_ms')::float8, 0),
              CASE WHEN (o ->> 'hindsight')::bool THEN 1 ELSE 0 END, (o ->> 'price_iterations')::float8]);
END;
$$;
COMMENT ON FUNCTION @extschema@.simulate_year(pg_catalog.int4, pg_catalog.regclass, pg_catalog.jsonb) IS
    'replays a year of arrivals (a table of household_id, permit_date owned by the caller) week by week with a policy (myopic, bid_price, balanced) against the year''s decided capacity, in memory: per week arrived, placed, waiting, the objective so far, the share of arrivals placed within target so far and the median wait of those placed that week; last_simulation_stats() compares with the hindsight optimum';

-- Seeded arrival streams over the register's households of a year.  The
-- weekly profiles (relative arrivals per week, 1-52):
--   steady  flat;
--   surge   2022-like: a quiet start, then from week 10 (the first weeks of
--           March 2022, when collective protection began) a wave peaking
--           around week 16 at about eight times the base level and ebbing
--           over the summer (IMDi settled 31 258 persons in 2022, most of
--           them after April);
--   short   2024-like: a backlog already waiting on 1 January (a quarter of
--           the households, permits in October-December of the year
--           before), then steady; with more households than decided places
--           (the caller's choice of households) capacity runs short.
CREATE FUNCTION @extschema@.generate_arrivals(year pg_catalog.int4, pattern pg_catalog.text,
                                              seed pg_catalog.int8,
                                              households pg_catalog.int4 DEFAULT NULL)
RETURNS TABLE(household_id pg_catalog.int8, permit_date pg_catalog.date)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := generate_arrivals.year;
    prof float8[];
    cum float8[] := '{}';
    total float8 := 0;
    t int;
BEGIN
    IF pattern IS NULL OR pattern NOT IN ('steady', 'surge', 'short') THEN
        RAISE EXCEPTION 'pattern must be "steady", "surge" or "short", not %', coalesce(pattern, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF y IS NULL OR y < 1990 OR y > 2100 OR seed IS NULL OR households < 0 THEN
        RAISE EXCEPTION 'year must be 1990-2100, seed not NULL and households at least 0 (year %, seed %, households %)',
            y, seed, households USING ERRCODE = '22023';
    END IF;
    SELECT array_agg(CASE pattern
                         WHEN 'surge' THEN 1 + CASE WHEN w < 10 THEN 0
                                                    ELSE 7 * exp(-(((w - 16) / 6.0) ^ 2)) END
                         ELSE 1 END ORDER BY w)
      INTO prof FROM generate_series(1, 52) w;
    FOR t IN 1 .. 52 LOOP
        total := total + prof[t];
        cum := cum || total;
    END LOOP;
    RETURN QUERY
    -- draws by the household's rank in the year, not its number, so that
    -- the stream does not depend on what else the register holds
    WITH r AS (
        SELECT x.household_id, row_number() OVER (ORDER BY x.household_id) AS k
          FROM @extschema@.household x
         WHERE x.year = y
           AND EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.household_id = x.household_id)),
    h AS (
        SELECT r.household_id,
               @extschema@.synthetic_uniform(seed, r.k * 4) AS u_pick,
               @extschema@.synthetic_uniform(seed, r.k * 4 + 1) AS u_week,
               @extschema@.synthetic_uniform(seed, r.k * 4 + 2) AS u_day,
               @extschema@.synthetic_uniform(seed, r.k * 4 + 3) AS u_backlog
          FROM r
         ORDER BY 2, 1
         LIMIT households)
    SELECT h.household_id,
           CASE WHEN pattern = 'short' AND h.u_backlog < 0.25
                THEN make_date(y - 1, 10, 1) + floor(h.u_day * 92)::int
                ELSE least(make_date(y, 1, 1)
                           + 7 * ((SELECT count(*) FROM unnest(cum) c WHERE c <= h.u_week * total))::int
                           + floor(h.u_day * 7)::int, make_date(y, 12, 31)) END
      FROM h
     ORDER BY 2, 1;
END;
$$;
COMMENT ON FUNCTION @extschema@.generate_arrivals(pg_catalog.int4, pg_catalog.text, pg_catalog.int8, pg_catalog.int4) IS
    'a seeded arrival stream (household_id, permit_date) for simulate_year over the register''s households of a year (all, or a seeded choice of that many): steady, surge (2022-like wave from March) or short (2024-like backlog on 1 January); writes nothing: CREATE TEMP TABLE a AS SELECT * FROM generate_arrivals(...)';

-- Stored simulations, for reports and the BI dashboard (which reads views
-- only): record_simulation() runs simulate_year and keeps the run and its
-- weekly series; report_simulation shows them with the hindsight series.
-- National weekly totals only: no household appears in them.
CREATE TABLE @extschema@.simulation_run (
    run_id          pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label           pg_catalog.text NOT NULL,
    year            pg_catalog.int4 NOT NULL,
    policy          pg_catalog.text NOT NULL,
    options         pg_catalog.jsonb NOT NULL,
    arrivals        pg_catalog.int4 NOT NULL,
    objective       pg_catalog.float8 NOT NULL,
    hindsight       pg_catalog.float8,
    hindsight_kind  pg_catalog.text,
    placed          pg_catalog.int4 NOT NULL,
    within_target   pg_catalog.numeric,
    held_households pg_catalog.int4,
    elapsed_ms      pg_catalog.float8,
    work_bytes      pg_catalog.int8,
    run_at          pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    run_by          pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE @extschema@.simulation_run IS
    'simuleringer: one stored simulate_year run (record_simulation), its totals against the hindsight optimum; the weekly series is in simulation_week';
COMMENT ON COLUMN @extschema@.simulation_run.run_id IS 'the run''s number';
COMMENT ON COLUMN @extschema@.simulation_run.label IS 'the caller''s name for the scenario; runs of one label (one arrival stream, several policies) are drawn together';
COMMENT ON COLUMN @extschema@.simulation_run.year IS 'the settlement year simulated';
COMMENT ON COLUMN @extschema@.simulation_run.policy IS 'myopic, bid_price or balanced';
COMMENT ON COLUMN @extschema@.simulation_run.options IS 'the options of the run, defaults filled in (simulate_options)';
COMMENT ON COLUMN @extschema@.simulation_run.arrivals IS 'households in the arrival stream';
COMMENT ON COLUMN @extschema@.simulation_run.objective IS 'the policy''s objective at the end of the year';
COMMENT ON COLUMN @extschema@.simulation_run.hindsight IS 'the hindsight optimum compared with (its bound where not proven optimal); NULL when not solved (option hindsight false)';
COMMENT ON COLUMN @extschema@.simulation_run.hindsight_kind IS 'optimum, or bound when the hindsight solution was not proven optimal; NULL when not solved';
COMMENT ON COLUMN @extschema@.simulation_run.placed IS 'households placed by the end of the year';
COMMENT ON COLUMN @extschema@.simulation_run.within_target IS 'share of the arrivals placed within IMDi''s target (6 months; 3 with an unaccompanied minor)';
COMMENT ON COLUMN @extschema@.simulation_run.held_households IS 'bid price: households that fitted somewhere but were held back at least one week';
COMMENT ON COLUMN @extschema@.simulation_run.elapsed_ms IS 'the simulator''s time (milliseconds, wall clock)';
COMMENT ON COLUMN @extschema@.simulation_run.work_bytes IS 'the simulator''s largest working memory (bytes, beyond its input)';
COMMENT ON COLUMN @extschema@.simulation_run.run_at IS 'when';
COMMENT ON COLUMN @extschema@.simulation_run.run_by IS 'by whom';

CREATE TABLE @extschema@.simulation_week (
    run_id              pg_catalog.int8 NOT NULL REFERENCES @extschema@.simulation_run ON DELETE CASCADE,
    week                pg_catalog.int4 NOT NULL,
    arrived             pg_catalog.int4 NOT NULL,
    placed              pg_catalog.int4 NOT NULL,
    waiting             pg_catalog.int4 NOT NULL,
    objective           pg_catalog.float8 NOT NULL,
    hindsight_objective pg_catalog.float8,
    within_target       pg_catalog.numeric,
    median_wait_days    pg_catalog.numeric,
    PRIMARY KEY (run_id, week)
);
COMMENT ON TABLE @extschema@.simulation_week IS
    'simuleringsuker: the weekly series of a stored simulation (simulate_year''s rows) with the hindsight solution''s objective so far';
COMMENT ON COLUMN @extschema@.simulation_week.run_id IS 'the run (simulation_run)';
COMMENT ON COLUMN @extschema@.simulation_week.week IS 'week 1-52 (week 52 ends on 31 December)';
COMMENT ON COLUMN @extschema@.simulation_week.arrived IS 'households arriving (permit) that week';
COMMENT ON COLUMN @extschema@.simulation_week.placed IS 'households placed that week';
COMMENT ON COLUMN @extschema@.simulation_week.waiting IS 'households waiting after the week''s placements';
COMMENT ON COLUMN @extschema@.simulation_week.objective IS 'the policy''s objective so far';
COMMENT ON COLUMN @extschema@.simulation_week.hindsight_objective IS 'the hindsight solution''s objective so far (each household placed in its arrival week); NULL when not solved';
COMMENT ON COLUMN @extschema@.simulation_week.within_target IS 'share of the households arrived so far that were placed within target so far';
COMMENT ON COLUMN @extschema@.simulation_week.median_wait_days IS 'median days from permit to placement of those placed that week; NULL when none';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.simulation_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.simulation_week', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.simulation_run_run_id_seq', '');

CREATE FUNCTION @extschema@.record_simulation(label pg_catalog.text, year pg_catalog.int4,
                                              arrivals pg_catalog.regclass, options pg_catalog.jsonb DEFAULT '{}')
RETURNS pg_catalog.int8
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    run int8;
    s record;
    d record;
BEGIN
    IF length(label) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'label must have 1 to 200 characters, not %', length(label) USING ERRCODE = '22023';
    END IF;
    INSERT INTO @extschema@.simulation_run (label, year, policy, options, arrivals, objective, placed)
    VALUES (label, year, '', @extschema@.simulate_options(year, options), 0, 0, 0)
    RETURNING run_id INTO run;
    INSERT INTO @extschema@.simulation_week (run_id, week, arrived, placed, waiting, objective,
                                             within_target, median_wait_days)
    SELECT run, w.week, w.arrived, w.placed, w.waiting, w.objective, w.within_target, w.median_wait_days
      FROM @extschema@.simulate_year(year, arrivals, options) w;
    SELECT * INTO s FROM @extschema@.last_simulation_stats() x WHERE x.policy NOT LIKE 'hindsight%';
    SELECT * INTO d FROM @extschema@._last_simulation_detail();
    UPDATE @extschema@.simulation_week w SET hindsight_objective = d.hindsight_by_week[w.week]
     WHERE w.run_id = run AND d.hindsight_by_week IS NOT NULL;
    UPDATE @extschema@.simulation_run r
       SET policy = s.policy, arrivals = (d.detail ->> 'arrivals')::int4, objective = s.objective,
           hindsight = s.hindsight,
           hindsight_kind = (SELECT CASE WHEN h.policy = 'hindsight' THEN 'optimum' ELSE 'bound' END
                               FROM @extschema@.last_simulation_stats() h WHERE h.policy LIKE 'hindsight%'),
           placed = s.placed, within_target = s.within_target,
           held_households = (d.detail ->> 'held_households')::int4,
           elapsed_ms = (d.detail ->> 'elapsed_ms')::float8, work_bytes = (d.detail ->> 'work_bytes')::int8
     WHERE r.run_id = run;
    RETURN run;
END;
$$;
COMMENT ON FUNCTION @extschema@.record_simulation(pg_catalog.text, pg_catalog.int4, pg_catalog.regclass, pg_catalog.jsonb) IS
    'runs simulate_year(year, arrivals, options) and stores the run under a label (simulation_run) with its weekly series and the hindsight series (simulation_week), for report_simulation; returns the run_id';

CREATE VIEW @extschema@.report_simulation AS
SELECT r.run_id, r.label, r.year, r.policy AS series, w.week, w.arrived, w.placed, w.waiting,
       w.objective, w.within_target, w.median_wait_days, r.run_at
  FROM @extschema@.simulation_run r
  JOIN @extschema@.simulation_week w ON w.run_id = r.run_id
UNION ALL
SELECT r.run_id, r.label, r.year, 'hindsight', w.week, w.arrived, NULL, NULL,
       w.hindsight_objective, NULL, NULL, r.run_at
  FROM @extschema@.simulation_run r
  JOIN @extschema@.simulation_week w ON w.run_id = r.run_id
 WHERE w.hindsight_objective IS NOT NULL;
COMMENT ON VIEW @extschema@.report_simulation IS
    'simulering: the weekly series of the stored simulations (record_simulation), one row per run and week for the policy (series = myopic, bid_price, balanced) and, where the run solved it, one for the hindsight optimum (series = hindsight: every arrival known in advance, placed in its arrival week); national totals only';
COMMENT ON COLUMN @extschema@.report_simulation.run_id IS 'kjøring: the stored run (simulation_run.run_id)';
COMMENT ON COLUMN @extschema@.report_simulation.label IS 'scenario: the label the runs were stored under (one arrival stream, several policies)';
COMMENT ON COLUMN @extschema@.report_simulation.year IS 'bosettingsår: the year simulated';
COMMENT ON COLUMN @extschema@.report_simulation.series IS 'myopic, bid_price, balanced, or hindsight';
COMMENT ON COLUMN @extschema@.report_simulation.week IS 'uke 1-52';
COMMENT ON COLUMN @extschema@.report_simulation.arrived IS 'husstander arriving (permit) that week';
COMMENT ON COLUMN @extschema@.report_simulation.placed IS 'husstander placed that week (NULL for hindsight)';
COMMENT ON COLUMN @extschema@.report_simulation.waiting IS 'husstander waiting after the week (NULL for hindsight)';
COMMENT ON COLUMN @extschema@.report_simulation.objective IS 'the objective so far (score of the placements less the delay cost)';
COMMENT ON COLUMN @extschema@.report_simulation.within_target IS 'share of those arrived so far placed within target so far (NULL for hindsight)';
COMMENT ON COLUMN @extschema@.report_simulation.median_wait_days IS 'median days from permit to placement of those placed that week (NULL for hindsight or none)';
COMMENT ON COLUMN @extschema@.report_simulation.run_at IS 'when the run was stored (timestamp with time zone)';
