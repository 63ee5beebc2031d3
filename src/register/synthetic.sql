-- synthetic.sql: a seeded, reproducible synthetic population of households
-- waiting for settlement (issue 4, item 7).  No real person data: every
-- fødselsnummer is a synthetic number (month + 80, Skatteetaten/Tenor;
-- identifiers.md 1.8) and every DUF number is made up with valid check
-- digits (identifiers.md 2).
-- Written to run again on a 0.1 install (CREATE OR REPLACE): the upgrade
-- script includes this file as it is (src/register/module.mk).

-- A uniform number in [0, 1) from (seed, draw): hashint8extended is the
-- hash behind hash partitioning, which PostgreSQL keeps stable across
-- versions, so a seed gives the same population on every server.
CREATE OR REPLACE FUNCTION @extschema@.synthetic_uniform(seed pg_catalog.int8, draw pg_catalog.int8)
RETURNS pg_catalog.float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT ((pg_catalog.hashint8extended(draw, seed) OPERATOR(pg_catalog.&) 9007199254740991::pg_catalog.int8)::pg_catalog.float8
            OPERATOR(pg_catalog./) 9007199254740992::pg_catalog.float8);
END;
COMMENT ON FUNCTION @extschema@.synthetic_uniform(pg_catalog.int8, pg_catalog.int8) IS
    'a reproducible uniform number in [0, 1) for (seed, draw); the random source of generate_population()';

-- A synthetic fødselsnummer for a birth date: DD (MM+80) YY III K1 K2, the
-- check digits computed after adding 80 (identifiers.md 1.8, 1.2).  The
-- individnummer is taken from its century's series (1.4), starting at a
-- position given by pick and skipping those whose check digit would be 10.
CREATE OR REPLACE FUNCTION @extschema@.synthetic_fnr(birth pg_catalog.date, pick pg_catalog.int4)
RETURNS @extschema@.fnr
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    y int := extract(year FROM birth)::int;
    lo int;
    span int;
    base text;
    d int[];
    k1 int;
    k2 int;
    i int;
    ind int;
BEGIN
    IF y BETWEEN 1900 AND 1999 THEN
        lo := 0; span := 500;          -- 000-499: born 1900-1999
    ELSIF y BETWEEN 2000 AND 2039 THEN
        lo := 500; span := 500;        -- 500-999: born 2000-2039
    ELSE
        RAISE EXCEPTION 'no synthetic fødselsnummer for birth year %', y
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Birth years 1900-2039 are supported.';
    END IF;
    FOR i IN 0 .. span - 1 LOOP
        ind := lo + ((pick + i) % span + span) % span;
        base := to_char(birth, 'DD') || lpad((extract(month FROM birth)::int + 80)::text, 2, '0')
                || to_char(birth, 'YY') || lpad(ind::text, 3, '0');
        d := string_to_array(base, NULL)::int[];
        k1 := 11 - (3*d[1] + 7*d[2] + 6*d[3] + 1*d[4] + 8*d[5] + 9*d[6] + 4*d[7] + 5*d[8] + 2*d[9]) % 11;
        IF k1 = 11 THEN k1 := 0; END IF;
        CONTINUE WHEN k1 = 10;
        k2 := 11 - (5*d[1] + 4*d[2] + 3*d[3] + 2*d[4] + 7*d[5] + 6*d[6] + 5*d[7] + 4*d[8] + 3*d[9] + 2*k1) % 11;
        IF k2 = 11 THEN k2 := 0; END IF;
        CONTINUE WHEN k2 = 10;
        RETURN (base || k1 || k2)::@extschema@.fnr;
    END LOOP;
    RAISE EXCEPTION 'no synthetic fødselsnummer left for %', birth USING ERRCODE = 'program_limit_exceeded';
END;
$$;
COMMENT ON FUNCTION @extschema@.synthetic_fnr(pg_catalog.date, pg_catalog.int4) IS
    'a valid synthetic fødselsnummer (month + 80) for the birth date; pick chooses the individnummer';

-- A DUF number: year of first application, six-digit serial, and the check
-- value (4,6,3,2,4,6,3,2,7,5) mod 11 written as two digits (identifiers.md 2).
CREATE OR REPLACE FUNCTION @extschema@.synthetic_dufnr(first_year pg_catalog.int4, serial pg_catalog.int4)
RETURNS @extschema@.dufnr
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    base text;
    d int[];
