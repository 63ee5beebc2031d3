-- rates_loader.sql: load_grant_rates(), the loader for a new year of grant
-- rates (issue 7; issue 10, item 3).  A loaded rate with the key of a
-- built-in rate replaces it (see src/register/builtin.sql: the user row is
-- what pg_dump keeps).  CREATE OR REPLACE: the upgrade script runs this file
-- again.

-- What is wrong with the rows of the input on their own, twice in it, or
-- already in the table as a user row (a built-in row is replaced).
CREATE OR REPLACE FUNCTION @extschema@._grant_rate_input_problems(rates pg_catalog.jsonb)
RETURNS pg_catalog.text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    problems text[] := '{}';
BEGIN
    -- each row on its own
    SELECT problems || coalesce(array_agg(format('row %s: %s', i.ord, i.problem) ORDER BY i.ord), '{}')
      INTO problems
      FROM @extschema@._grant_rate_input(rates) i WHERE i.problem IS NOT NULL;
    -- twice in the input
    SELECT problems || coalesce(array_agg(format('rows %s: %s %s %s %s given %s times',
               array_to_string(d.ords, ', '), d.budget_year, d.scheme, d.component, d.category, d.n)), '{}')
      INTO problems
      FROM (SELECT i.budget_year, i.scheme, i.component, i.category, count(*) AS n, array_agg(i.ord ORDER BY i.ord) AS ords
              FROM @extschema@._grant_rate_input(rates) i WHERE i.problem IS NULL
             GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d;
    -- already in the table as a user row (a built-in row is replaced)
    SELECT problems || coalesce(array_agg(format('row %s: %s %s %s %s is already in grant_rate (%s, from %s); delete that row first to replace it',
               i.ord, i.budget_year, i.scheme, i.component, i.category, r.amount, r.source) ORDER BY i.ord), '{}')
      INTO problems
      FROM @extschema@._grant_rate_input(rates) i
      JOIN @extschema@.grant_rate r USING (budget_year, scheme, component, category)
     WHERE i.problem IS NULL AND NOT r.builtin;
    RETURN problems;
END;
$fn$;
COMMENT ON FUNCTION @extschema@._grant_rate_input_problems(pg_catalog.jsonb) IS
    'internal: load_grant_rates'' row problems (unknown, duplicated, already present as a user row)';

-- The inconsistencies of each year, over the input and the rows already there.
CREATE OR REPLACE FUNCTION @extschema@._grant_rate_inconsistencies(rates pg_catalog.jsonb)
RETURNS pg_catalog.text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    problems text[] := '{}';
BEGIN
    WITH y AS (
        SELECT i.budget_year, i.scheme, i.component, i.category, i.amount FROM @extschema@._grant_rate_input(rates) i
        UNION ALL
        SELECT r.budget_year, r.scheme, r.component, r.category, r.amount FROM @extschema@.grant_rate r
         WHERE r.budget_year IN (SELECT i.budget_year FROM @extschema@._grant_rate_input(rates) i)
           AND NOT EXISTS (SELECT 1 FROM @extschema@._grant_rate_input(rates) i
                            WHERE (i.budget_year, i.scheme, i.component, i.category)
                                = (r.budget_year, r.scheme, r.component, r.category))),
    a AS (
        SELECT y.budget_year,
               max(y.amount) FILTER (WHERE y.scheme = 'integreringstilskudd' AND y.component = 'year1' AND y.category = 'enslig_voksen') AS ev,
               max(y.amount) FILTER (WHERE y.scheme = 'integreringstilskudd' AND y.component = 'year1' AND y.category = 'voksen') AS v,
               max(y.amount) FILTER (WHERE y.scheme = 'integreringstilskudd' AND y.component = 'year1' AND y.category = 'barn') AS b,
               sum(y.amount) FILTER (WHERE y.scheme = 'integreringstilskudd' AND y.component IN ('year2', 'year3', 'year4', 'year5')) AS rest,
               count(*) FILTER (WHERE y.scheme = 'integreringstilskudd' AND y.component IN ('year2', 'year3', 'year4', 'year5')) AS nrest
          FROM y GROUP BY 1)
    SELECT problems
           || coalesce((SELECT array_agg(format('%s: år 1 for a single adult (%s) is below år 1 for an adult in a family (%s); single adults have the higher rate since 2011',
                                a.budget_year, a.ev, a.v)) FROM a WHERE a.ev < a.v), '{}')
           || coalesce((SELECT array_agg(format('%s: år 1 for a child (%s) differs from år 1 for an adult in a family (%s); the rates are equal since 2014',
                                a.budget_year, a.b, a.v)) FROM a WHERE a.budget_year >= 2014 AND a.b <> a.v), '{}')
           || coalesce((SELECT array_agg(format('%s: the published five-year total for %s (%s) is not the sum of its år 1-5 rates (%s)',
                                s.budget_year, s.category, s.amount, y1.amount + a.rest))
                          FROM y s
                          JOIN y y1 ON y1.budget_year = s.budget_year AND y1.scheme = 'integreringstilskudd'
                                   AND y1.component = 'year1' AND y1.category = s.category
                          JOIN a ON a.budget_year = s.budget_year AND a.nrest = 4
                         WHERE s.scheme = 'integreringstilskudd' AND s.component = 'sum_year1_5'
                           AND s.amount <> y1.amount + a.rest), '{}')
      INTO problems;
    RETURN problems;
END;
$fn$;
COMMENT ON FUNCTION @extschema@._grant_rate_inconsistencies(pg_catalog.jsonb) IS
    'internal: load_grant_rates'' consistency checks of each budget year given';

-- The budget years of the input that lack a rate the rules pay, and which.
CREATE OR REPLACE FUNCTION @extschema@._grant_rate_incomplete(rates pg_catalog.jsonb,
    OUT incomplete pg_catalog.int4[], OUT problems pg_catalog.text[])
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    SELECT coalesce(array_agg(DISTINCT g.budget_year ORDER BY g.budget_year), '{}') INTO incomplete
      FROM (SELECT DISTINCT i.budget_year FROM @extschema@._grant_rate_input(rates) i) g
     WHERE EXISTS (
        SELECT 1 FROM @extschema@.grant_rate_kinds() k
         WHERE k.required
           AND (k.first_year IS NULL OR k.first_year <= g.budget_year)
           AND (k.last_year IS NULL OR k.last_year >= g.budget_year)
           AND NOT EXISTS (SELECT 1 FROM @extschema@._grant_rate_input(rates) i
                            WHERE i.budget_year = g.budget_year AND i.scheme = k.scheme
                              AND i.component = k.component AND i.category = k.category)
           AND NOT EXISTS (SELECT 1 FROM @extschema@.grant_rate r
                            WHERE r.budget_year = g.budget_year AND r.scheme = k.scheme
                              AND r.component = k.component AND r.category = k.category));
    SELECT array_agg(format('%s: %s %s %s', g.y, k.scheme, k.component, k.category) ORDER BY g.y, k.scheme, k.component, k.category)
      INTO problems
      FROM unnest(incomplete) AS g(y)
      JOIN @extschema@.grant_rate_kinds() k
        ON k.required AND (k.first_year IS NULL OR k.first_year <= g.y)
       AND (k.last_year IS NULL OR k.last_year >= g.y)
     WHERE NOT EXISTS (SELECT 1 FROM @extschema@._grant_rate_input(rates) i
                        WHERE i.budget_year = g.y AND i.scheme = k.scheme
                          AND i.component = k.component AND i.category = k.category)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.grant_rate r
                        WHERE r.budget_year = g.y AND r.scheme = k.scheme
                          AND r.component = k.component AND r.category = k.category);
