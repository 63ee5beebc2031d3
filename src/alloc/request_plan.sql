-- request_plan: the national request models (research/allocation.md 1-3):
-- turn a national need into one integer per municipality that sums exactly
-- to it, from the indicator table, with apportion() doing the rounding.
-- Written to run again on a 0.1 install (CREATE OR REPLACE): the upgrade
-- script includes this file as it is (src/alloc/module.mk).

-- One indicator for a list of municipalities, aligned with it (NULL where
-- the indicator has no value).
CREATE OR REPLACE FUNCTION @extschema@.request_indicator(ks @extschema@.kommunenr[], in_year pg_catalog.int4,
                                              indicator_name pg_catalog.text)
RETURNS pg_catalog.numeric[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.array_agg(i.value ORDER BY u.ord)
    FROM pg_catalog.unnest(ks) WITH ORDINALITY AS u(k, ord)
    LEFT JOIN @extschema@.indicator i
      ON i.year OPERATOR(pg_catalog.=) in_year
     AND i.name OPERATOR(pg_catalog.=) indicator_name
     AND i.kommunenr OPERATOR(@extschema@.=) u.k;
END;
COMMENT ON FUNCTION @extschema@.request_indicator(@extschema@.kommunenr[], pg_catalog.int4, pg_catalog.text) IS
    'the values of one indicator for a list of municipalities in a year, in the list''s order (NULL where missing); used by request_plan';

-- Weights rounded to 17 significant digits of the largest (apportion reads
-- at most 18); exact weights of that size or less pass unchanged.
CREATE OR REPLACE FUNCTION @extschema@.request_fit_weights(w pg_catalog.numeric[])
RETURNS pg_catalog.numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.array_agg(
               CASE WHEN m.mx OPERATOR(pg_catalog.>) 0
                    THEN pg_catalog.round(t.x, (16 OPERATOR(pg_catalog.-)
                             pg_catalog.floor(pg_catalog.log(m.mx))::pg_catalog.int4))
                    ELSE t.x END
               ORDER BY t.o)
    FROM pg_catalog.unnest(w) WITH ORDINALITY AS t(x, o),
         (SELECT pg_catalog.max(y) AS mx FROM pg_catalog.unnest(w) AS y) AS m;
END;
COMMENT ON FUNCTION @extschema@.request_fit_weights(pg_catalog.numeric[]) IS
    'rounds weights to 17 significant digits of the largest one, so that apportion can read them exactly; used by request_plan';

CREATE OR REPLACE FUNCTION @extschema@.request_plan(year pg_catalog.int4, total pg_catalog.int4,
                                         model pg_catalog.text,
                                         params pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(kommunenr @extschema@.kommunenr, weight pg_catalog.numeric,
              requested pg_catalog.int4, rule pg_catalog.text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := request_plan.year;
    iy int;
    ks @extschema@.kommunenr[];
    n int;
    allowed text[];
    method text;
    -- per municipality, aligned with ks
    w numeric[];
    lo int[];
    hi int[];
    why text[];
    res int[];
    -- model inputs
    names text[];
    fw numeric[];
    v numeric[];
    s numeric;
    pop numeric[];
    minimum int;
    min_pop numeric;
    excl text[];
    only_ text[];
    caps jsonb;
    opts jsonb;         -- a nested options object (indicators, weights)
    label text;
    i int;
    f int;
    -- dk
    b numeric[]; im numeric[]; fr numeric[];
    sb numeric; si numeric; sf numeric; prelim numeric[];
    f_note text;
    -- se
    am numeric[]; rc numeric[]; mot numeric[];
    sam numeric; sp numeric; smot numeric;
    w_am numeric; w_pop numeric; w_mot numeric;
BEGIN
    IF model NOT IN ('no', 'dk', 'se') THEN
        RAISE EXCEPTION 'unknown request model "%"', model
            USING ERRCODE = '22023', HINT = 'Use one of: no (weighted index), dk (BEK 550/2022 § 4), se (weighted key, lag 2016:38).';
    END IF;
    IF total < 0 THEN
        RAISE EXCEPTION 'total must not be negative: %', total
            USING ERRCODE = '22023', HINT = 'Give the national need, 0 or more persons.';
    END IF;
    IF y NOT BETWEEN 1 AND 9999 THEN
        RAISE EXCEPTION 'year % is outside 1..9999', y USING ERRCODE = '22023';
    END IF;
    allowed := CASE model
        WHEN 'no' THEN ARRAY['weights', 'minimum', 'min_population', 'population_indicator',
                             'exclude', 'only', 'upper', 'method', 'indicator_year']
        WHEN 'dk' THEN ARRAY['indicators', 'method', 'indicator_year']
        ELSE ARRAY['weights', 'indicators', 'method', 'indicator_year'] END;
    PERFORM @extschema@._param_object(params, allowed, format('params of model "%s"', model));
    iy := @extschema@._param_int(params, 'indicator_year', y, 'params');
    IF iy NOT BETWEEN 1 AND 9999 THEN
        RAISE EXCEPTION 'params "indicator_year" % is outside 1..9999', iy USING ERRCODE = '22023';
    END IF;

    -- The municipalities valid on 1 January of the year (not 9999 uoppgitt).
    SELECT array_agg(m.kommunenr ORDER BY m.kommunenr) INTO ks
    FROM @extschema@.municipality m
    WHERE m.valid_from <= make_date(y, 1, 1)
      AND (m.valid_to IS NULL OR m.valid_to >= make_date(y, 1, 1))
      AND m.kommunenr::text <> '9999';
    n := coalesce(array_length(ks, 1), 0);
    IF n = 0 THEN
        RAISE EXCEPTION 'no municipality is registered as valid on %', to_char(make_date(y, 1, 1), 'YYYY-MM-DD')
            USING ERRCODE = '22023', HINT = 'Load the municipality register first (load_municipalities).';
    END IF;
    lo := array_fill(0, ARRAY[n]);
    hi := array_fill(total, ARRAY[n]);
    why := array_fill(NULL::text, ARRAY[n]);

    IF model = 'no' THEN
        ---------------------------------------------------------------- Norway
        -- A configurable weighted index of indicators (each as a share of
        -- its sum over the eligible municipalities), a minimum request per
        -- requested municipality and eligibility filters (allocation.md 1.2).
        method := @extschema@._param_text(params, 'method', 'sainte_lague', 'params');
        minimum := @extschema@._param_int(params, 'minimum', 10, 'params');
        min_pop := @extschema@._param_number(params, 'min_population', 0, 'params');
        IF minimum < 0 OR min_pop < 0 THEN
            RAISE EXCEPTION 'minimum (%) and min_population (%) must not be negative', minimum, min_pop
                USING ERRCODE = '22023';
        END IF;
        excl := coalesce(@extschema@._param_text_list(params, 'exclude', 'params'), '{}');
        only_ := @extschema@._param_text_list(params, 'only', 'params');
        caps := @extschema@._param_object(params->'upper', NULL, 'params "upper"');
        SELECT array_agg(key ORDER BY key),
               array_agg(@extschema@._param_number(o, key, NULL, 'weights') ORDER BY key) INTO names, fw
        FROM @extschema@._param_object(coalesce(params->'weights', '{"population": 1}'), NULL,
                                       'params "weights"') AS o,
             jsonb_object_keys(o) AS key;
        IF names IS NULL OR EXISTS (SELECT 1 FROM unnest(fw) x WHERE x < 0) THEN
            RAISE EXCEPTION 'weights must name at least one indicator, each with a weight of 0 or more'
                USING ERRCODE = '22023', HINT = 'E.g. ''{"weights": {"population": 0.7, "employment": 0.3}}''.';
        END IF;
        label := (SELECT string_agg(format('%s %s', nm, wt), ' + ' ORDER BY nm) FROM unnest(names, fw) AS t(nm, wt));

        -- eligibility
        IF min_pop > 0 THEN
            pop := @extschema@.request_indicator(ks, iy,
                       @extschema@._param_text(params, 'population_indicator', 'population', 'params'));
        END IF;
        FOR i IN 1 .. n LOOP
            IF ks[i]::text = ANY (excl) THEN
                why[i] := 'not eligible: excluded';
            ELSIF only_ IS NOT NULL AND NOT ks[i]::text = ANY (only_) THEN
                why[i] := 'not eligible: not in "only"';
            ELSIF min_pop > 0 AND pop[i] IS NULL THEN
                why[i] := 'not eligible: no population figure';
            ELSIF min_pop > 0 AND pop[i] < min_pop THEN
                why[i] := format('not eligible: population %s < %s', pop[i], min_pop);
            END IF;
            IF why[i] IS NOT NULL THEN
                hi[i] := 0;
            ELSE
                lo[i] := minimum;
                IF caps ? ks[i]::text THEN
                    hi[i] := @extschema@._param_int(caps, ks[i]::text, NULL, 'upper');
                    IF hi[i] < minimum THEN
                        RAISE EXCEPTION 'upper bound % of municipality % is below the minimum %', hi[i], ks[i], minimum
                            USING ERRCODE = '22023', HINT = 'Raise the upper bound or lower "minimum".';
                    END IF;
                END IF;
            END IF;
        END LOOP;
        IF minimum::bigint * (SELECT count(*) FROM unnest(why) x WHERE x IS NULL) > total THEN
            RAISE EXCEPTION 'total % is below the minimum % times % eligible municipalities', total, minimum,
                (SELECT count(*) FROM unnest(why) x WHERE x IS NULL)
                USING ERRCODE = '22023', HINT = 'Lower "minimum", narrow eligibility (min_population, only, exclude) or raise the total.';
        END IF;

        w := array_fill(0::numeric, ARRAY[n]);
        FOR f IN 1 .. array_length(names, 1) LOOP
            v := @extschema@.request_indicator(ks, iy, names[f]);
            SELECT count(*) FILTER (WHERE x IS NULL AND e IS NULL), sum(x) FILTER (WHERE e IS NULL)
              INTO i, s FROM unnest(v, why) AS t(x, e);
            IF i > 0 THEN
                RAISE EXCEPTION 'indicator "%" has no value for % eligible municipalities in % (e.g. %)', names[f], i, iy,
                    (SELECT t.k FROM unnest(ks, v, why) AS t(k, x, e) WHERE x IS NULL AND e IS NULL LIMIT 1)
                    USING ERRCODE = '22023', HINT = 'Load the indicator for every municipality, exclude those without it, or leave it out of "weights".';
            END IF;
            IF s IS NULL OR s <= 0 THEN
                IF fw[f] > 0 THEN
                    RAISE EXCEPTION 'indicator "%" sums to % over the eligible municipalities in %', names[f], coalesce(s, 0), iy
                        USING ERRCODE = '22023', HINT = 'An indicator in "weights" needs a positive sum.';
                END IF;
                CONTINUE;
            END IF;
            FOR i IN 1 .. n LOOP
                IF why[i] IS NULL THEN
                    w[i] := w[i] + fw[f] * v[i] / s;
                END IF;
            END LOOP;
        END LOOP;
        w := @extschema@.request_fit_weights(w);
        IF NOT EXISTS (SELECT 1 FROM unnest(w) x WHERE x > 0) THEN
            w := array_fill(1::numeric, ARRAY[n]);   -- only minimums: apportion needs a positive weight
        END IF;
        res := @extschema@.apportion(w, total, method, lo, hi);
        FOR i IN 1 .. n LOOP
            IF why[i] IS NULL THEN
                why[i] := CASE
                    WHEN res[i] = lo[i] AND lo[i] > 0 THEN format('minimum %s', lo[i])
                    WHEN caps ? ks[i]::text AND res[i] = hi[i] THEN format('upper bound %s', hi[i])
                    ELSE format('weighted index: %s (%s)', label, method) END;
            END IF;
        END LOOP;

    ELSIF model = 'dk' THEN
        ---------------------------------------------------------------- Denmark
        -- BEK 550/2022 § 4 (allocation.md 2.2): andel = 2·B/ΣB − I/ΣI,
        -- foreløbigt fordelingstal = andel·(L + F) − F_k, negative → 0.
        -- ASSUMPTION (the text after stk. 5's first sentence was not
        -- retrieved): the positive numbers are rescaled pro rata to L and
        -- rounded by largest remainder (hamilton), which is exactly
        -- apportion(max(foreløbig, 0), L, 'hamilton').
        method := @extschema@._param_text(params, 'method', 'hamilton', 'params');
        opts := @extschema@._param_object(params->'indicators',
                    ARRAY['population', 'immigrants', 'family_reunified'], 'params "indicators"');
        b := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'population', 'population', 'indicators'));
        im := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'immigrants', 'immigrants', 'indicators'));
        fr := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'family_reunified', 'family_reunified', 'indicators'));
        FOR f IN 1 .. 2 LOOP
            v := CASE f WHEN 1 THEN b ELSE im END;
            SELECT count(*) FILTER (WHERE x IS NULL), sum(x) INTO i, s FROM unnest(v) x;
            IF i > 0 OR s IS NULL OR s <= 0 THEN
                RAISE EXCEPTION 'indicator "%" is missing for % municipalities in % or does not sum to a positive number',
                    CASE f WHEN 1 THEN coalesce(params->'indicators'->>'population', 'population')
                           ELSE coalesce(params->'indicators'->>'immigrants', 'immigrants') END, i, iy
                    USING ERRCODE = '22023', HINT = 'The Danish model needs population (B) and immigrants (I) for every municipality; name them in "indicators".';
            END IF;
        END LOOP;
        IF NOT EXISTS (SELECT 1 FROM unnest(fr) x WHERE x IS NOT NULL) THEN
            fr := array_fill(0::numeric, ARRAY[n]);
            f_note := ' (no family_reunified indicator: F = 0)';
        ELSE
            SELECT array_agg(coalesce(x, 0) ORDER BY o) INTO fr FROM unnest(fr) WITH ORDINALITY AS t(x, o);
            f_note := '';
        END IF;
        SELECT sum(x) INTO sb FROM unnest(b) x;
        SELECT sum(x) INTO si FROM unnest(im) x;
        SELECT sum(x) INTO sf FROM unnest(fr) x;
        -- exact: foreløbig_k · ΣB · ΣI = (2·B_k·ΣI − I_k·ΣB)·(L + F) − F_k·ΣB·ΣI
        prelim := array_fill(0::numeric, ARRAY[n]);
        w := array_fill(0::numeric, ARRAY[n]);
        FOR i IN 1 .. n LOOP
            prelim[i] := (2 * b[i] * si - im[i] * sb) * (total + sf) - fr[i] * sb * si;
            w[i] := greatest(prelim[i], 0);
        END LOOP;
        IF NOT EXISTS (SELECT 1 FROM unnest(w) x WHERE x > 0) THEN
            w := array_fill(1::numeric, ARRAY[n]);
        END IF;
        res := @extschema@.apportion(@extschema@.request_fit_weights(w), total, method);
        FOR i IN 1 .. n LOOP
            why[i] := CASE WHEN prelim[i] < 0
                THEN 'zero quota: foreløbigt fordelingstal < 0' || f_note
                ELSE format('2·b − i share, rescaled to L, %s [assumption]', method) || f_note END;
            w[i] := round(prelim[i] / (sb * si), 4);   -- the foreløbigt fordelingstal, for display
        END LOOP;

    ELSE
        ---------------------------------------------------------------- Sweden
        -- länstal/kommuntal = N·(0.43·AM + 0.37·POP + 0.20·MOT) (allocation.md
        -- 3.2), AM and POP shares, MOT ∝ max(0, 2·pop share − reception share),
        -- the inverse reception share; rounded by largest remainder.
        method := @extschema@._param_text(params, 'method', 'hamilton', 'params');
        opts := @extschema@._param_object(params->'weights',
                    ARRAY['labour_market', 'population', 'reception'], 'params "weights"');
        w_am := @extschema@._param_number(opts, 'labour_market', 0.43, 'weights');
        w_pop := @extschema@._param_number(opts, 'population', 0.37, 'weights');
        w_mot := @extschema@._param_number(opts, 'reception', 0.20, 'weights');
        opts := @extschema@._param_object(params->'indicators',
                    ARRAY['labour_market', 'population', 'reception'], 'params "indicators"');
        IF w_am < 0 OR w_pop < 0 OR w_mot < 0 THEN
            RAISE EXCEPTION 'weights must be 0 or more (labour_market %, population %, reception %)', w_am, w_pop, w_mot
                USING ERRCODE = '22023';
        END IF;
        am := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'labour_market', 'employed', 'indicators'));
        pop := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'population', 'population', 'indicators'));
        rc := @extschema@.request_indicator(ks, iy, @extschema@._param_text(opts, 'reception', 'reception', 'indicators'));
        FOR f IN 1 .. 3 LOOP
            v := CASE f WHEN 1 THEN am WHEN 2 THEN pop ELSE rc END;
            SELECT count(*) FILTER (WHERE x IS NULL), sum(x) INTO i, s FROM unnest(v) x;
            IF (CASE f WHEN 1 THEN w_am WHEN 2 THEN greatest(w_pop, w_mot) ELSE w_mot END) > 0
               AND (i > 0 OR s IS NULL OR s <= 0) THEN
                RAISE EXCEPTION 'indicator "%" is missing for % municipalities in % or does not sum to a positive number',
                    coalesce(params->'indicators'->>(ARRAY['labour_market', 'population', 'reception'])[f],
                             (ARRAY['employed', 'population', 'reception'])[f]), i, iy
                    USING ERRCODE = '22023', HINT = 'Load it for every municipality, name another in "indicators", or give it weight 0.';
            END IF;
        END LOOP;
        SELECT sum(x) INTO sam FROM unnest(am) x;
        SELECT sum(x) INTO sp FROM unnest(pop) x;
        SELECT sum(x) INTO s FROM unnest(rc) x;
        mot := array_fill(0::numeric, ARRAY[n]);
        IF w_mot > 0 THEN
            FOR i IN 1 .. n LOOP
                mot[i] := greatest(2 * pop[i] / sp - rc[i] / s, 0);
            END LOOP;
        END IF;
        SELECT sum(x) INTO smot FROM unnest(mot) x;
        w := array_fill(0::numeric, ARRAY[n]);
        FOR i IN 1 .. n LOOP
            w[i] := CASE WHEN w_am > 0 THEN w_am * am[i] / sam ELSE 0 END
                    + CASE WHEN w_pop > 0 THEN w_pop * pop[i] / sp ELSE 0 END
                    + CASE WHEN w_mot > 0 AND smot > 0 THEN w_mot * mot[i] / smot ELSE 0 END;
        END LOOP;
        w := @extschema@.request_fit_weights(w);
        res := @extschema@.apportion(w, total, method);
        FOR i IN 1 .. n LOOP
            why[i] := format('%s·labour market + %s·population + %s·inverse reception (%s)', w_am, w_pop, w_mot, method);
        END LOOP;
    END IF;

    RETURN QUERY
        SELECT t.k, trim_scale(t.wt), t.r, t.why
        FROM unnest(ks, w, res, why) AS t(k, wt, r, why);
END;
$$;
COMMENT ON FUNCTION @extschema@.request_plan(pg_catalog.int4, pg_catalog.int4, pg_catalog.text, pg_catalog.jsonb) IS
    'requests per municipality (valid on 1 January of year) for a national need total, by model no (weighted index, minimum, eligibility), dk (BEK 550/2022 § 4: 2·b − i, zero rule, rescale and largest remainder [assumption]) or se (0.43/0.37/0.20 key); sums exactly to total; rule says what produced each number';
