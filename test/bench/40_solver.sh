#!/usr/bin/env bash
# 40_solver.sh: solve_assignment at 2,000 and 20,000 households x 357
# municipalities against HiGHS; see 40_solver.py.  Run by
# `make bench BENCH=40_solver` on a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")"
export BENCH_DB=bench_solver
createdb "$BENCH_DB"
psql -X -q -d "$BENCH_DB" -c 'CREATE EXTENSION bosetting'
/usr/bin/python3 40_solver.py
dropdb "$BENCH_DB"
