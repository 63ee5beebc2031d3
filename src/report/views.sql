-- views.sql: the reporting views for BI tools (DESIGN.md "Reporting").
-- They run with their owner's rights and show aggregates only, so every role
-- that may read them sees the same published figures.  Identifiers are text
-- and every column a built-in type, so a BI role whose search_path lacks
-- bosetting can filter and join them.  (A view is parsed once, at CREATE
-- EXTENSION, where pg_catalog is searched first; operators and built-in
-- functions in the bodies are therefore left unqualified for readability.)

-- Each view finds the county of a municipality and year by a join on
-- county (fylkenr of the code, era containing 1 July of the year), which the
-- planner can hash, rather than a lookup per row.

-- ---- settled persons by municipality and category, with suppression

CREATE VIEW @extschema@.report_settled_by_category AS
WITH counts AS (
    SELECT s.year, s.kommunenr, p.category, count(*) AS persons
      FROM @extschema@.settlement s
      JOIN @extschema@.person p ON p.household_id = s.household_id
     WHERE s.status = 'settled'
     GROUP BY 1, 2, 3),
cells AS (
    SELECT n.year, @extschema@.fylkenr(n.kommunenr) AS fylkenr, c.name AS fylke, n.kommunenr::text AS kommunenr,
           n.category, n.persons
      FROM counts n
      LEFT JOIN @extschema@.county c ON c.fylkenr = @extschema@.fylkenr(n.kommunenr)
           AND make_date(n.year, 7, 1) BETWEEN c.era_from AND coalesce(c.era_to, 'infinity')),
grid AS (
    -- every category of every municipality with settled persons (0 where none)
    SELECT m.year, m.fylkenr, m.fylke, m.kommunenr, k.category, coalesce(c.persons, 0)::integer AS persons
      FROM (SELECT DISTINCT year, fylkenr, fylke, kommunenr FROM cells) m
      CROSS JOIN (VALUES ('asylum'), ('resettlement'), ('collective_protection'), ('family_reunification')) k(category)
      LEFT JOIN cells c USING (year, fylkenr, kommunenr, category))
SELECT t.year, t.fylkenr, t.fylke, x.row_key AS kommunenr, x.col_key AS category,
       x.published, x.suppressed
  FROM (SELECT year, fylkenr, min(fylke) AS fylke, array_agg(kommunenr ORDER BY kommunenr, category) AS k,
               array_agg(category ORDER BY kommunenr, category) AS c,
               array_agg(persons ORDER BY kommunenr, category) AS n
          FROM grid GROUP BY year, fylkenr) t
  CROSS JOIN LATERAL @extschema@.suppress_cells(t.k, t.c, t.n) x;
COMMENT ON VIEW @extschema@.report_settled_by_category IS
    'bosatte etter grunnlag, prikket: persons settled (settlement status settled in the register) per year, county, municipality and category, with the municipality totals (category ''total''), the category totals of the county (kommunenr ''total'') and the county total; counts of 1-4 and the cells needed to protect them are published as ":" (suppress_cells, threshold 5)';
COMMENT ON COLUMN @extschema@.report_settled_by_category.year IS 'bosettingsår: the settlement year';
COMMENT ON COLUMN @extschema@.report_settled_by_category.fylkenr IS 'fylkesnummer (2 digits, text): each county and year is one suppressed table';
COMMENT ON COLUMN @extschema@.report_settled_by_category.fylke IS 'fylkesnavn in that year';
COMMENT ON COLUMN @extschema@.report_settled_by_category.kommunenr IS 'kommunenummer (4 digits, text), or ''total'' for the county''s total row';
COMMENT ON COLUMN @extschema@.report_settled_by_category.category IS 'grunnlag: asylum, resettlement (overføringsflyktning), collective_protection (kollektiv beskyttelse), family_reunification (familiegjenforening), or ''total''';
COMMENT ON COLUMN @extschema@.report_settled_by_category.published IS 'bosatte (personer) as published: the count, or ":" where hidden';
COMMENT ON COLUMN @extschema@.report_settled_by_category.suppressed IS 'prikket: true where published is ":"';

-- ---- settlement: requested, decided, settled per municipality, county, nation

