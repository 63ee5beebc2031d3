#!/usr/bin/env bash
# alloc_request_models: request_plan() and apportion() against the published
# request figures in $BOSETTING_DATA/oracles, as far as the data allows
# (oracles/README.md: the Danish and Swedish inputs are not published, so
# those are sum and consistency checks).  Prints TAP.
set -uo pipefail
db=alloc_oracle_$$
createdb "$db" || { echo "not ok 1 - create database"; exit 0; }
export PGDATABASE=$db
top=$(cd "$(dirname "$0")/../.." && pwd)
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
n=0
check() {  # check DESCRIPTION SQL-returning-boolean
	n=$((n + 1))
	local r
	r=$(q "$2" 2>&1)
	if [ "$r" = t ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "# got: $r"; fi
}

psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { echo "not ok 1 - load the register"; dropdb "$db"; exit 0; }
SET client_min_messages = warning;
CREATE EXTENSION bosetting;
SET search_path = bosetting, public;
CREATE TEMP TABLE stage_counties (era_from text, era_to text, fylkenr text, fylke_name text,
    ssb_label_with_sami_forms text, municipalities text, municipalities_counted_at text);
\copy stage_counties FROM PROGRAM 'cat "$BOSETTING_DATA/fylker_by_era.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_municipalities (kommunenr text, name text, fylkenr text, fylke_name text,
    population text, population_date text, lat text, lon text, source text, name_official_2024 text,
    name_official_2026 text, other_official_names text, admin_centre text);
\copy stage_municipalities FROM PROGRAM 'cat "$BOSETTING_DATA/municipalities_2024.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE stage_population (kommunenr text, population_date text, population text, source text);
\copy stage_population FROM PROGRAM 'cat "$BOSETTING_DATA/municipality_population.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) FROM load_counties('stage_counties');
SELECT count(*) FROM load_municipalities('stage_municipalities');
SELECT count(*) FROM load_population('stage_population');
CREATE TABLE anmodning (settlement_year int, level text, unit text, requested_persons int,
    of_which_unaccompanied_minors int, status text, source text);
\copy anmodning FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/no_imdi_anmodning_published.csv"' WITH (FORMAT csv, HEADER)
CREATE TABLE county_published (year int, fylke text, requested int, decided int, settled int,
    settled_collective_protection int, agreed_not_yet_settled int, agreed_not_yet_settled_collective_protection int,
    agreed_collective_flag text, as_of text, source_url text);
\copy county_published FROM PROGRAM 'cat "$BOSETTING_DATA/imdi_settlement_by_county.csv"' WITH (FORMAT csv, HEADER)
CREATE TABLE dk (quota_year int, level text, unit text, value int, status text, source text, note text);
\copy dk FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/dk_refugee_quotas_published.csv"' WITH (FORMAT csv, HEADER)
CREATE TABLE se (year int, variant text, lan text, lanstal int, source text);
\copy se FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/se_lanstal.csv"' WITH (FORMAT csv, HEADER)
CREATE TABLE se_k (year int, lan text, kommun text, kommuntal int, source text);
\copy se_k FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/se_kommuntal_examples.csv"' WITH (FORMAT csv, HEADER)
-- stand-in indicators (labelled) so that dk and se can run on Norway
INSERT INTO indicator SELECT year, kommunenr, 'standin_immigrants', round(value / 10), 'STAND-IN: population/10'
FROM indicator WHERE name = 'population' AND year = 2024;
INSERT INTO indicator SELECT year, kommunenr, 'standin_employed', round(value / 2), 'STAND-IN: population/2'
FROM indicator WHERE name = 'population' AND year = 2024;
INSERT INTO indicator SELECT year, kommunenr, 'standin_reception', 1, 'STAND-IN: 1 each'
FROM indicator WHERE name = 'population' AND year = 2024;
SQL

S='SET search_path = bosetting, public;'
check "2024: the 'no' model plans the published national request (no_imdi_anmodning_published 2024: 37000) exactly" \
  "$S SELECT sum(requested) = (SELECT requested_persons FROM anmodning WHERE settlement_year = 2024 AND level = 'national') FROM request_plan(2024, (SELECT requested_persons FROM anmodning WHERE settlement_year = 2024 AND level = 'national'), 'no')"
