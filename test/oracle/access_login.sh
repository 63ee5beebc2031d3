#!/usr/bin/env bash
# access_login: each profile through a real login: login roles with a
# password connect over TCP to 127.0.0.1 (password authentication, scram-sha-256
# in the throwaway cluster's pg_hba.conf) and try what the README says they may
# and may not do.  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=access_login
createdb "$db" || exit 1
roles="regress_login_admin regress_login_caseworker regress_login_kari regress_login_analyst regress_login_recipient regress_login_other"
cleanup() {
	dropdb --if-exists "$db"
	for r in $roles; do psql -X -q -c "DROP ROLE IF EXISTS $r" postgres >/dev/null 2>&1; done
	# the profiles have no privileges left once their only database is gone
	for r in bosetting_admin bosetting_caseworker bosetting_municipality bosetting_analyst; do
		psql -X -q -c "DROP ROLE IF EXISTS $r" postgres >/dev/null 2>&1
	done
}
trap cleanup EXIT
q() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
n=0
check() { n=$((n + 1)); if [ "$1" = true ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; echo "#   got: $3"; fi; }
pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

# as ROLE SQL: the output (or the error) of SQL run by a password login of ROLE
as() {
	local role=$1; shift
	PGHOST=127.0.0.1 PGUSER=$role PGPASSWORD=$pw PGOPTIONS='-c client_min_messages=warning' \
		psql -X -q -At -d "$db" -c "$@" 2>&1 | sed 's/^psql:[^:]*:[0-9]*: //'
}

q >/dev/null <<SQL
CREATE EXTENSION bosetting;
SELECT count(*) FROM bosetting.create_roles();
CREATE ROLE regress_login_admin LOGIN PASSWORD '$pw' IN ROLE bosetting_admin;
CREATE ROLE regress_login_caseworker LOGIN PASSWORD '$pw' IN ROLE bosetting_caseworker;
CREATE ROLE regress_login_kari LOGIN PASSWORD '$pw' IN ROLE bosetting_municipality;
CREATE ROLE regress_login_analyst LOGIN PASSWORD '$pw' IN ROLE bosetting_analyst;
CREATE ROLE regress_login_recipient NOLOGIN;
CREATE ROLE regress_login_other NOLOGIN;
GRANT regress_login_recipient TO regress_login_analyst;
INSERT INTO bosetting.municipality (kommunenr, valid_from, name, fylkenr)
VALUES ('0301', '2020-01-01', 'Oslo', '03'), ('4601', '2020-01-01', 'Bergen', '46');
INSERT INTO bosetting.decision (year, kommunenr, decided, decided_em) VALUES (2031, '0301', 50, 0), (2031, '4601', 50, 0);
WITH h AS (INSERT INTO bosetting.household (year) SELECT 2031 FROM generate_series(1, 20) RETURNING household_id),
p AS (INSERT INTO bosetting.person (household_id, dufnr, birth_date, legal_sex, category)
      SELECT household_id, bosetting.synthetic_dufnr(2031, household_id::int), date '1990-06-01', 'female', 'asylum' FROM h)
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT household_id, 2031, CASE WHEN household_id <= 12 THEN '0301' ELSE '4601' END::bosetting.kommunenr FROM h;
SELECT bosetting.grant_municipality('regress_login_kari', '{0301}');
SQL
check "$([ $? = 0 ] && echo true)" "set-up: profiles, four login roles with a password, a small 2031 register"

m=$(q -c "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules WHERE type = 'host'" 2>&1)
check "$(case "$m" in *scram*|*md5*|*password*) echo true ;; esac)" "pg_hba.conf asks host connections from 127.0.0.1 for a password ($m)" "$m"
r=$(PGHOST=127.0.0.1 PGUSER=regress_login_kari PGPASSWORD=wrong psql -X -At -d "$db" -c "SELECT 1" 2>&1)
check "$(case "$r" in *"password authentication failed"*) echo true ;; esac)" "a wrong password is refused" "$r"

r=$(as regress_login_kari "SELECT session_user || ' ' || host(inet_client_addr())")
check "$([ "$r" = "regress_login_kari 127.0.0.1" ] && echo true)" "kari logs in over TCP as herself ($r)" "$r"
r=$(as regress_login_kari "SELECT count(*) FROM bosetting.household")
check "$([ "$r" = 12 ] && echo true)" "municipality: sees only the 12 households booked in Oslo" "$r"
r=$(as regress_login_kari "COPY (SELECT household_id FROM bosetting.person) TO STDOUT" | wc -l)
check "$([ "$r" = 12 ] && echo true)" "municipality: COPY of person gives only Oslo's persons" "$r"
r=$(as regress_login_kari "COPY bosetting.settlement TO STDOUT" | grep -c 4601)
check "$([ "$r" = 0 ] && echo true)" "municipality: COPY of the settlement table has no Bergen row" "$r"
r=$(as regress_login_kari "EXPLAIN (COSTS OFF) SELECT * FROM bosetting.person")
check "$(case "$r" in *"SubPlan"*|*"Filter"*) echo true ;; esac)" "municipality: EXPLAIN shows the policy as a filter" "$r"
r=$(as regress_login_kari "SELECT kommunenr FROM bosetting.remaining_capacity(2031) GROUP BY 1")
check "$([ "$r" = 0301 ] && echo true)" "municipality: remaining_capacity() gives Oslo only" "$r"
r=$(as regress_login_kari "SELECT * FROM bosetting.verify_capacity()")
check "$(case "$r" in *"permission denied for function verify_capacity"*) echo true ;; esac)" "municipality: verify_capacity() is 42501" "$r"
r=$(as regress_login_kari "SELECT * FROM bosetting.match_households(2031)")
check "$(case "$r" in *"permission denied"*) echo true ;; esac)" "municipality: match_households() is 42501" "$r"
r=$(as regress_login_kari "UPDATE bosetting.decision SET decided = 99 WHERE kommunenr OPERATOR(bosetting.=) '4601'")
check "$([ "$r" = "" ] && [ "$(q -c "SELECT decided FROM bosetting.decision WHERE kommunenr OPERATOR(bosetting.=) '4601'")" = 50 ] && echo true)" "municipality: Bergen's decision is out of reach (no row updated)" "$r"
r=$(as regress_login_kari "INSERT INTO bosetting.capacity (year, kommunenr, dimension, amount) VALUES (2031, '4601', 'dwelling', 1)")
check "$(case "$r" in *"row-level security"*) echo true ;; esac)" "municipality: a capacity row for Bergen violates the policy" "$r"

r=$(as regress_login_caseworker "SELECT count(*) FROM bosetting.household")
check "$([ "$r" = 20 ] && echo true)" "caseworker: sees all 20 households" "$r"
r=$(as regress_login_caseworker "SELECT count(*) FROM bosetting.verify_capacity()")
check "$([ "$r" = 0 ] && echo true)" "caseworker: verify_capacity() runs (and is empty)" "$r"
r=$(as regress_login_caseworker "SELECT * FROM bosetting.export_key")
check "$(case "$r" in *"permission denied"*) echo true ;; esac)" "caseworker: export keys are 42501" "$r"

r=$(as regress_login_admin "SELECT bosetting.new_export_key('regress_login_recipient') > 0")
check "$([ "$r" = t ] && echo true)" "admin: makes an export key for a recipient" "$r"
r=$(as regress_login_admin "SELECT bosetting.create_roles()")
check "$(case "$r" in *"permission denied"*) echo true ;; esac)" "admin: create_roles() is for superusers only" "$r"

r=$(as regress_login_analyst "SELECT * FROM bosetting.person")
check "$(case "$r" in *"permission denied for table person"*) echo true ;; esac)" "analyst: person is 42501" "$r"
r=$(as regress_login_analyst "SELECT count(*) || ' ' || count(DISTINCT pseudonym) || ' ' || count(birth_year) FROM bosetting.export_persons('regress_login_recipient', 2031)")
check "$([ "$r" = "20 20 20" ] && echo true)" "analyst: exports 20 pseudonymised persons for its recipient role" "$r"
r=$(as regress_login_analyst "SELECT * FROM bosetting.export_persons('regress_login_other', 2031)")
check "$(case "$r" in *"is not a member of the export recipient"*) echo true ;; esac)" "analyst: cannot export with another recipient's key (its login is no member)" "$r"
r=$(as regress_login_analyst "SET ROLE regress_login_recipient; SELECT count(*) FROM bosetting.export_key")
check "$(case "$r" in *"permission denied"*) echo true ;; esac)" "analyst: the key stays unreadable, also as the recipient role" "$r"
r=$(as regress_login_analyst "SELECT count(*) FROM bosetting.decision")
check "$([ "$r" = 2 ] && echo true)" "analyst: reads the decisions (aggregates)" "$r"
# Dumps: the administrator's (with --enable-row-security: the policies then
# apply instead of failing the dump) has the keys; the analyst's fails.  (grep
# -q reads a here-string: from a pipe it stops early, and under pipefail the
# writer's SIGPIPE would fail the check.)
r=$(PGHOST=127.0.0.1 PGUSER=regress_login_admin PGPASSWORD=$pw pg_dump --enable-row-security -d "$db" 2>&1)
check "$(grep -q '^COPY bosetting.export_key' <<<"$r" && echo true)" "admin: pg_dump --enable-row-security saves the export keys" "$(printf '%s' "$r" | grep -m3 -i 'error\|export_key')"
r=$(PGHOST=127.0.0.1 PGUSER=regress_login_analyst PGPASSWORD=$pw pg_dump --enable-row-security -d "$db" 2>&1)
check "$(case "$r" in *"permission denied"*) echo true ;; esac)" "analyst: pg_dump fails (no keys, no persons in any dump of its own)" "$(printf '%s' "$r" | tail -2)"
echo "1..$n"