BEGIN
    IF first_year NOT BETWEEN 1900 AND 9999 OR serial NOT BETWEEN 1 AND 999999 THEN
        RAISE EXCEPTION 'no DUF number for year % and serial %', first_year, serial
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The year has 4 digits, the serial 1-999999 (000000 is not issued).';
    END IF;
    base := lpad(first_year::text, 4, '0') || lpad(serial::text, 6, '0');
    d := string_to_array(base, NULL)::int[];
    RETURN (base || lpad(((4*d[1] + 6*d[2] + 3*d[3] + 2*d[4] + 4*d[5] + 6*d[6] + 3*d[7] + 2*d[8]
                           + 7*d[9] + 5*d[10]) % 11)::text, 2, '0'))::@extschema@.dufnr;
END;
$$;
COMMENT ON FUNCTION @extschema@.synthetic_dufnr(pg_catalog.int4, pg_catalog.int4) IS
    'a DUF number with valid check digits for the year of first application and a serial';

CREATE OR REPLACE FUNCTION @extschema@.generate_population(year pg_catalog.int4, households pg_catalog.int4,
                                                seed pg_catalog.int8, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(households_added pg_catalog.int4, persons_added pg_catalog.int4,
              unaccompanied_minors pg_catalog.int4, children pg_catalog.int4, elderly pg_catalog.int4)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    y int := generate_population.year;
    -- options: an object of numbers with known keys only (22023 otherwise)
    opts jsonb := @extschema@._param_object(options, ARRAY['collective_protection_share',
        'unaccompanied_share', 'resettlement_share', 'elderly_share', 'connection_share',
        'health_need_share', 'single_adult_share', 'couple_share', 'single_parent_share',
        'mean_children'], 'options');
    -- Category shares.  Collective protection (Ukrainians) as a share of
    -- all settled, IMDi national figures (national_settlement_by_year.csv:
    -- settled_collective_protection / settled_total): 2022 27 058 / 31 258,
    -- 2023 ~29 000 / >33 000, 2024 22 244 / 25 573, 2025 10 921 / 12 596;
    -- 0 before 2022 (the scheme began in March 2022).
    p_collective float8 := @extschema@._param_number(opts, 'collective_protection_share',
        CASE WHEN y < 2022 THEN 0 WHEN y = 2022 THEN 27058.0 / 31258 WHEN y = 2023 THEN 29000.0 / 33000
             WHEN y = 2024 THEN 22244.0 / 25573 ELSE 10921.0 / 12596 END, 'options')::float8;
    -- Unaccompanied minors as a share of persons: IMDi's EM settled over all
    -- settled (same file): 2015 691/11 342, 2016 1 599/15 291, 2017 759/11 078,
    -- 2018 194/4 903, 2019 137/4 822, 2021 108/~4 500, 2022 170/31 253,
    -- 2023 266/33 420; other years 1 %.
    p_em float8 := @extschema@._param_number(opts, 'unaccompanied_share',
        CASE y WHEN 2015 THEN 691.0 / 11342 WHEN 2016 THEN 1599.0 / 15291 WHEN 2017 THEN 759.0 / 11078
               WHEN 2018 THEN 194.0 / 4903 WHEN 2019 THEN 137.0 / 4822 WHEN 2021 THEN 108.0 / 4500
               WHEN 2022 THEN 170.0 / 31253 WHEN 2023 THEN 266.0 / 33420 ELSE 0.01 END, 'options')::float8;
    -- Assumptions no stored source gives (doc/register.md, "Limits"):
    p_resettlement float8 := @extschema@._param_number(opts, 'resettlement_share', 0.30, 'options')::float8;  -- of the non-collective
    p_elderly float8 := @extschema@._param_number(opts, 'elderly_share', 0.06, 'options')::float8;            -- households with one 67+
    p_connection float8 := @extschema@._param_number(opts, 'connection_share', 0.20, 'options')::float8;
    p_health float8 := @extschema@._param_number(opts, 'health_need_share', 0.03, 'options')::float8;
    -- household types: single adult, couple, single parent, couple with children
    w_single float8 := @extschema@._param_number(opts, 'single_adult_share', 0.45, 'options')::float8;
    w_couple float8 := @extschema@._param_number(opts, 'couple_share', 0.10, 'options')::float8;
    w_parent float8 := @extschema@._param_number(opts, 'single_parent_share', 0.17, 'options')::float8;
    mean_children float8 := @extschema@._param_number(opts, 'mean_children', 2.0, 'options')::float8;
    p_em_household float8;
    codes @extschema@.kommunenr[];
    cum float8[];
    total float8;
    h int;
    hid int8;
    draw int8;
    u float8;
    kind text;
    n_adults int;
    n_children int;
    has_elderly bool;
    category text;
    reception @extschema@.kommunenr;
    connection @extschema@.kommunenr;
    permit date;
    birth date;
    sex text;
    p int;
    age_days int;
    n_kinder int;
    n_persons int := 0;
    n_em int := 0;
    n_child int := 0;
    n_old int := 0;
    serial int;
    f @extschema@.fnr;
    du @extschema@.dufnr;
    lo int;
    hi int;
    mid int;
    sum_children float8;

    -- draw k of household h (each household uses draws h*1000 .. h*1000+999)
BEGIN
    IF households IS NULL OR households < 0 OR households > 10000000 THEN
        RAISE EXCEPTION 'households must be between 0 and 10000000, not %', households
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF y IS NULL OR y < 1990 OR y > 2100 OR seed IS NULL THEN
        RAISE EXCEPTION 'year must be 1990-2100 and seed not NULL (year %, seed %)', y, seed
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_collective NOT BETWEEN 0 AND 1 OR p_em NOT BETWEEN 0 AND 1 OR p_resettlement NOT BETWEEN 0 AND 1
       OR p_elderly NOT BETWEEN 0 AND 1 OR p_connection NOT BETWEEN 0 AND 1 OR p_health NOT BETWEEN 0 AND 1
       OR w_single < 0 OR w_couple < 0 OR w_parent < 0 OR w_single + w_couple + w_parent > 1
       OR mean_children < 1 THEN
        RAISE EXCEPTION 'generate_population: shares must lie in [0, 1], the household-type shares sum to at most 1, mean_children at least 1 (options %)', options
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Municipalities valid in the year, weighted by population (indicator
    -- 'population' of the year, else the register's), else equally.
    SELECT array_agg(m.kommunenr ORDER BY m.kommunenr),
           array_agg(coalesce(i.value::float8, m.population::float8, 1) ORDER BY m.kommunenr)
      INTO codes, cum
    FROM @extschema@.municipality m
    LEFT JOIN @extschema@.indicator i
      ON i.year = y AND i.name = 'population' AND i.kommunenr OPERATOR(@extschema@.=) m.kommunenr
    WHERE m.kommunenr OPERATOR(@extschema@.<>) '9999'
      AND m.valid_from <= make_date(y, 12, 31) AND coalesce(m.valid_to, 'infinity') >= make_date(y, 1, 1);
    IF codes IS NULL THEN
        RAISE EXCEPTION 'no municipality is valid in %', y
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Load the municipality register first (load_kommunenr_changes, load_municipalities).';
    END IF;
    total := 0;
    FOR p IN 1 .. cardinality(cum) LOOP
        total := total + cum[p];
        cum[p] := total;
    END LOOP;
    -- An EM household has one person; with mean household size s, a person
    -- share p_em needs a household share p_em * s / (1 + p_em * (s - 1)).
    sum_children := w_single * 1 + w_couple * 2 + w_parent * (1 + mean_children)
                    + (1 - w_single - w_couple - w_parent) * (2 + mean_children);
    p_em_household := p_em * sum_children / (1 + p_em * (sum_children - 1));

    FOR h IN 1 .. households LOOP
        draw := h::int8 * 1000;
        u := @extschema@.synthetic_uniform(seed, draw);
        n_children := 0;
        IF u < p_em_household THEN
            kind := 'unaccompanied_minor'; n_adults := 0;
        ELSE
            u := @extschema@.synthetic_uniform(seed, draw + 1);
            IF u < w_single THEN kind := 'single'; n_adults := 1;
            ELSIF u < w_single + w_couple THEN kind := 'couple'; n_adults := 2;
            ELSIF u < w_single + w_couple + w_parent THEN kind := 'single_parent'; n_adults := 1;
            ELSE kind := 'family'; n_adults := 2;
            END IF;
            IF kind IN ('single_parent', 'family') THEN
                -- 1 + Poisson(mean_children - 1) children, at most 8
                n_children := 1;
                u := @extschema@.synthetic_uniform(seed, draw + 2);
                DECLARE
                    lam float8 := mean_children - 1;
                    pk float8 := exp(-lam);
                    acc float8 := exp(-lam);
                BEGIN
                    WHILE u > acc AND n_children < 8 LOOP
                        pk := pk * lam / n_children;
                        acc := acc + pk;
                        n_children := n_children + 1;
                    END LOOP;
                END;
            END IF;
        END IF;
        has_elderly := kind <> 'unaccompanied_minor' AND @extschema@.synthetic_uniform(seed, draw + 3) < p_elderly;
        u := @extschema@.synthetic_uniform(seed, draw + 4);
        category := CASE WHEN u < p_collective THEN 'collective_protection'
                         WHEN @extschema@.synthetic_uniform(seed, draw + 5) < p_resettlement THEN 'resettlement'
                         ELSE 'asylum' END;
        -- permit granted between 1 July of the year before and 30 September
        permit := make_date(y - 1, 7, 1)
                  + floor(@extschema@.synthetic_uniform(seed, draw + 6) * (make_date(y, 9, 30) - make_date(y - 1, 7, 1) + 1))::int;
        -- reception municipality (resettlement refugees come from abroad)
        reception := NULL;
        IF category <> 'resettlement' THEN
            u := @extschema@.synthetic_uniform(seed, draw + 7) * total;
            lo := 1; hi := cardinality(cum);
            WHILE lo < hi LOOP
                mid := (lo + hi) / 2;
                IF cum[mid] > u THEN hi := mid; ELSE lo := mid + 1; END IF;
            END LOOP;
            reception := codes[lo];
        END IF;
        connection := NULL;
        IF kind <> 'unaccompanied_minor' AND @extschema@.synthetic_uniform(seed, draw + 8) < p_connection THEN
            u := @extschema@.synthetic_uniform(seed, draw + 9) * total;
            lo := 1; hi := cardinality(cum);
            WHILE lo < hi LOOP
                mid := (lo + hi) / 2;
                IF cum[mid] > u THEN hi := mid; ELSE lo := mid + 1; END IF;
            END LOOP;
            connection := codes[lo];
        END IF;
        INSERT INTO @extschema@.household (year, reception_kommunenr, permit_date, connection_kommunenr,
                                           synthetic_seed, note)
        VALUES (y, reception, permit, connection, seed, 'synthetic (generate_population)')
        RETURNING household_id INTO hid;

        n_kinder := 0;
        FOR p IN 1 .. greatest(n_adults, 1) + n_children + (CASE WHEN has_elderly THEN 1 ELSE 0 END) LOOP
            draw := h::int8 * 1000 + 100 + p * 20;
            IF kind = 'unaccompanied_minor' THEN
                -- 13-17 years old at the permit, mostly 15-17
                age_days := 365 * 13 + floor(@extschema@.synthetic_uniform(seed, draw) ^ 0.6 * 365 * 5)::int;
                sex := CASE WHEN @extschema@.synthetic_uniform(seed, draw + 1) < 0.85 THEN 'male' ELSE 'female' END;
            ELSIF p <= n_adults THEN
                age_days := 365 * 19 + floor(@extschema@.synthetic_uniform(seed, draw) * 365 * 40)::int;
                sex := CASE WHEN n_adults = 2 THEN (CASE WHEN p = 1 THEN 'male' ELSE 'female' END)
                            WHEN @extschema@.synthetic_uniform(seed, draw + 1) < (CASE WHEN kind = 'single' THEN 0.65 ELSE 0.15 END)
                            THEN 'male' ELSE 'female' END;
            ELSIF p <= n_adults + n_children THEN
                age_days := floor(@extschema@.synthetic_uniform(seed, draw) * 365 * 17.9)::int;
                sex := CASE WHEN @extschema@.synthetic_uniform(seed, draw + 1) < 0.5 THEN 'male' ELSE 'female' END;
            ELSE
                age_days := 365 * 67 + floor(@extschema@.synthetic_uniform(seed, draw) * 365 * 20)::int;
                sex := CASE WHEN @extschema@.synthetic_uniform(seed, draw + 1) < 0.45 THEN 'male' ELSE 'female' END;
            END IF;
            birth := permit - age_days;
            IF p > n_adults AND p <= n_adults + n_children AND kind <> 'unaccompanied_minor' THEN
                n_child := n_child + 1;
                -- kindergarten age (1-5) in the settlement year
                IF y - extract(year FROM birth)::int BETWEEN 1 AND 5 THEN
                    n_kinder := n_kinder + 1;
                END IF;
            END IF;
            IF has_elderly AND p = n_adults + n_children + 1 THEN
                n_old := n_old + 1;
            END IF;
            -- identifiers: a DUF number for everyone (first application the
            -- permit year or the one before); a synthetic fnr for 70 %
            -- (assumption: many have one by the time they are settled)
            serial := floor(@extschema@.synthetic_uniform(seed, draw + 2) * 1000000)::int;
            LOOP
                du := @extschema@.synthetic_dufnr(extract(year FROM permit)::int
                          - (CASE WHEN @extschema@.synthetic_uniform(seed, draw + 3) < 0.5 THEN 1 ELSE 0 END),
                          greatest(serial, 1));   -- serial 000000 is not a DUF serial
                EXIT WHEN NOT EXISTS (SELECT 1 FROM @extschema@.person x WHERE x.dufnr OPERATOR(@extschema@.=) du);
                serial := (serial + 7919) % 1000000;
            END LOOP;
            f := NULL;
            -- (a synthetic fnr encodes birth years up to 2039 only: none later)
            IF @extschema@.synthetic_uniform(seed, draw + 4) < 0.7
               AND extract(year FROM birth) <= 2039 THEN
                serial := floor(@extschema@.synthetic_uniform(seed, draw + 5) * 500)::int;
                FOR lo IN 0 .. 499 LOOP
                    f := @extschema@.synthetic_fnr(birth, serial + lo * 37);
                    EXIT WHEN NOT EXISTS (SELECT 1 FROM @extschema@.person x WHERE x.fnr OPERATOR(@extschema@.=) f);
                    f := NULL;
                END LOOP;
            END IF;
            INSERT INTO @extschema@.person (household_id, fnr, dufnr, birth_date, legal_sex, category,
                                            unaccompanied_minor, needs)
            VALUES (hid, f, du, birth, sex, category, kind = 'unaccompanied_minor',
                    CASE WHEN @extschema@.synthetic_uniform(seed, draw + 6) < p_health
                         THEN ARRAY['specialist_health'] ELSE '{}'::text[] END);
            n_persons := n_persons + 1;
            IF kind = 'unaccompanied_minor' THEN
                n_em := n_em + 1;
            END IF;
        END LOOP;
        -- extra capacity dimensions: a dwelling by bedrooms, kindergarten places
        IF kind <> 'unaccompanied_minor' THEN
            INSERT INTO @extschema@.household_need (household_id, dimension, amount)
            VALUES (hid, 'dwelling_' || least(1 + (n_children + 1) / 2 + (CASE WHEN has_elderly THEN 1 ELSE 0 END), 4)
                         || '_rooms', 1);
        END IF;
        IF n_kinder > 0 THEN
            INSERT INTO @extschema@.household_need (household_id, dimension, amount)
            VALUES (hid, 'kindergarten', n_kinder);
        END IF;
        IF h % 1000 = 0 THEN
            PERFORM pg_catalog.pg_sleep(0);   -- a cancel point in long runs
        END IF;
    END LOOP;
    households_added := households;
    persons_added := n_persons;
    unaccompanied_minors := n_em;
    children := n_child;
    elderly := n_old;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION @extschema@.generate_population(pg_catalog.int4, pg_catalog.int4, pg_catalog.int8, pg_catalog.jsonb) IS
    'writes a reproducible synthetic population of households waiting for settlement in a year (household, person, household_need): same seed, same people; proportions from IMDi''s national figures where published, documented assumptions elsewhere (options override them)';
