-- projection.sql: grant_projection(), the grants of the settled persons and
-- of the decided places not yet settled.  CREATE OR REPLACE: the upgrade
-- script runs this file again (issue 13: the same results, computed faster).

-- The projection: the settled persons, plus the places decided but not
-- settled (decided - settled per municipality and year; EM places
-- decided_em - settled EM), assumed settled in the decision year with the
-- composition of the persons settled in the register.
CREATE OR REPLACE FUNCTION @extschema@.grant_projection(from_year pg_catalog.int4, to_year pg_catalog.int4)
RETURNS TABLE(budget_year pg_catalog.int4, kommunenr @extschema@.kommunenr, source pg_catalog.text,
              scheme pg_catalog.text, persons pg_catalog.int8, amount pg_catalog.numeric,
              rate_basis pg_catalog.text, assumption pg_catalog.text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH cohort AS MATERIALIZED (
        SELECT sp.kommunenr, sp.settle_year, sp.birth_year, sp.unaccompanied_minor, sp.alone,
               sp.elderly, sp.small_child, pg_catalog.count(*) AS n
          FROM @extschema@.grant_settled_person sp
         GROUP BY 1, 2, 3, 4, 5, 6, 7),
    mix AS (
        SELECT sp.unaccompanied_minor AS em, sp.alone,
               (sp.settle_year OPERATOR(pg_catalog.-) sp.birth_year) AS age,
               sp.elderly, sp.small_child, pg_catalog.sum(sp.n)::pg_catalog.int8 AS w
          FROM cohort sp
         GROUP BY 1, 2, 3, 4, 5),
    -- with nobody of a kind settled yet: EM at 16, others an adult of 30 in a family
    mixd AS (
        SELECT * FROM mix
        UNION ALL
        SELECT d.em, false, d.age, false, false, 1::pg_catalog.int8
          FROM (VALUES (true, 16), (false, 30)) AS d(em, age)
         WHERE NOT EXISTS (SELECT 1 FROM mix WHERE mix.em OPERATOR(pg_catalog.=) d.em)),
    mixa AS (
        SELECT m.em, pg_catalog.array_agg(m.alone ORDER BY m.w DESC, m.age, m.alone, m.elderly, m.small_child) AS alone,
               pg_catalog.array_agg(m.age ORDER BY m.w DESC, m.age, m.alone, m.elderly, m.small_child) AS age,
               pg_catalog.array_agg(m.elderly ORDER BY m.w DESC, m.age, m.alone, m.elderly, m.small_child) AS elderly,
               pg_catalog.array_agg(m.small_child ORDER BY m.w DESC, m.age, m.alone, m.elderly, m.small_child) AS small_child,
               pg_catalog.array_agg(m.w ORDER BY m.w DESC, m.age, m.alone, m.elderly, m.small_child) AS w,
               pg_catalog.sum(m.w) AS persons
          FROM mixd m GROUP BY m.em),
    booked AS (
        SELECT sp.settle_year AS year, sp.kommunenr, pg_catalog.sum(sp.n) AS n,
               COALESCE(pg_catalog.sum(sp.n) FILTER (WHERE sp.unaccompanied_minor), 0) AS n_em
          FROM cohort sp
         WHERE sp.settle_year OPERATOR(pg_catalog.>=) $1 AND sp.settle_year OPERATOR(pg_catalog.<=) $2
         GROUP BY 1, 2),
    open0 AS (
        SELECT d.year, d.kommunenr,
               GREATEST(COALESCE(d.decided_em, 0) OPERATOR(pg_catalog.-) COALESCE(b.n_em, 0), 0) AS open_em,
               GREATEST(COALESCE(d.decided, 0) OPERATOR(pg_catalog.-) COALESCE(b.n, 0), 0) AS open_all
          FROM @extschema@.decision d
          LEFT JOIN booked b ON b.year OPERATOR(pg_catalog.=) d.year AND b.kommunenr OPERATOR(@extschema@.=) d.kommunenr
         WHERE d.year OPERATOR(pg_catalog.>=) $1 AND d.year OPERATOR(pg_catalog.<=) $2),
    open AS (
        SELECT o.year, o.kommunenr, true AS em, LEAST(o.open_em, o.open_all) AS places FROM open0 o
        UNION ALL
        SELECT o.year, o.kommunenr, false, o.open_all OPERATOR(pg_catalog.-) LEAST(o.open_em, o.open_all) FROM open0 o),
    -- the split depends only on (em, places): once per pair, not per municipality
    splits AS MATERIALIZED (
        SELECT o.em, o.places, u.alone, u.age, u.elderly, u.small_child, u.n
          FROM (SELECT DISTINCT o.em, o.places FROM open o WHERE o.places OPERATOR(pg_catalog.>) 0) o
          JOIN mixa ma ON ma.em OPERATOR(pg_catalog.=) o.em
          CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(ma.alone), pg_catalog.unnest(ma.age),
                                        pg_catalog.unnest(ma.elderly), pg_catalog.unnest(ma.small_child),
                                        pg_catalog.unnest(@extschema@._grant_split(o.places::pg_catalog.int8, ma.w)))
                AS u(alone, age, elderly, small_child, n)
         WHERE u.n OPERATOR(pg_catalog.>) 0),
    assumed AS (
        SELECT o.year, o.kommunenr, o.em, u.alone, u.age, u.elderly, u.small_child, u.n
          FROM open o
          JOIN splits u ON u.em OPERATOR(pg_catalog.=) o.em AND u.places OPERATOR(pg_catalog.=) o.places),
    settled AS (
        SELECT sp.* FROM cohort sp
         WHERE sp.settle_year OPERATOR(pg_catalog.<=) $2
           AND sp.settle_year OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) 21)),
    note AS (
        SELECT 'open places = decided - settled per municipality and year (EM: decided_em - settled EM), assumed settled in the decision year; '
               OPERATOR(pg_catalog.||)
               CASE WHEN pg_catalog.count(*) FILTER (WHERE NOT m.em) OPERATOR(pg_catalog.>) 0
                         AND pg_catalog.count(*) FILTER (WHERE m.em) OPERATOR(pg_catalog.>) 0
                    THEN pg_catalog.format('household and age mix of the %s persons settled in the register, split by largest remainder',
                                           pg_catalog.sum(m.w))
                    WHEN pg_catalog.count(*) OPERATOR(pg_catalog.>) 0
                    THEN pg_catalog.format('household and age mix of the %s persons settled in the register, split by largest remainder; %s',
                                           pg_catalog.sum(m.w),
                                           CASE WHEN pg_catalog.bool_or(m.em) THEN 'no non-EM person settled yet, so those places are adults of 30 in a family'
                                                ELSE 'no EM settled yet, so EM places are minors of 16' END)
                    ELSE 'no settled person in the register to take the mix from, so EM places are minors of 16 and other places adults of 30 in a family' END AS text
          FROM mix m)
    SELECT t.budget_year, t.kommunenr, 'settled'::pg_catalog.text, t.scheme, t.persons, t.amount, t.rate_basis,
           'persons settled in the register (settlement status settled)'::pg_catalog.text
      FROM (SELECT pg_catalog.array_agg(c.kommunenr) AS k, pg_catalog.array_agg(c.settle_year) AS sy,
                   pg_catalog.array_agg(c.birth_year) AS yb, pg_catalog.array_agg(c.unaccompanied_minor) AS um,
                   pg_catalog.array_agg(c.alone) AS al, pg_catalog.array_agg(c.elderly) AS el,
                   pg_catalog.array_agg(c.small_child) AS sc, pg_catalog.array_agg(c.n) AS n
              FROM settled c) a,
           LATERAL @extschema@._grant_totals($1, $2, a.k, a.sy, a.yb, a.um, a.al, a.el, a.sc, a.n) t
    UNION ALL
    SELECT t.budget_year, t.kommunenr, 'open places', t.scheme, t.persons, t.amount, t.rate_basis, (SELECT note.text FROM note)
      FROM (SELECT pg_catalog.array_agg(c.kommunenr) AS k, pg_catalog.array_agg(c.year) AS sy,
                   pg_catalog.array_agg(c.year OPERATOR(pg_catalog.-) c.age) AS yb, pg_catalog.array_agg(c.em) AS um,
                   pg_catalog.array_agg(c.alone) AS al, pg_catalog.array_agg(c.elderly) AS el,
                   pg_catalog.array_agg(c.small_child) AS sc, pg_catalog.array_agg(c.n) AS n
              FROM assumed c) a,
           LATERAL @extschema@._grant_totals($1, $2, a.k, a.sy, a.yb, a.um, a.al, a.el, a.sc, a.n) t
    UNION ALL
    -- only the years with decisions have these rows; unlike generate_series
    -- over parameters (1000 rows assumed), the planner estimates this, and
    -- does not think the query big enough to JIT-compile (a third of its time)
    SELECT y.y, m.kommunenr, 'decision table', m.scheme, m.persons, m.amount, m.rate_basis,
           'per-municipality scheme computed from IMDi''s request, decision and settled counts'
      FROM (SELECT DISTINCT d.year FROM @extschema@.decision d
             WHERE d.year OPERATOR(pg_catalog.>=) $1 AND d.year OPERATOR(pg_catalog.<=) $2) AS y(y),
           LATERAL @extschema@._grant_municipal_rows(y.y) m
     ORDER BY 1, 2, 3, 4, 7;
END;
COMMENT ON FUNCTION @extschema@.grant_projection(pg_catalog.int4, pg_catalog.int4) IS
    'grants per budget year and municipality from from_year to to_year: persons settled in the register, plus the decided places not yet settled under the composition assumption stated in the assumption column';