CREATE VIEW @extschema@.report_settlement AS
WITH reg AS MATERIALIZED (
    SELECT year, fylkenr, kommunenr, published FROM @extschema@.report_settled_by_category
     WHERE category = 'total'),
d AS (
    SELECT d.year, d.kommunenr::text AS kommunenr, d.kommune_name, @extschema@.fylkenr(d.kommunenr) AS fylkenr, c.name AS fylke,
           d.requested, d.requested_flag, d.decided, d.decided_flag, d.settled, d.settled_flag,
           d.requested_em, d.decided_em, d.settled_em, d.settled_em_flag
      FROM @extschema@.decision d
      LEFT JOIN @extschema@.county c ON c.fylkenr = @extschema@.fylkenr(d.kommunenr)
           AND make_date(d.year, 7, 1) BETWEEN c.era_from AND coalesce(c.era_to, 'infinity')
),
g AS (
    SELECT year,
           CASE WHEN GROUPING(kommunenr) = 0 THEN 'kommune' WHEN GROUPING(fylkenr) = 0 THEN 'fylke' ELSE 'land' END AS level,
           fylkenr, CASE WHEN GROUPING(fylkenr) = 0 THEN min(fylke) END AS fylke, kommunenr,
           CASE WHEN GROUPING(kommunenr) = 0 THEN min(kommune_name) END AS kommune,
           count(*) AS municipalities,
           sum(requested) AS requested,
           bool_or(requested_flag IN ('suppressed', 'lower_bound')) AS requested_lower_bound,
           sum(decided) AS decided,
           bool_or(decided_flag IN ('suppressed', 'lower_bound')) AS decided_lower_bound,
           sum(settled) AS settled,
           bool_or(settled_flag IN ('suppressed', 'lower_bound')) AS settled_lower_bound,
           bool_or(settled IS NULL AND settled_flag = 'suppressed') AS any_settled_suppressed,
           sum(requested_em) AS requested_em, sum(decided_em) AS decided_em, sum(settled_em) AS settled_em,
           bool_or(settled_em_flag IN ('suppressed', 'lower_bound')) AS settled_em_lower_bound
      FROM d
     GROUP BY GROUPING SETS ((year, fylkenr, kommunenr), (year, fylkenr), (year)))
SELECT g.year, level, g.fylkenr, fylke, g.kommunenr, kommune, municipalities::integer AS municipalities,
       requested::bigint, coalesce(requested_lower_bound, false) AS requested_lower_bound,
       decided::bigint, coalesce(decided_lower_bound, false) AS decided_lower_bound,
       settled::bigint, coalesce(settled_lower_bound, false) AS settled_lower_bound,
       CASE WHEN level = 'kommune' AND any_settled_suppressed THEN ':' ELSE settled::text END AS settled_published,
       round(decided::numeric / nullif(requested, 0), 3) AS decided_per_requested,
       round(settled::numeric / nullif(decided, 0), 3) AS settled_per_decided,
       requested_em::bigint, decided_em::bigint, settled_em::bigint,
       coalesce(settled_em_lower_bound, false) AS settled_em_lower_bound,
       CASE level WHEN 'land' THEN CASE WHEN n.hidden = 0 THEN n.total::text ELSE ':' END
                  ELSE coalesce(r.published, '0') END AS settled_register
  FROM g
  -- the register's counts exactly as report_settled_by_category publishes them
  LEFT JOIN reg r ON r.year = g.year AND r.fylkenr = g.fylkenr
                 AND r.kommunenr = CASE g.level WHEN 'kommune' THEN g.kommunenr ELSE 'total' END
  LEFT JOIN (SELECT year, count(*) FILTER (WHERE published = ':') AS hidden,
                    sum(published::int) FILTER (WHERE published <> ':') AS total
               FROM reg WHERE kommunenr = 'total' GROUP BY year) n ON n.year = g.year;
COMMENT ON VIEW @extschema@.report_settlement IS
    'anmodning, vedtak og bosetting: per year, for each municipality (level kommune), county (fylke) and the nation (land): what IMDi requested, what the councils decided and how many were settled, from the decision table (IMDi''s figures as loaded); sums over municipalities, with *_lower_bound where a suppressed or partial figure is left out';
