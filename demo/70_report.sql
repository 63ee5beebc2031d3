-- 70_report: the reporting views a BI tool reads: IMDi's key figures, the
-- households of step 50 settled (as if they moved in), waiting times, the
-- suppressed category table, matching runs, capacity and grants; the time of
-- each view over this register; and a BI role for the dashboard in bi/.
SET search_path = bosetting, public;
SET client_min_messages = warning;

\echo '== The proposals of step 50 settled, as if the households moved in (synthetic dates after the permit, within 2024)'
UPDATE settlement s SET status = 'settled',
       settled_on = least(greatest(h.permit_date + 20 + (h.household_id * 7919 % 260)::int, date '2024-01-10'), date '2024-12-31')
  FROM household h WHERE h.household_id = s.household_id AND s.year = 2024 AND s.status IN ('proposed', 'accepted');
VACUUM ANALYZE;

\echo '== Each view over the whole register: rows and time (ms)'
CREATE FUNCTION pg_temp.time_view(v text, OUT view text, OUT rows bigint, OUT ms numeric) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE format('SELECT count(*) FROM (SELECT * FROM bosetting.%I) v', v) INTO rows;
    view := v;
    ms := round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000, 1);
END $$;
SELECT t.* FROM unnest(ARRAY['report_settlement', 'report_settled_by_category', 'report_waiting',
                             'report_capacity', 'report_grants', 'report_matching']) v,
       LATERAL pg_temp.time_view(v) t;

\echo '== IMDi''s key figures, national (lower_bound: a suppressed municipality is left out of the sum)'
SELECT year, requested, decided, settled, settled_lower_bound AS lower_bound,
       decided_per_requested, settled_per_decided
  FROM report_settlement WHERE level = 'land' ORDER BY year;

\echo '== 2024 per county'
SELECT fylkenr, fylke, municipalities, requested, decided, settled, settled_lower_bound AS lower_bound
  FROM report_settlement WHERE level = 'fylke' AND year = 2024 ORDER BY fylkenr;

\echo '== Waiting time from permit to settlement, 2024 (the synthetic population)'
SELECT level, fylke, median_days, p90_days, pct_within_target, pct_within_target_em
  FROM report_waiting WHERE year = 2024 AND level IN ('land', 'fylke') ORDER BY level DESC, fylkenr;

\echo '== Settled by municipality and category in Finnmark 2024, as published (":" hidden)'
SELECT kommunenr,
       max(published) FILTER (WHERE category = 'asylum') AS asylum,
       max(published) FILTER (WHERE category = 'resettlement') AS resettlement,
       max(published) FILTER (WHERE category = 'collective_protection') AS collective_protection,
       max(published) FILTER (WHERE category = 'family_reunification') AS family_reunification,
       max(published) FILTER (WHERE category = 'total') AS total
  FROM report_settled_by_category WHERE year = 2024 AND fylkenr = '56'
 GROUP BY kommunenr ORDER BY kommunenr = 'total', kommunenr;

\echo '== IMDi''s real 2024 table (settled: collective protection / the rest, per municipality, one table per county):'
\echo '   primary suppression only against primary + secondary.  IMDi already hid its small cells, so each of them'
\echo '   gets a stand-in of 1-4 (a hidden collective-protection count beside 10 or more settled: the rest is 1-4)'
CREATE TEMP TABLE real_2024 AS
SELECT fylkenr(d.kommunenr) AS f, d.kommunenr::text AS k, v.c, v.n
  FROM decision d
  CROSS JOIN LATERAL (SELECT coalesce(d.settled, 1 + abs(hashtext(d.kommunenr::text || 's')) % 4) AS settled,
                             1 + abs(hashtext(d.kommunenr::text || 'o')) % 4 AS other) x
  CROSS JOIN LATERAL (SELECT coalesce(d.settled_collective_protection,
                                      CASE WHEN x.settled >= 10 THEN x.settled - least(x.other, x.settled)
                                           ELSE x.settled / 2 END) AS cp) y
  CROSS JOIN LATERAL (VALUES ('collective_protection', y.cp), ('other', x.settled - y.cp)) v(c, n)
 WHERE d.year = 2024 AND (d.settled IS NOT NULL OR d.settled_flag = 'suppressed');
SELECT o.secondary, count(DISTINCT t.f) AS county_tables,
       count(*) FILTER (WHERE x.reason = 'primary') AS primary_cells,
       count(*) FILTER (WHERE x.reason = 'secondary') AS secondary_cells,
       sum(x.value) FILTER (WHERE x.reason = 'secondary') AS persons_in_secondary_cells
  FROM (VALUES (false), (true)) o(secondary),
       (SELECT f, array_agg(k ORDER BY k, c) AS k, array_agg(c ORDER BY k, c) AS c, array_agg(n ORDER BY k, c) AS n
          FROM real_2024 GROUP BY f) t,
       LATERAL suppress_cells(t.k, t.c, t.n, 5, jsonb_build_object('secondary', o.secondary)) x
 GROUP BY o.secondary ORDER BY o.secondary;

\echo '== Matching runs: proposed and unplaced households, and why'
SELECT run_id, year, outcome, reason, households, persons FROM report_matching ORDER BY run_id, outcome, households DESC;

\echo '== Capacity now (2024), national'
SELECT dimension, sum(decided) AS decided, sum(booked) AS booked, sum(remaining) AS remaining
  FROM report_capacity WHERE year = 2024 GROUP BY dimension ORDER BY dimension;

\echo '== Grants per budget year and source (NOK; 1-4 persons hidden)'
SELECT budget_year, source, sum(amount) AS amount, count(*) FILTER (WHERE suppressed) AS hidden_rows
  FROM report_grants GROUP BY 1, 2 ORDER BY 1, 2;

\echo '== A BI role for the dashboard: USAGE on the schema and SELECT on the views only'
DROP ROLE IF EXISTS bosetting_bi;
CREATE ROLE bosetting_bi LOGIN PASSWORD 'demo-only';
GRANT USAGE ON SCHEMA bosetting TO bosetting_bi;
GRANT SELECT ON report_settlement, report_settled_by_category, report_waiting, report_capacity,
                report_grants, report_matching, report_simulation TO bosetting_bi;
