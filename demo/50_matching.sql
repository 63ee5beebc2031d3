-- 50_matching: match step 45's synthetic population of about 12,000
-- households waiting in 2024 to the real 2024 council decisions (vedtak),
-- explain every proposal, and write the proposals through the capacity
-- triggers.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== Matching the waiting households to the places left (default weights, seed 1)'
CREATE TEMP TABLE m AS SELECT * FROM match_households(2024, '{"seed": 1}');
SELECT count(*) FILTER (WHERE kommunenr IS NOT NULL) AS placed,
       sum((components->>'persons')::int) FILTER (WHERE kommunenr IS NOT NULL) AS persons_placed,
       count(*) FILTER (WHERE kommunenr IS NULL) AS unplaced,
       sum((components->>'persons')::int) FILTER (WHERE kommunenr IS NULL) AS persons_unplaced
  FROM m;
SELECT regexp_replace(components->>'unplaced', '\d+', 'N', 'g') AS why_unplaced, count(*) AS households
  FROM m WHERE kommunenr IS NULL GROUP BY 1 ORDER BY 2 DESC;

\echo '== The objective and its gap to the solver''s upper bound (the least of its LP and knapsack Lagrangian bounds)'
SELECT items AS households, bins AS municipalities, dimensions, assigned,
       round(objective::numeric, 1) AS objective, round(bound::numeric, 1) AS bound,
       round(100 * gap::numeric, 3) AS gap_pct, round(elapsed_ms::numeric / 1000, 1) AS solver_s
  FROM last_assignment_stats();

\echo '== Per county: decided places, booked before (step 30), proposed now, and the share of decided places used'
SELECT c.fylkenr, c.name AS county, sum(d.decided) AS decided,
       coalesce(sum(bk.persons), 0) AS booked_before, coalesce(sum(pl.persons), 0) AS proposed,
       round(100.0 * (coalesce(sum(bk.persons), 0) + coalesce(sum(pl.persons), 0))
             / nullif(sum(d.decided), 0), 1) AS pct_used,
       sum(d.decided_em) AS decided_em, coalesce(sum(pl.minors), 0) AS proposed_minors
  FROM decision d
  JOIN county c ON c.fylkenr = fylkenr(d.kommunenr) AND c.era_from <= '2024-01-01'
               AND coalesce(c.era_to, 'infinity') >= '2024-01-01'
  LEFT JOIN (SELECT s.kommunenr, count(*) AS persons FROM settlement s JOIN person p USING (household_id)
              WHERE s.year = 2024 AND s.status <> 'withdrawn' GROUP BY s.kommunenr) bk USING (kommunenr)
  LEFT JOIN (SELECT kommunenr, sum((components->>'persons')::int) AS persons,
                    sum((components->>'unaccompanied_minors')::int) AS minors
               FROM m WHERE kommunenr IS NOT NULL GROUP BY kommunenr) pl USING (kommunenr)
 WHERE d.year = 2024
 GROUP BY ROLLUP ((c.fylkenr, c.name)) ORDER BY c.fylkenr NULLS LAST;

\echo '== Three explanations: a family placed where it has ties, an unaccompanied minor, a household left unplaced'
\echo '   (score = placed + waiting + connection + same_municipality + same_county + outcome; zero parts left out)'
CREATE FUNCTION pg_temp.nonzero(c jsonb) RETURNS jsonb LANGUAGE sql AS
  $$ SELECT jsonb_object_agg(key, value) FROM jsonb_each(c) WHERE value NOT IN ('0', 'null', '0.0000') $$;
(SELECT 'tie' AS example, m.household_id, m.kommunenr, mu.name, round(m.score::numeric, 3) AS score, pg_temp.nonzero(m.components) AS components
   FROM m JOIN municipality mu ON mu.kommunenr = m.kommunenr AND municipality_valid_in(mu.kommunenr, 2024)
                       AND mu.valid_from <= '2024-12-31' AND coalesce(mu.valid_to, 'infinity') >= '2024-01-01'
  WHERE (m.components->>'connection')::float8 > 0 AND (m.components->>'persons')::int >= 3
  ORDER BY m.household_id LIMIT 1)
UNION ALL
(SELECT 'minor', m.household_id, m.kommunenr, mu.name, round(m.score::numeric, 3), pg_temp.nonzero(m.components)
   FROM m JOIN municipality mu ON mu.kommunenr = m.kommunenr AND municipality_valid_in(mu.kommunenr, 2024)
                       AND mu.valid_from <= '2024-12-31' AND coalesce(mu.valid_to, 'infinity') >= '2024-01-01'
  WHERE (m.components->>'unaccompanied_minors')::int > 0 ORDER BY m.household_id LIMIT 1)
UNION ALL
(SELECT 'unplaced', m.household_id, NULL, NULL, NULL, pg_temp.nonzero(m.components)
   FROM m WHERE m.kommunenr IS NULL ORDER BY (m.components->>'waited_days')::int DESC, m.household_id LIMIT 1);

\echo '== propose_matches writes them as proposed settlements, one capacity-checked booking each'
SELECT regexp_replace(result, '\d+', 'N', 'g') AS result, count(*) AS households
  FROM propose_matches(2024, '{"seed": 1}') GROUP BY 1 ORDER BY 2 DESC;
SELECT count(*) AS over_booked_municipalities FROM remaining_capacity(2024) WHERE remaining < 0;
SELECT count(*) AS verify_capacity_problems FROM verify_capacity();