COMMENT ON COLUMN @extschema@.report_settlement.year IS 'bosettingsår: the settlement year';
COMMENT ON COLUMN @extschema@.report_settlement.level IS 'nivå: kommune (one municipality), fylke (county total) or land (national total)';
COMMENT ON COLUMN @extschema@.report_settlement.fylkenr IS 'fylkesnummer (2 digits, text) of the municipality''s era; NULL on the national row';
COMMENT ON COLUMN @extschema@.report_settlement.fylke IS 'fylkesnavn: the county''s name in that year';
COMMENT ON COLUMN @extschema@.report_settlement.kommunenr IS 'kommunenummer (4 digits, text, leading zero kept) valid in that year; NULL on county and national rows';
COMMENT ON COLUMN @extschema@.report_settlement.kommune IS 'kommunenavn as IMDi printed it';
COMMENT ON COLUMN @extschema@.report_settlement.municipalities IS 'antall kommuner: municipalities in the row (1 for a municipality)';
COMMENT ON COLUMN @extschema@.report_settlement.requested IS 'anmodning: persons IMDi asked the municipalities to settle (personer)';
COMMENT ON COLUMN @extschema@.report_settlement.requested_lower_bound IS 'true: a suppressed or partial request is left out, the true figure is at least requested';
COMMENT ON COLUMN @extschema@.report_settlement.decided IS 'vedtak: persons the municipal councils decided to settle (personer)';
COMMENT ON COLUMN @extschema@.report_settlement.decided_lower_bound IS 'true: a suppressed or partial decision is left out, the true figure is at least decided';
COMMENT ON COLUMN @extschema@.report_settlement.settled IS 'bosatte: persons settled in the year (personer); NULL for a municipality whose count IMDi suppressed';
COMMENT ON COLUMN @extschema@.report_settlement.settled_lower_bound IS 'true: a suppressed (prikket) or partial count is left out, the true figure is at least settled';
COMMENT ON COLUMN @extschema@.report_settlement.settled_published IS 'bosatte as published: the count as text, or ":" where IMDi suppressed it (for tables)';
COMMENT ON COLUMN @extschema@.report_settlement.decided_per_requested IS 'vedtak / anmodning (ratio, 3 decimals; 1 = decided as requested)';
COMMENT ON COLUMN @extschema@.report_settlement.settled_per_decided IS 'bosatte / vedtak (ratio, 3 decimals)';
COMMENT ON COLUMN @extschema@.report_settlement.requested_em IS 'anmodning enslige mindreårige: unaccompanied minors requested (personer; sparse before 2022)';
COMMENT ON COLUMN @extschema@.report_settlement.decided_em IS 'vedtak enslige mindreårige: unaccompanied minors decided (personer)';
COMMENT ON COLUMN @extschema@.report_settlement.settled_em IS 'bosatte enslige mindreårige: unaccompanied minors settled (personer)';
COMMENT ON COLUMN @extschema@.report_settlement.settled_em_lower_bound IS 'true: a suppressed or partial EM count is left out';
COMMENT ON COLUMN @extschema@.report_settlement.settled_register IS 'bosatte i registeret (personer, as text): persons whose settlement in bosetting has status settled in the year, exactly as report_settled_by_category publishes the total (":" where suppressed; the national row ":" if a county total is)';

-- ---- waiting time from residence permit to settlement

CREATE VIEW @extschema@.report_waiting AS
WITH p AS (
    SELECT s.year, s.kommunenr::text AS kommunenr, p.unaccompanied_minor,
           s.settled_on - h.permit_date AS days,
           s.settled_on <= h.permit_date + CASE WHEN p.unaccompanied_minor THEN interval '3 months'
                                                ELSE interval '6 months' END AS within_target
      FROM @extschema@.settlement s
      JOIN @extschema@.household h ON h.household_id = s.household_id
      JOIN @extschema@.person p ON p.household_id = s.household_id
     WHERE s.status = 'settled' AND s.settled_on IS NOT NULL AND h.permit_date IS NOT NULL),
k AS (  -- the county of each municipality once, not once per person
    SELECT k.year, k.kommunenr, @extschema@.fylkenr(k.kommunenr::@extschema@.kommunenr) AS fylkenr, c.name AS fylke
      FROM (SELECT DISTINCT year, kommunenr FROM p) k
      LEFT JOIN @extschema@.county c ON c.fylkenr = @extschema@.fylkenr(k.kommunenr::@extschema@.kommunenr)
           AND make_date(k.year, 7, 1) BETWEEN c.era_from AND coalesce(c.era_to, 'infinity')),