END;
$fn$;
COMMENT ON FUNCTION @extschema@._grant_rate_incomplete(pg_catalog.jsonb) IS
    'internal: load_grant_rates'' completeness check: the years given that lack a required rate, and the rates they lack';

CREATE OR REPLACE FUNCTION @extschema@.load_grant_rates(rates pg_catalog.jsonb,
    allow_incomplete pg_catalog.bool DEFAULT false)
RETURNS TABLE(budget_year pg_catalog.int4, scheme pg_catalog.text, component pg_catalog.text,
              category pg_catalog.text, amount pg_catalog.numeric)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    problems pg_catalog.text[];
    incomplete pg_catalog.int4[];
BEGIN
    IF rates IS NULL OR jsonb_typeof(rates) <> 'array' OR jsonb_array_length(rates) = 0 THEN
        RAISE EXCEPTION 'grant rates refused: expected a non-empty JSON array of rate objects'
            USING ERRCODE = '22023',
                  HINT = 'Each object has the columns of grant_rates.csv: budget_year, scheme, component, category, amount_nok, unit, source (and optionally status).';
    END IF;

    problems := @extschema@._grant_rate_input_problems(rates);
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION 'grant rates refused: % problem(s) in the input', cardinality(problems)
            USING ERRCODE = '22023',
                  DETAIL = array_to_string(problems[1:20], E'\n'),
                  HINT = 'bosetting.grant_rate_kinds() lists every kind of rate, its unit and the years it applies to.';
    END IF;

    problems := @extschema@._grant_rate_inconsistencies(rates);
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION 'grant rates refused: % inconsistency(ies)', cardinality(problems)
            USING ERRCODE = '22023', DETAIL = array_to_string(problems[1:20], E'\n');
    END IF;

    IF NOT allow_incomplete THEN
        SELECT * INTO incomplete, problems FROM @extschema@._grant_rate_incomplete(rates);
        IF cardinality(incomplete) > 0 THEN
            RAISE EXCEPTION 'grant rates refused: budget year % is incomplete (% rate(s) missing)',
                    array_to_string(incomplete, ', '), cardinality(problems)
                USING ERRCODE = '22023',
                      DETAIL = 'Missing: ' || array_to_string(problems[1:30], E'\n'),
                      HINT = 'Give every rate the rules pay for the year (bosetting.grant_rates_missing(year) lists them), or pass allow_incomplete => true to load a partially published year.';
        END IF;
    END IF;

    -- a built-in rate of the same key is updated (it becomes a user row)
    RETURN QUERY
    WITH replaced AS (
        UPDATE @extschema@.grant_rate AS g
           SET amount = i.amount, unit = i.unit, status = i.status, source = i.source, loaded_at = now()
          FROM @extschema@._grant_rate_input(rates) i
         WHERE g.builtin AND (g.budget_year, g.scheme, g.component, g.category)
                           = (i.budget_year, i.scheme, i.component, i.category)
        RETURNING i.ord, g.budget_year, g.scheme, g.component, g.category, g.amount),
    added AS (
        INSERT INTO @extschema@.grant_rate AS g (budget_year, scheme, component, category, amount, unit, status, source, builtin)
        SELECT i.budget_year, i.scheme, i.component, i.category, i.amount, i.unit, i.status, i.source, false
          FROM @extschema@._grant_rate_input(rates) i
         WHERE NOT EXISTS (SELECT 1 FROM @extschema@.grant_rate r
                            WHERE r.builtin AND (r.budget_year, r.scheme, r.component, r.category)
                                              = (i.budget_year, i.scheme, i.component, i.category))
         ORDER BY i.ord
        RETURNING g.budget_year, g.scheme, g.component, g.category, g.amount)
    SELECT r.budget_year, r.scheme, r.component, r.category, r.amount FROM replaced r
    UNION ALL
    SELECT a.budget_year, a.scheme, a.component, a.category, a.amount FROM added a;
END;
$fn$;
COMMENT ON FUNCTION @extschema@.load_grant_rates(pg_catalog.jsonb, pg_catalog.bool) IS
    'adds published rates (a JSON array of objects with the columns of grant_rates.csv); a rate with the key of a built-in rate replaces it; refuses the whole input, with every problem listed, when a row is unknown, duplicated, already present as a user row, inconsistent with its year, or when a year lacks a rate the rules pay (unless allow_incomplete)';
