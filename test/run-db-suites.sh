#!/usr/bin/env bash
# run-db-suites.sh: the suites that need a server; run by test/run-all.sh
# inside tools/with-cluster.sh.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck source=test/tap.sh
. test/tap.sh
pgxs=$(dirname "$(/usr/lib/postgresql/15/bin/pg_config --pgxs)")/..
out=$BOSETTING_WORK/out
mkdir -p "$out"
# BOSETTING_ONLY="name ..." runs only the regress files, isolation specs and
# oracle checks of those names (for quick runs while developing).
only() {
	local x
	if [ -z "${BOSETTING_ONLY:-}" ]; then echo "$@"; return; fi
	for x in "$@"; do case " $BOSETTING_ONLY " in *" $x "*) echo "$x" ;; esac; done
}
regress=$(only $(make -s print-REGRESS))

if [ -n "$regress" ]; then
echo "== pg_regress"
"$pgxs/test/regress/pg_regress" --inputdir=. --outputdir="$out/regress" \
	--bindir=/usr/lib/postgresql/15/bin --load-extension=bosetting \
	--dbname=bosetting_regress $regress 2>&1 | regress_collect regress
[ -f "$out/regress/regression.diffs" ] && cat "$out/regress/regression.diffs"
fi

isolation=$(only $(make -s print-ISOLATION))
if [ -n "$isolation" ]; then
	echo "== isolation"
	"$pgxs/test/isolation/pg_isolation_regress" --inputdir=test/isolation \
		--outputdir="$out/isolation" --bindir=/usr/lib/postgresql/15/bin \
		--load-extension=bosetting --dbname=bosetting_isolation \
		$isolation 2>&1 | regress_collect isolation
	[ -f "$out/isolation/regression.diffs" ] && cat "$out/isolation/regression.diffs"
fi

# BOSETTING_KEEP=DIR keeps the suites' outputs (results/*.out) for review.
if [ -n "${BOSETTING_KEEP:-}" ]; then
	mkdir -p "$BOSETTING_KEEP" && cp -r "$out"/. "$BOSETTING_KEEP"/
fi

echo "== oracle checks"
for check in test/oracle/*.sh; do
	[ -e "$check" ] || continue
	name=$(basename "$check" .sh)
	[ -n "$(only "$name")" ] || continue
	bash "$check" 2>&1 | tap_collect "oracle/$name"
	[ "${PIPESTATUS[0]}" -eq 0 ] || tap_record "not ok" "oracle/$name: exits cleanly"
done
exit 0
