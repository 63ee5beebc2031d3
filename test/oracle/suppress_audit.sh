#!/usr/bin/env bash
# suppress_audit.sh: no hidden cell of suppress_cells' output can be computed
# exactly, checked by an attacker's LP (HiGHS) over random tables and IMDi's
# real 2014-2025 tables; see suppress_audit.py.  Runs inside the test cluster.
set -euo pipefail
cd "$(dirname "$0")"
export ORACLE_DB=oracle_suppress
dropdb --if-exists "$ORACLE_DB" >/dev/null 2>&1 || true
createdb "$ORACLE_DB"
psql -X -q -d "$ORACLE_DB" -c 'CREATE EXTENSION bosetting'
/usr/bin/python3 suppress_audit.py
dropdb "$ORACLE_DB"
