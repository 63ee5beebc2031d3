#!/usr/bin/env bash
# bi_clients.sh: the report_* views through real BI clients, as a role with
# USAGE on bosetting and SELECT on the views only: (a) pgJDBC (Debian
# libpostgresql-jdbc-java; DatabaseMetaData with REMARKS), (b) psqlODBC with
# unixODBC's isql (the DSN's ConnSettings search_path), (c) the Evidence
# dashboard in bi/: its source queries run, and its lock file pins the
# versions that work offline (the dashboard itself is built by `make demo`).
# Runs inside the test cluster; prints TAP.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
db=oracle_bi user=regress_bi password=regress_bi_pw
work=${BOSETTING_WORK:-/tmp}/bi
mkdir -p "$work"
n=1
ok() { if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; n=$((n + 1)); }

dropdb --if-exists "$db" >/dev/null 2>&1
psql -X -q -c "DROP ROLE IF EXISTS $user" >/dev/null
createdb "$db"
psql -X -q -d "$db" -c 'CREATE EXTENSION bosetting'
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v bi_user=$user -v bi_password=$password \
	-f test/oracle/bi/setup.psql >/dev/null
ok $? "setup: register, a settled population and a BI role with USAGE + SELECT on the views"
port=$(psql -X -At -d "$db" -c 'SHOW port')

# (a) pgJDBC
cp test/oracle/bi/BiJdbc.java "$work/"
if javac -d "$work" "$work/BiJdbc.java" 2>"$work/javac.err"; then
	java -cp /usr/share/java/postgresql.jar:"$work" BiJdbc \
		"jdbc:postgresql://127.0.0.1:$port/$db" $user $password $n
	ok $? "jdbc: exits cleanly"
else
	cat "$work/javac.err"; ok 1 "jdbc: BiJdbc.java compiles"
fi
n=$((n + 10))

# (b) psqlODBC through unixODBC's isql: one DSN with ConnSettings, one without
cat > "$work/odbc.ini" <<INI
[bosetting]
Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
Servername=127.0.0.1
Port=$port
Database=$db
SSLMode=disable
ConnSettings=SET search_path TO bosetting,public

[plain]
Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
Servername=127.0.0.1
Port=$port
Database=$db
SSLMode=disable
INI
export ODBCINI=$work/odbc.ini ODBCSYSINI=$work
isql_q() { echo "$2" | isql -v "$1" $user $password -b -d'|' 2>&1; }
out=$(isql_q bosetting "SELECT kommunenr, kommune, settled FROM bosetting.report_settlement WHERE year = 2024 AND kommunenr = '0301'")
echo "$out" | grep -q '^0301|Oslo|1539$'; ok $? "odbc: a query by text kommunenr returns Oslo 2024 with the leading zero ($(echo $out | head -c 60))"
out=$(isql_q bosetting "SELECT count(*) FROM report_settled_by_category WHERE published = ':'")
echo "$out" | grep -Eq '^[1-9][0-9]*$'; ok $? "odbc: with ConnSettings search_path the views need no schema ($(echo $out | head -c 40) hidden cells)"
out=$(isql_q bosetting "help report_waiting")
echo "$out" | grep -q 'median_days'; ok $? "odbc: with ConnSettings the column listing (help) finds the view's columns"
out=$(isql_q plain "help report_waiting")
one=$(isql_q plain "SELECT 40 + 2")
echo "$one" | grep -q '^42$' && ! echo "$out" | grep -q 'median_days'
ok $? "odbc: without ConnSettings the DSN connects but the listing looks only in public (why the DSN needs it)"
out=$(isql_q plain "SELECT count(*) FROM bosetting.person")
echo "$out" | grep -q 'permission denied'; ok $? "odbc: the BI role cannot read the register tables"

# (c) Evidence: the dashboard's source queries, as the BI role; pinned versions
for q in bi/sources/bosetting/*.sql; do
	rows=$(PGPASSWORD=$password psql -X -At -h 127.0.0.1 -p "$port" -U $user -d "$db" -v ON_ERROR_STOP=1 \
		-c "SELECT count(*) FROM ($(grep -v '^--' "$q")) q" 2>&1)
	[ "${rows:-0}" -gt 0 ] 2>/dev/null; ok $? "evidence: bi/${q#bi/} runs as the BI role ($rows rows)"
done
/usr/bin/python3 - <<'PY'
import json, sys
lock = json.load(open("bi/package-lock.json"))["packages"]
want = {"node_modules/@evidence-dev/evidence": "39.1.13", "node_modules/@evidence-dev/core-components": "4.8.10",
        "node_modules/@evidence-dev/postgres": "1.0.6", "node_modules/typescript": "5.4.2"}
bad = {k: lock.get(k, {}).get("version") for k, v in want.items() if lock.get(k, {}).get("version") != v}
print(("ok" if not bad else "not ok") + " 99 - evidence: bi/package-lock.json pins Evidence 39.1.13, core-components 4.8.10, postgres 1.0.6, typescript 5.4.2" + (" (differs: %s)" % bad if bad else ""))
PY

dropdb "$db"
psql -X -q -c "DROP ROLE $user"