check "2024: IMDi's published county requests sum to the national 37000 the models distribute" \
  "$S SELECT sum(requested) = 37000 FROM county_published WHERE year = 2024"
check "2024: the 'no' model gives every municipality at least 10, IMDi's stated minimum (2018, 2022 criteria)" \
  "$S SELECT min(requested) >= 10 FROM request_plan(2024, 37000, 'no')"
check "2024: per-county sums of every model add up to 37000 over the 15 counties" \
  "$S SELECT bool_and(s = 37000) FROM (SELECT m, sum(requested) s FROM municipality mu JOIN LATERAL (SELECT 'no' m, * FROM request_plan(2024, 37000, 'no') UNION ALL SELECT 'dk', * FROM request_plan(2024, 37000, 'dk', '{\"indicators\": {\"immigrants\": \"standin_immigrants\"}}') UNION ALL SELECT 'se', * FROM request_plan(2024, 37000, 'se', '{\"indicators\": {\"labour_market\": \"standin_employed\", \"reception\": \"standin_reception\"}}')) p ON p.kommunenr = mu.kommunenr AND mu.valid_to IS NULL GROUP BY m) x"
check "2020 published per-kommune requests (Oslo 210 ... Hamarøy 10) are all >= 10, the minimum the 'no' model uses" \
  "$S SELECT bool_and(requested_persons >= 10) FROM anmodning WHERE level = 'kommune' AND settlement_year = 2020"
check "dk 2021: the published regionskvoter sum to the landstal 600 (regionskvote = sum of kommunekvoter, BEK 550/2022 § 4 stk. 1)" \
  "$S SELECT sum(value) = (SELECT value FROM dk WHERE quota_year = 2021 AND level = 'landstal') FROM dk WHERE quota_year = 2021 AND level = 'regionskvote'"
check "dk: the model distributes the 2021 landstal (600) exactly and gives no negative quota" \
  "$S SELECT sum(requested) = 600 AND min(requested) >= 0 FROM request_plan(2024, (SELECT value FROM dk WHERE quota_year = 2021 AND level = 'landstal'), 'dk', '{\"indicators\": {\"immigrants\": \"standin_immigrants\"}}')"
check "dk: every published landstal (2010-2021) is distributed exactly by the model" \
  "$S SELECT bool_and((SELECT sum(requested) FROM request_plan(2024, value, 'dk', '{\"indicators\": {\"immigrants\": \"standin_immigrants\"}}')) = value) FROM dk WHERE level = 'landstal'"
check "se: every published länstal variant sums to its national total (30 600, 23 600, 9 000, 7 100)" \
  "$S SELECT bool_and(s = substring(replace(variant, ' ', '') from 'total([0-9]+)')::int) FROM (SELECT variant, sum(lanstal) s FROM se GROUP BY variant) x"
check "se: the model distributes each national total exactly" \
  "$S SELECT bool_and((SELECT sum(requested) FROM request_plan(2024, t, 'se', '{\"indicators\": {\"labour_market\": \"standin_employed\", \"reception\": \"standin_reception\"}}')) = t) FROM (SELECT sum(lanstal)::int t FROM se GROUP BY variant) x"
check "se 2017: the original länstal (30 600) scaled by Hamilton to the revised total sums exactly to 23 600" \
  "$S SELECT (SELECT sum(x) FROM unnest(apportion(array_agg(o.lanstal ORDER BY o.lan), 23600, 'hamilton')) x) = 23600 FROM se o WHERE o.variant LIKE 'original%'"
# informational: how far a proportional revision is from the published one
q "$S SELECT '# se 2017 revision: proportional (Hamilton) vs published, persons moved: ' || sum(abs(p - r.lanstal)) / 2 FROM (SELECT lan, (apportion(array_agg(lanstal) OVER w, 23600, 'hamilton'))[row_number() OVER w] p FROM se WHERE variant LIKE 'original%' WINDOW w AS (ORDER BY lan ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) x JOIN se r ON r.lan = x.lan AND r.variant LIKE 'revised%'"
check "se Skåne 2018: the kommuntal examples do not exceed the published länstotal 1800" \
  "$S SELECT sum(kommuntal) FILTER (WHERE kommun <> '(länstotal)') <= max(kommuntal) FILTER (WHERE kommun = '(länstotal)') FROM se_k WHERE year = 2018"
echo "1..$n"
dropdb "$db"
