#!/usr/bin/env bash
# demo.sh: `make demo`: a throwaway cluster with bosetting, then every demo
# step (demo/NN_*.sql, in order) on the real data in ../shared/data, then the
# Evidence dashboard over the reporting views (bi/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec tools/with-cluster.sh bash -c 'demo/run.sh && PGDATABASE=bosetting_demo bi/build.sh'
