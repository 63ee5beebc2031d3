#!/usr/bin/env bash
# builtin_dump: edits of built-in reference rows (grant rates, cost estimates,
# county eras with the counts load_counties adds, municipality 9999) survive
# pg_dump and pg_restore, in custom and plain format, and a dump holding a
# user row with the key of a built-in row (what 0.1 produced after "delete
# the built-in row and load a replacement") restores without error (issue 10,
# item 3; review 05).  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=builtin_src
old=builtin_old
dump=$BOSETTING_WORK/builtin
createdb "$src" && createdb "$old" && createdb builtin_dst_c && createdb builtin_dst_p && createdb builtin_dst_o && createdb builtin_upd
trap 'for d in "$src" "$old" builtin_dst_c builtin_dst_p builtin_dst_o builtin_upd; do dropdb --if-exists "$d"; done' EXIT
q() { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
n=0
check() { n=$((n + 1)); if [ "$1" = true ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
ok() { [ "$1" -eq 0 ] && echo true || echo false; }

PGOPTIONS='-c client_min_messages=warning' q "$src" >/dev/null <<'SQL'
CREATE EXTENSION bosetting;
SET search_path = bosetting, public;
CREATE TEMP TABLE stage_counties (era_from text, era_to text, fylkenr text, fylke_name text,
    ssb_label_with_sami_forms text, municipalities text, municipalities_counted_at text);
\copy stage_counties FROM PROGRAM 'cat "$BOSETTING_DATA/fylker_by_era.csv"' WITH (FORMAT csv, HEADER)
SELECT count(*) FROM bosetting.load_counties('stage_counties');
SELECT * FROM bosetting.load_grant_rates('[{"budget_year":2017,"scheme":"integreringstilskudd","component":"year1","category":"enslig_voksen","amount_nok":240000,"unit":"per_person","source":"corrected"},{"budget_year":2018,"scheme":"integreringstilskudd","component":"year1","category":"voksen","amount_nok":190000,"unit":"per_person","source":"x"}]', allow_incomplete => true);
UPDATE bosetting.grant_rate SET amount = 1118001 WHERE budget_year = 2023 AND category = 'em_0_16';
UPDATE bosetting.cost_estimate SET source = source || ' (checked)' WHERE year = 2015;
UPDATE bosetting.municipality SET official_name = 'Uoppgitt kommune' WHERE kommunenr = '9999';
SQL
check "$(ok $?)" "source database: county counts loaded, a built-in rate replaced by a load, built-in rows edited"
del=$(q "$src" -c "DELETE FROM bosetting.grant_rate WHERE budget_year = 2014 AND category = 'barn'" 2>&1)
check "$(echo "$del" | grep -q 'cannot be deleted' && echo true || echo false)" "deleting a built-in rate is refused"
counted=$(q "$src" -c "SELECT count(*) FROM bosetting.county WHERE municipalities IS NOT NULL")
check "$([ "$counted" -gt 15 ] && echo true || echo false)" "load_counties gave $counted county eras a municipality count (15 built in)"

# Every reference table, row for row (loaded_at of a built-in rate is the
# install time, so it is left out).
snapshot() {
	q "$1" -c "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	    SELECT (to_jsonb(g) - 'loaded_at')::text AS x FROM bosetting.grant_rate g
	    UNION ALL SELECT to_jsonb(c)::text FROM bosetting.cost_estimate c
	    UNION ALL SELECT to_jsonb(c)::text FROM bosetting.county c
	    UNION ALL SELECT to_jsonb(m)::text FROM bosetting.municipality m) s"
}
want=$(snapshot "$src")
edited=$(q "$src" -c "SELECT (SELECT count(*) FROM bosetting.grant_rate WHERE NOT builtin) || ' '
    || (SELECT count(*) FROM bosetting.cost_estimate WHERE NOT builtin) || ' '
    || (SELECT count(*) FROM bosetting.municipality WHERE NOT builtin) || ' '
    || (SELECT count(*) FROM bosetting.county WHERE NOT builtin)")
check "$([ "$edited" = '3 1 1 48' ] && echo true || echo false)" "edited built-in rows are user rows now (rates, estimates, municipalities, counties: $edited)"

pg_dump -Fc -f "$dump.pgc" "$src" && pg_dump -Fp -f "$dump.sql" "$src"
check "$(ok $?)" "pg_dump in custom and plain format"
PGOPTIONS='-c bosetting.restoring=on' pg_restore --exit-on-error -d builtin_dst_c "$dump.pgc"
check "$(ok $?)" "pg_restore of the custom dump"
check "$([ "$(snapshot builtin_dst_c)" = "$want" ] && echo true || echo false)" "custom restore: every reference row as in the source"
PGOPTIONS='-c bosetting.restoring=on' q builtin_dst_p -f "$dump.sql" >/dev/null 2>&1
check "$(ok $?)" "psql -f of the plain dump with ON_ERROR_STOP"
check "$([ "$(snapshot builtin_dst_p)" = "$want" ] && echo true || echo false)" "plain restore: every reference row as in the source"
check "$([ "$(q builtin_dst_c -c "SELECT amount FROM bosetting.grant_rate WHERE budget_year = 2017 AND category = 'enslig_voksen' AND component = 'year1'")" = 240000.00 ] && echo true || echo false)" "the replaced 2017 rate is the loaded one after the restore"

# A dump as 0.1 made it: a built-in row deleted and a user row of its key
# loaded (the guard is bypassed here the way 0.1 had none).
q "$old" >/dev/null <<'SQL'
CREATE EXTENSION bosetting;
SET session_replication_role = replica;
DELETE FROM bosetting.grant_rate WHERE budget_year = 2017 AND category = 'enslig_voksen' AND component = 'year1';
INSERT INTO bosetting.grant_rate (budget_year, scheme, component, category, amount, unit, source, builtin)
VALUES (2017, 'integreringstilskudd', 'year1', 'enslig_voksen', 240000, 'per_person', 'corrected', false),
       (2025, 'eldretilskudd', 'one_time', 'eldre_60pluss', 180000, 'per_person_one_time', 'own row', false);
SQL
pg_dump -Fc -f "$dump.old.pgc" "$old"
PGOPTIONS='-c bosetting.restoring=on' pg_restore --exit-on-error -d builtin_dst_o "$dump.old.pgc"
check "$(ok $?)" "a dump with a user row over a built-in key restores (0.1: duplicate key, every user rate lost)"
check "$([ "$(q builtin_dst_o -c "SELECT string_agg(amount::text || ' ' || builtin, ', ' ORDER BY budget_year) FROM bosetting.grant_rate WHERE source IN ('corrected', 'own row')")" = '240000.00 false, 180000.00 false' ] && echo true || echo false)" "both user rates are back, the loaded one in place of the built-in row"
check "$([ "$(q builtin_dst_o -c "SELECT count(*) FROM bosetting.grant_rate WHERE budget_year = 2017 AND category = 'enslig_voksen' AND component = 'year1'")" = 1 ] && echo true || echo false)" "no built-in row doubled"

# Upgrade from 0.1: the new built-in rows (2011/2012 five-year totals and
# cost estimates) are added, except where a user row holds the key: it wins,
# and the upgrade says so.
q builtin_upd >/dev/null <<'SQL'
CREATE EXTENSION bosetting VERSION '0.1';
INSERT INTO bosetting.grant_rate (budget_year, scheme, component, category, amount, unit, source)
VALUES (2011, 'integreringstilskudd', 'sum_year1_5', 'voksen', 581000, 'per_person_5yr_sum', 'own row');
INSERT INTO bosetting.cost_estimate (year, cost_per_person_5yr, source) VALUES (2012, 700000, 'own row');
SQL
notices=$(q builtin_upd -c "ALTER EXTENSION bosetting UPDATE" 2>&1)
check "$(ok $?)" "ALTER EXTENSION bosetting UPDATE with user rows on two new built-in keys"
echo "$notices" | sed 's/^/# /'
check "$([ "$(echo "$notices" | grep -c 'is not added: a user row holds')" = 2 ] && echo true || echo false)" "the upgrade names both keys it left to the user rows"
check "$([ "$(q builtin_upd -c "SELECT string_agg(budget_year || ' ' || category || ' ' || amount || ' ' || builtin, ', ' ORDER BY budget_year, category) FROM bosetting.grant_rate WHERE budget_year IN (2011, 2012)")" = '2011 barn 561500.00 true, 2011 voksen 581000.00 false, 2012 barn 576500.00 true, 2012 voksen 598000.00 true' ] && echo true || echo false)" "the user's 2011 rate kept, the three other totals added as built-in rows"
check "$([ "$(q builtin_upd -c "SELECT string_agg(year || ' ' || cost_per_person_5yr || ' ' || builtin, ', ' ORDER BY year) FROM bosetting.cost_estimate WHERE year IN (2011, 2012)")" = '2011 736500.00 true, 2012 700000.00 false' ] && echo true || echo false)" "the user's 2012 estimate kept, 2011 added"
echo "1..$n"