w AS (SELECT * FROM p JOIN k USING (year, kommunenr)),
g AS (
    SELECT year,
           CASE WHEN GROUPING(kommunenr) = 0 THEN 'kommune' WHEN GROUPING(fylkenr) = 0 THEN 'fylke' ELSE 'land' END AS level,
           fylkenr, CASE WHEN GROUPING(fylkenr) = 0 THEN min(fylke) END AS fylke, kommunenr, count(*) AS n,
           count(*) FILTER (WHERE unaccompanied_minor) AS n_em,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90,
           avg(within_target::int) AS share,
           avg(within_target::int) FILTER (WHERE unaccompanied_minor) AS share_em
      FROM w
     GROUP BY GROUPING SETS ((year, fylkenr, kommunenr), (year, fylkenr), (year)))
SELECT year, level, fylkenr, fylke, kommunenr, hide AS suppressed,
       CASE WHEN NOT hide THEN round(median::numeric, 1) END AS median_days,
       CASE WHEN NOT hide THEN round(p90::numeric, 1) END AS p90_days,
       CASE WHEN NOT hide THEN round(100 * share, 1) END AS pct_within_target,
       CASE WHEN NOT hide AND n_em >= 5 THEN round(100 * share_em, 1) END AS pct_within_target_em
  FROM (SELECT g.*,
               -- hidden below 5 persons, and wherever the category table hides
               -- the count (so that neither tells which hidden counts are small)
               g.n < 5 OR coalesce(c.published = ':', false) AS hide
          FROM g
          LEFT JOIN @extschema@.report_settled_by_category c
                 ON c.year = g.year AND c.fylkenr = g.fylkenr AND c.category = 'total'
                AND c.kommunenr = CASE WHEN g.level = 'kommune' THEN g.kommunenr ELSE 'total' END) x;
COMMENT ON VIEW @extschema@.report_waiting IS
    'ventetid til bosetting: days from the residence permit (household.permit_date) to settlement (settlement.settled_on) of the persons settled in the register, per year (settlement year) for each municipality, county and the nation: median, 90th percentile and the share settled within IMDi''s targets (6 months; 3 months for unaccompanied minors); aggregates only, hidden where fewer than 5 persons or where report_settled_by_category hides the count';
COMMENT ON COLUMN @extschema@.report_waiting.year IS 'bosettingsår: the settlement year';
COMMENT ON COLUMN @extschema@.report_waiting.level IS 'nivå: kommune, fylke or land';
COMMENT ON COLUMN @extschema@.report_waiting.fylkenr IS 'fylkesnummer (2 digits, text); NULL on the national row';
COMMENT ON COLUMN @extschema@.report_waiting.fylke IS 'fylkesnavn in that year';
COMMENT ON COLUMN @extschema@.report_waiting.kommunenr IS 'kommunenummer (4 digits, text); NULL on county and national rows';
COMMENT ON COLUMN @extschema@.report_waiting.suppressed IS 'prikket: true where fewer than 5 persons were settled or report_settled_by_category hides the count, so the figures are hidden (NULL)';
COMMENT ON COLUMN @extschema@.report_waiting.median_days IS 'median ventetid: median days from permit to settlement (dager)';
COMMENT ON COLUMN @extschema@.report_waiting.p90_days IS '90-persentil: 90th percentile of the days from permit to settlement (dager)';
COMMENT ON COLUMN @extschema@.report_waiting.pct_within_target IS 'andel bosatt innen måltid: percent settled within 6 months of the permit (3 months for unaccompanied minors) (prosent)';
COMMENT ON COLUMN @extschema@.report_waiting.pct_within_target_em IS 'andel enslige mindreårige bosatt innen 3 måneder (prosent); NULL where fewer than 5 minors';

-- ---- capacity now

