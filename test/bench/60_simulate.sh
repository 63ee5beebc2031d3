#!/usr/bin/env bash
# 60_simulate.sh: simulate_year on a year of 15,000 synthetic households over
# the 357 municipalities of 2024 (their real decisions, scaled), three arrival
# patterns, three policies, against the hindsight optimum.  Goals (issue 15):
# bid_price >= 98 % of hindsight on every pattern and ahead of myopic; the
# bid-price year (with its hindsight solve) in under 60 s.  Run by
# `make bench BENCH=60_simulate` on a throwaway cluster; see 60_simulate.sql.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_DB=bench_simulate
createdb "$BENCH_DB"
psql -X -q -d "$BENCH_DB" -c 'CREATE EXTENSION bosetting'
psql -X -q -d "$BENCH_DB" -v ON_ERROR_STOP=1 -f sql/include/register_load.psql >/dev/null 2>&1
psql -X -q -d "$BENCH_DB" -v ON_ERROR_STOP=1 -f test/bench/60_simulate.sql
dropdb "$BENCH_DB"
