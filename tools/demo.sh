#!/usr/bin/env bash
# demo.sh: `make demo`: a throwaway cluster with bosetting, then every demo
# step (demo/NN_*.sql, in order) on the real data in ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
exec tools/with-cluster.sh demo/run.sh