CREATE VIEW @extschema@.report_capacity AS
SELECT b.year, @extschema@.fylkenr(b.kommunenr) AS fylkenr, c.name AS fylke, b.kommunenr::text AS kommunenr,
       b.dimension, b.decided, b.booked, b.decided - b.booked AS remaining
  FROM @extschema@.capacity_booked b
  LEFT JOIN @extschema@.county c ON c.fylkenr = @extschema@.fylkenr(b.kommunenr)
       AND make_date(b.year, 7, 1) BETWEEN c.era_from AND coalesce(c.era_to, 'infinity');
COMMENT ON VIEW @extschema@.report_capacity IS
    'kapasitet nå: per year, municipality and dimension the limit (vedtak, vedtak for enslige mindreårige, or an extra capacity dimension), what is booked (proposed, accepted or settled households) and what remains';
COMMENT ON COLUMN @extschema@.report_capacity.year IS 'bosettingsår: the settlement year';
COMMENT ON COLUMN @extschema@.report_capacity.fylkenr IS 'fylkesnummer (2 digits, text)';
COMMENT ON COLUMN @extschema@.report_capacity.fylke IS 'fylkesnavn in that year';
COMMENT ON COLUMN @extschema@.report_capacity.kommunenr IS 'kommunenummer (4 digits, text)';
COMMENT ON COLUMN @extschema@.report_capacity.dimension IS 'dimensjon: persons (vedtak, personer), unaccompanied_minors (vedtak EM, personer) or an extra dimension such as dwellings (enheter)';
COMMENT ON COLUMN @extschema@.report_capacity.decided IS 'vedtatt kapasitet: the limit (units of the dimension); NULL where unknown';
COMMENT ON COLUMN @extschema@.report_capacity.booked IS 'booket: units booked by proposed, accepted and settled households';
COMMENT ON COLUMN @extschema@.report_capacity.remaining IS 'ledig: decided - booked (units); NULL where the limit is unknown';

-- ---- grants and their projection

-- The view reads through grant_projection(), whose table reads would run as
-- the caller; this function runs them as the extension's owner and returns
-- only what report_grants shows (aggregates, 1-4 persons hidden), so a BI
-- role needs no rights on the register tables.
CREATE FUNCTION @extschema@._report_grants()
RETURNS TABLE(budget_year pg_catalog.int4, kommunenr pg_catalog.text, source pg_catalog.text,
              scheme pg_catalog.text, persons pg_catalog.int8, amount pg_catalog.numeric,
              suppressed pg_catalog.bool, rate_basis pg_catalog.text)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.budget_year, g.kommunenr::pg_catalog.text, g.source, g.scheme,
           CASE WHEN g.persons OPERATOR(pg_catalog.>=) 5 OR g.persons OPERATOR(pg_catalog.=) 0 THEN g.persons END,
           CASE WHEN g.persons OPERATOR(pg_catalog.>=) 5 OR g.persons OPERATOR(pg_catalog.=) 0 THEN g.amount END,
           g.persons OPERATOR(pg_catalog.>) 0 AND g.persons OPERATOR(pg_catalog.<) 5,
           g.rate_basis
      FROM (SELECT GREATEST(pg_catalog.min(y), f.first_year) AS lo, pg_catalog.max(y) AS hi
              FROM (SELECT s.year AS y FROM @extschema@.settlement s
                     WHERE s.status OPERATOR(pg_catalog.=) 'settled'
                    UNION ALL
                    SELECT pg_catalog.max(d.year) OPERATOR(pg_catalog.+) 4 FROM @extschema@.decision d
                    UNION ALL
                    SELECT pg_catalog.max(d.year) FROM @extschema@.decision d) b,
                   -- år rates start in 2017 (earlier years were published as
                   -- five-year sums): a budget year before the first år 1 rate
                   -- cannot be priced, and one old settlement must not make
                   -- the whole view fail
                   (SELECT pg_catalog.min(t.budget_year) AS first_year FROM @extschema@.grant_rate t
                     WHERE t.scheme OPERATOR(pg_catalog.=) 'integreringstilskudd'
                       AND t.component OPERATOR(pg_catalog.=) 'year1') f
             GROUP BY f.first_year) r,
           LATERAL @extschema@.grant_projection(r.lo, r.hi) g;
END;
COMMENT ON FUNCTION @extschema@._report_grants() IS
    'internal, for report_grants: grant_projection() from the first settlement year in the register (else the last decision year), but no earlier than the first budget year with an år 1 rate of integreringstilskudd (2017 with the shipped rates), to 4 years after the last decision year, with 1-4 persons hidden; runs as the extension owner so that report_grants needs no rights on the register tables';

