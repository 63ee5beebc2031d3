#!/usr/bin/env bash
# run.sh: `make bench` runs every benchmark test/bench/NN_*.sh, each on its
# own throwaway cluster; `make bench BENCH=NN_name` runs one.  Benchmarks
# print ratios against a baseline measured in the same run; they are not
# part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
for b in test/bench/${BENCH:-[0-9][0-9]_*}.sh; do
	[ -e "$b" ] || { echo "no benchmark $b" >&2; exit 1; }
	echo "################ $b"
	tools/with-cluster.sh bash "$b"
done
