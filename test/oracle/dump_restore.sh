#!/usr/bin/env bash
# dump_restore: a database with the real register, a booked synthetic
# population and an administrator's own grant rate goes through pg_dump and
# pg_restore (the way doc/register.md and doc/capacity.md prescribe) and comes
# back the same: every user table row, no built-in row doubled, the capacity
# counters rebuilt and still enforced.  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=dump_src
dst=dump_dst
dump=$BOSETTING_WORK/bosetting.dump
createdb "$src" && createdb "$dst" && createdb dump_plain && createdb dump_custom
trap 'for d in "$src" "$dst" dump_plain dump_custom; do dropdb --if-exists "$d"; done' EXIT
q() { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
n=0
check() { n=$((n + 1)); if [ "$1" = true ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

PGOPTIONS='-c client_min_messages=warning' q "$src" >/dev/null <<'SQL'
CREATE EXTENSION bosetting;
\i sql/include/register_load.psql
SELECT * FROM bosetting.generate_population(2024, 200, 11);
-- Oslo offers room for every extra dimension the households need.
INSERT INTO bosetting.capacity (year, kommunenr, dimension, amount)
SELECT DISTINCT 2024, '0301', dimension, 1000 FROM bosetting.household_need;
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT household_id, 2024, '0301' FROM bosetting.household ORDER BY household_id LIMIT 60;
UPDATE bosetting.settlement SET status = 'accepted' WHERE household_id % 3 = 0;
SELECT * FROM bosetting.load_grant_rates('[{"budget_year": 2025, "scheme": "eldretilskudd",
  "component": "one_time", "category": "eldre_60pluss", "amount_nok": 180000,
  "unit": "per_person_one_time", "source": "an administrator''s own row"}]', allow_incomplete => true);
SQL
check "$([ $? -eq 0 ] && echo true || echo false)" "source database: register loaded, 60 households booked, a user grant rate added"

pg_dump -Fc -f "$dump" "$src"
check "$([ $? -eq 0 ] && echo true || echo false)" "pg_dump of the database"
PGOPTIONS='-c bosetting.restoring=on' pg_restore --exit-on-error -d "$dst" "$dump"
check "$([ $? -eq 0 ] && echo true || echo false)" "pg_restore with bosetting.restoring=on"
q "$dst" -c 'SELECT bosetting.capacity_rebuild()' >/dev/null
check "$([ $? -eq 0 ] && echo true || echo false)" "capacity_rebuild() after the restore"

# Every table the extension marks for pg_dump, row for row: the rows its
# pg_extension_config_dump filter keeps (built-in rows come from CREATE EXTENSION).
tables=$(q "$src" -c "SELECT c.relname || ':' || replace(coalesce(nullif(t.cond, ''), 'true'), ' ', '~')
                      FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS t(oid, cond)
                      JOIN pg_class c ON c.oid = t.oid WHERE e.extname = 'bosetting' AND c.relkind = 'r'
                      ORDER BY 1")
# tables_differ DB: the tables whose rows differ from the source's
tables_differ() {
	local entry t cond sql differ=""
	for entry in $tables; do
		t=${entry%%:*}
		cond=${entry#*:}
		cond=${cond//\~/ }
		cond=${cond#WHERE }
		sql="SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM bosetting.$t x WHERE $cond"
		[ "$(q "$src" -c "$sql")" = "$(q "$1" -c "$sql" 2>&1)" ] || differ="$differ $t"
	done
	echo "$differ"
}
differ=$(tables_differ "$dst")
check "$([ -z "$differ" ] && echo true || echo false)" "all $(echo $tables | wc -w) user tables identical after the round trip${differ:+ (differ:$differ)}"

# Only the derived capacity counters (rebuilt above) and the extension's own
# access rules (recreated by CREATE EXTENSION) are left out of dumps.
undumped=$(q "$src" -c "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
                        WHERE relnamespace = 'bosetting'::regnamespace AND relkind = 'r'
                          AND oid <> ALL (SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'bosetting')")
check "$([ "$undumped" = "access_rule,capacity_booked,capacity_household" ] && echo true || echo false)" \
	"every table but the derived counters and access_rule is marked for pg_dump (not marked: $undumped)"

sql="SELECT count(*) FILTER (WHERE builtin) || '/' || count(*) FILTER (WHERE NOT builtin) FROM bosetting.grant_rate"
check "$([ "$(q "$src" -c "$sql")" = "$(q "$dst" -c "$sql")" ] && echo true || echo false)" \
	"grant_rate: built-in/user rows $(q "$dst" -c "$sql") as before (the user row kept, no built-in row doubled)"

sql="SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) FROM bosetting.remaining_capacity(2024) r"
check "$([ "$(q "$src" -c "$sql")" = "$(q "$dst" -c "$sql")" ] && [ "$(q "$dst" -c 'SELECT count(*) FROM bosetting.verify_capacity()')" = 0 ] && echo true || echo false)" \
	"remaining_capacity(2024) as before, verify_capacity() empty"

# The checks are live again: the restored database refuses an over-booking.
err=$(q "$dst" -c "UPDATE bosetting.decision SET decided = 1 WHERE year = 2024 AND kommunenr OPERATOR(bosetting.=) '0301'" 2>&1)
check "$(echo "$err" | grep -q 'already booked' && echo true || echo false)" "after the restore a decision below what is booked is refused: ${err%%$'\n'*}"
next_src=$(q "$src" -c "SELECT last_value FROM bosetting.household_household_id_seq")
next_dst=$(q "$dst" -c "SELECT last_value FROM bosetting.household_household_id_seq")
check "$([ "$next_src" = "$next_dst" ] && echo true || echo false)" "identity sequences continue where they were ($next_dst)"

# The ordinary way, without bosetting.restoring: pg_restore of the custom dump
# and psql -f of a plain one with ON_ERROR_STOP bring every row back or fail
# loudly.  pg_dump now loads municipality before the tables that name it
# (their foreign keys to kommunenr_code), so decision, capacity and the rest
# come back; the settlements' restored inserts write history rows of their
# own, which the dumped history then collides with: the restore fails, loudly.
pg_dump -Fp -f "$BOSETTING_WORK/bosetting.sql" "$src"
check "$([ $? -eq 0 ] && echo true || echo false)" "pg_dump of the database as a plain script"
for how in custom plain; do
	if [ $how = custom ]; then
		err=$(pg_restore -d dump_custom "$dump" 2>&1)
	else
		err=$(psql -X -q -v ON_ERROR_STOP=1 -d dump_plain -f "$BOSETTING_WORK/bosetting.sql" 2>&1 >/dev/null)
	fi
	rc=$?
	differ=$(tables_differ dump_$how)
	echo "# $how restore without bosetting.restoring: exit $rc${err:+, ${err%%$'\n'*}}; tables that differ:${differ:- none}"
	check "$( { [ $rc -eq 0 ] && [ -z "$differ" ]; } || { [ $rc -ne 0 ] && [ -n "$err" ]; } && echo true || echo false)" \
		"$how restore without bosetting.restoring: every row back, or a non-zero exit with the error (exit $rc)"
	# Loaded without restoring mode, settlement and settlement_history are
	# rewritten by their triggers; every other table (decision, capacity and the
	# five that used to come back empty with them) is identical.
	rest=$(echo $differ | tr ' ' '\n' | grep -vx -e settlement -e settlement_history | tr '\n' ' ')
	check "$([ -z "$rest" ] && [ "$(q dump_$how -c 'SELECT count(*) FROM bosetting.decision')" -gt 0 ] && echo true || echo false)" \
		"$how restore without bosetting.restoring: municipality loaded first, every table but settlement and settlement_history identical${rest:+ (differ: $rest)}"
done
exit 0
