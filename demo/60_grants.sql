-- 60_grants: what the state pays the municipalities for the refugees they
-- settle.  The published rates ship with the extension; years without a
-- published table carry the nearest earlier one forward, and say so.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== One person, five years: a single adult settled in 2017 (år 1 = 2017)'
SELECT budget_year, year_index AS "år", amount, rate_basis
FROM grant_schedule('1990-03-01', '2017-06-01', single_adult => true, unaccompanied => false);

\echo '== The synthetic 2024 population booked by the earlier steps, as if settled now'
\echo '   (in a transaction that is rolled back; persons = those the grant is paid for)'
BEGIN;
UPDATE settlement SET status = 'settled', settled_on = make_date(year, 6, 1)
 WHERE year = 2024 AND status IN ('proposed', 'accepted');
SELECT count(*) AS settled_households_2024,
       (SELECT count(*) FROM grant_settled_person WHERE settle_year = 2024) AS settled_persons_2024
  FROM settlement WHERE year = 2024 AND status = 'settled';
SELECT coalesce(c.name, 'all counties') AS county,
       sum(g.persons) FILTER (WHERE g.scheme = 'integreringstilskudd') AS persons,
       sum(g.amount) FILTER (WHERE g.scheme = 'integreringstilskudd') AS integreringstilskudd,
       coalesce(sum(g.amount) FILTER (WHERE g.scheme = 'em_tilskudd'), 0) AS em_tilskudd,
       coalesce(sum(g.amount) FILTER (WHERE g.scheme IN ('eldretilskudd', 'barnehagetilskudd')), 0) AS elderly_and_kindergarten,
       sum(g.amount) AS total_nok
  FROM municipality_grants(2024) g
  JOIN county c ON c.fylkenr = fylkenr(g.kommunenr) AND c.era_from <= '2024-01-01'
                AND coalesce(c.era_to, 'infinity') >= '2024-01-01'
 GROUP BY ROLLUP (c.name)
HAVING count(*) > 0
 ORDER BY c.name NULLS LAST;
SELECT DISTINCT scheme, rate_basis FROM municipality_grants(2024) ORDER BY 1;
SELECT count(*) = 0 AS no_bookings FROM grant_settled_person WHERE settle_year = 2024 \gset
\if :no_bookings
\echo '   (no household is booked for 2024 yet: the allocation steps book them)'
\endif

\echo '== Projection 2024-2028: settled persons plus decided places not yet settled'
SELECT budget_year, source, sum(persons) AS persons, sum(amount) AS amount_nok
  FROM grant_projection(2024, 2028)
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT DISTINCT assumption FROM grant_projection(2024, 2028) WHERE source = 'open places';
ROLLBACK;

\echo '== What a complete 2024 rate table still lacks (the loader refuses an incomplete year)'
SELECT scheme, component, category, used_instead FROM grant_rates_missing(2024);

\echo '== Five-year grant against Beregningsutvalget''s cost per refugee, beside its published coverage'
SELECT y AS year,
       max(c.grant_5yr) FILTER (WHERE c.category = 'enslig_voksen') AS grant_single_adult,
       max(c.grant_5yr) FILTER (WHERE c.category = 'voksen') AS grant_others,
       max(c.cost_5yr) AS cost_per_refugee,
       max(c.coverage_pct) FILTER (WHERE c.category = 'enslig_voksen') AS "coverage_%_single",
       max(c.coverage_pct) FILTER (WHERE c.category = 'voksen') AS "coverage_%_others",
       max(CASE c.published_qualifier WHEN 'more_than' THEN '>' WHEN 'approx' THEN '~' ELSE '' END
           || c.published_coverage_pct) AS "published_%",
       max(c.grant_basis) FILTER (WHERE c.category = 'voksen') AS grant_basis
  FROM generate_series(2014, 2023) AS y, cost_coverage(y) c
 GROUP BY y ORDER BY y;
