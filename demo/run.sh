#!/usr/bin/env bash
# run.sh: run inside tools/with-cluster.sh by `make demo`.  Each demo step is
# a psql script demo/NN_name.sql; steps share one database, in order, and
# read ../shared/data through $BOSETTING_DATA.
set -euo pipefail
cd "$(dirname "$0")"
createdb bosetting_demo
export PGDATABASE=bosetting_demo
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION bosetting'
for step in [0-9][0-9]_*.sql; do
	echo
	echo "################ $step"
	psql -X -q -v ON_ERROR_STOP=1 -P pager=off -P footer=off -f "$step"
done
