#!/usr/bin/env bash
# solver_highs.sh: solve_assignment against HiGHS (scipy.optimize.milp) on small
# seeded instances; see solver_highs.py.  Runs inside the test cluster.
set -euo pipefail
cd "$(dirname "$0")"
export ORACLE_DB=oracle_solver
dropdb --if-exists "$ORACLE_DB" >/dev/null 2>&1 || true
createdb "$ORACLE_DB"
psql -X -q -d "$ORACLE_DB" -c 'CREATE EXTENSION bosetting'
/usr/bin/python3 solver_highs.py
dropdb "$ORACLE_DB"
