#!/usr/bin/env bash
# run-all.sh: every suite of `make test`: the C unit tests of src/core, then,
# on a throwaway cluster, make installcheck, the oracle checks and the TAP tests.
# Every test is one "ok"/"not ok" line in the results; the last line printed is
# "N passed, N failed", and the exit status is non-zero on any failure.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BOSETTING_RESULTS=$(mktemp /tmp/bosetting-results.XXXXXX)
export BOSETTING_RESULTS
chmod 644 "$BOSETTING_RESULTS"

# shellcheck source=test/tap.sh
. test/tap.sh

echo "== C unit tests (src/core, with AddressSanitizer and UBSan; through prove)"
for t in $(make -s print-UNIT_TESTS); do
	if make -s "build/unit/$t" >/dev/null; then
		prove_collect "unit/$t" "build/unit/$t"
	else
		tap_record "not ok" "unit/$t: builds"
	fi
done

echo "== database suites (throwaway PostgreSQL 15 cluster)"
if ! tools/with-cluster.sh test/run-db-suites.sh; then
	tap_record "not ok" "cluster: the database suites ran to the end"
fi

passed=$(grep -c '^ok ' "$BOSETTING_RESULTS")
failed=$(grep -c '^not ok ' "$BOSETTING_RESULTS")
if [ "$failed" -gt 0 ]; then
	echo "== failed:"
	grep '^not ok ' "$BOSETTING_RESULTS"
fi
rm -f "$BOSETTING_RESULTS"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