CREATE VIEW @extschema@.report_grants AS
SELECT g.budget_year, @extschema@.fylkenr(g.kommunenr::@extschema@.kommunenr) AS fylkenr, c.name AS fylke,
       g.kommunenr, g.source, g.scheme, g.persons, g.amount, g.suppressed, g.rate_basis
  FROM @extschema@._report_grants() g
  LEFT JOIN @extschema@.county c ON c.fylkenr = @extschema@.fylkenr(g.kommunenr::@extschema@.kommunenr)
       AND make_date(g.budget_year, 7, 1) BETWEEN c.era_from AND coalesce(c.era_to, 'infinity');
COMMENT ON VIEW @extschema@.report_grants IS
    'tilskudd og framskriving: state grants per budget year, municipality and scheme for the persons settled in the register (source settled), the decided places not yet settled (source open places, under the stated assumptions of grant_projection) and the per-municipality schemes (source decision table); amounts for 1-4 persons are hidden';
COMMENT ON COLUMN @extschema@.report_grants.budget_year IS 'budsjettår: the budget year the grant is paid for';
COMMENT ON COLUMN @extschema@.report_grants.fylkenr IS 'fylkesnummer (2 digits, text)';
COMMENT ON COLUMN @extschema@.report_grants.fylke IS 'fylkesnavn in that year';
COMMENT ON COLUMN @extschema@.report_grants.kommunenr IS 'kommunenummer (4 digits, text)';
COMMENT ON COLUMN @extschema@.report_grants.source IS 'grunnlag: settled (persons settled in the register), open places (decided, not yet settled: a projection) or decision table (per-municipality schemes)';
COMMENT ON COLUMN @extschema@.report_grants.scheme IS 'tilskuddsordning: integreringstilskudd, tilskudd for enslige mindreårige, ... (grant_schemes())';
COMMENT ON COLUMN @extschema@.report_grants.persons IS 'personer (or places) the amount is paid for; NULL where 1-4';
COMMENT ON COLUMN @extschema@.report_grants.amount IS 'beløp: the grant (NOK, kroner); NULL where 1-4 persons';
COMMENT ON COLUMN @extschema@.report_grants.suppressed IS 'prikket: true where 1-4 persons, so persons and amount are hidden';
COMMENT ON COLUMN @extschema@.report_grants.rate_basis IS 'satsgrunnlag: published, or carried forward from an earlier budget year';

-- ---- matching runs

CREATE VIEW @extschema@.report_matching AS
SELECT r.run_id, r.year, r.run_at, 'proposed' AS outcome, NULL::text AS reason,
       r.proposals::bigint AS households, r.persons::bigint AS persons
  FROM @extschema@.match_run r
UNION ALL
SELECT r.run_id, r.year, r.run_at, 'unplaced', regexp_replace(u.reason, '\d+', 'N', 'g'),
       count(*), sum((u.components ->> 'persons')::int)
  FROM @extschema@.match_run r
  JOIN @extschema@.match_unplaced u ON u.run_id = r.run_id
 GROUP BY r.run_id, r.year, r.run_at, regexp_replace(u.reason, '\d+', 'N', 'g');
COMMENT ON VIEW @extschema@.report_matching IS
    'matcheresultat: per run of propose_matches() the households proposed, and the households left unplaced grouped by why (numbers in the reason shown as N)';
COMMENT ON COLUMN @extschema@.report_matching.run_id IS 'kjøring: the run (match_run.run_id)';
COMMENT ON COLUMN @extschema@.report_matching.year IS 'bosettingsår: the settlement year matched';
COMMENT ON COLUMN @extschema@.report_matching.run_at IS 'when the run was made (timestamp with time zone)';
COMMENT ON COLUMN @extschema@.report_matching.outcome IS 'utfall: proposed (forslag written) or unplaced (ikke plassert)';
COMMENT ON COLUMN @extschema@.report_matching.reason IS 'årsak: why the households were not placed; NULL for proposed';
COMMENT ON COLUMN @extschema@.report_matching.households IS 'husstander (count)';
COMMENT ON COLUMN @extschema@.report_matching.persons IS 'personer in those households';
