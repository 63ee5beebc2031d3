#!/usr/bin/env bash
# capacity_restore: after pg_dump and pg_restore (bosetting.restoring = on, as
# doc/capacity.md prescribes) the counters are missing until
# capacity_rebuild(); until then nothing books against a counter that would
# start from zero (0.1 recreated it with booked = 0 on the first UPDATE of a
# decision, and the restored bookings were forgotten).  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=caprestore_src
dst=caprestore_dst
dump=$BOSETTING_WORK/caprestore.dump
createdb "$src" && createdb "$dst"
trap 'dropdb --if-exists "$src"; dropdb --if-exists "$dst"' EXIT
n=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
# the SQLSTATE a statement raises in $dst ('' if none) and its hint
state() { psql -X -q -d "$dst" -v VERBOSITY=sqlstate -c "SET search_path = bosetting, public" -c "$1" 2>&1 >/dev/null |
	sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\).*/\1/p' | head -1; }
hint() { psql -X -q -d "$dst" -v VERBOSITY=verbose -c "SET search_path = bosetting, public" -c "$1" 2>&1 >/dev/null |
	sed -n 's/^HINT:  //p' | head -1; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "SET search_path = bosetting, public" -c "$2"; }

# Oslo decided 5; households of 2 persons; two are booked (4 of 5).
psql -X -q -v ON_ERROR_STOP=1 -d "$src" >/dev/null <<'SQL'
CREATE EXTENSION bosetting;
SET search_path = bosetting, public;
INSERT INTO municipality (kommunenr, valid_from, name, fylkenr) VALUES ('0301', '2020-01-01', 'Oslo', '03');
INSERT INTO decision (year, kommunenr, decided, decided_em) VALUES (2024, '0301', 5, 0);
INSERT INTO household (year) SELECT 2024 FROM generate_series(1, 3);
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category)
SELECT h, synthetic_dufnr(2023, h * 10 + i), '1990-01-01', 'female', 'asylum'
FROM generate_series(1, 3) h, generate_series(1, 2) i;
INSERT INTO settlement (household_id, year, kommunenr) VALUES (1, 2024, '0301'), (2, 2024, '0301');
SQL
check $? "a register with 4 of 5 places of 0301 booked"
pg_dump -Fc -d "$src" -f "$dump" && PGOPTIONS='-c bosetting.restoring=on' pg_restore -d "$dst" "$dump"
check $? "pg_dump and pg_restore with bosetting.restoring = on"
[ "$(q "$dst" "SELECT count(*) FROM capacity_booked")" = 0 ]
check $? "the restored database has no counters (they are derived, not dumped)"

[ "$(state "UPDATE decision SET decided = decided + 1")" = 55000 ]
check $? "an UPDATE of a restored decision fails with 55000 (0.1 recreated its counter with booked = 0)"
case "$(hint "UPDATE decision SET decided = decided + 1")" in *"capacity_rebuild()"*) true ;; *) false ;; esac
check $? "... and its hint says to run capacity_rebuild()"
[ "$(q "$dst" "SELECT count(*) FROM capacity_booked")" = 0 ]
check $? "no counter was recreated"
[ "$(state "INSERT INTO settlement (household_id, year, kommunenr) VALUES (3, 2024, '0301')")" = 55000 ]
check $? "booking a restored household fails with 55000"
q "$dst" "INSERT INTO household (year) VALUES (2024)" >/dev/null
[ "$(state "INSERT INTO settlement (household_id, year, kommunenr) VALUES (4, 2024, '0301')")" = 55000 ]
check $? "booking a household made after the restore where a decision was restored fails with 55000"
[ "$(state "DELETE FROM decision")" = 55000 ]
check $? "deleting a restored decision that restored settlements book fails with 55000"
[ "$(state "UPDATE settlement SET status = 'withdrawn' WHERE household_id = 1")" = 55000 ]
check $? "withdrawing a restored booking fails with 55000"
[ "$(state "INSERT INTO household (year) VALUES (2024) RETURNING capacity_rebuild()")" = 55000 ]
check $? "capacity_rebuild() inside a statement that changes the register fails with 55000"

[ "$(q "$dst" "SELECT capacity_rebuild()")" -gt 0 ]
check $? "capacity_rebuild() rebuilds the counters"
[ "$(q "$dst" "SELECT booked FROM remaining_capacity(2024) WHERE dimension = 'persons'")" = 4 ]
check $? "the rebuilt counter holds the 4 restored persons"
[ "$(state "INSERT INTO settlement (household_id, year, kommunenr) VALUES (3, 2024, '0301')")" = 23514 ]
check $? "a booking beyond the decision is refused again (23514)"
[ "$(q "$dst" "SELECT count(*) FROM verify_capacity()")" = 0 ]
check $? "verify_capacity() is empty"
echo "1..$n"
