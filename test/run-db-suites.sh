#!/usr/bin/env bash
# run-db-suites.sh: the suites that need a server; run by test/run-all.sh
# inside tools/with-cluster.sh: `make installcheck` (pg_regress and
# pg_isolation_regress), the oracle checks, and the TAP tests (make
# prove_installcheck, each with clusters of its own).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck source=test/tap.sh
. test/tap.sh
out=$BOSETTING_WORK/out
mkdir -p "$out"
# BOSETTING_ONLY="name ..." runs only the regress files, isolation specs,
# oracle checks and TAP files (t/NAME.pl) of those names (quick runs).
only() {
	local x
	if [ -z "${BOSETTING_ONLY:-}" ]; then echo "$@"; return; fi
	for x in "$@"; do case " $BOSETTING_ONLY " in *" $x "*) echo "$x" ;; esac; done
}
regress=$(echo $(only $(make -s print-REGRESS)))
isolation=$(echo $(only $(make -s print-ISOLATION)))

# Each suite's wall-clock time is printed after it ("(N s)"), to see where
# the time of make test goes.
took() { echo "    ($1: $((SECONDS - $2)) s)"; }

if [ -n "$regress$isolation" ]; then
	echo "== make installcheck (pg_regress, pg_isolation_regress)"
	t0=$SECONDS
	# Each suite on its own, its outputs in the scratch directory.
	[ -z "$regress" ] || make -s --no-print-directory installcheck REGRESS="$regress" ISOLATION= \
		EXTRA_REGRESS_OPTS="--outputdir=$out/regress" 2>&1 | sed 's/^/    /'
	[ -z "$isolation" ] || make -s --no-print-directory installcheck REGRESS= ISOLATION="$isolation" \
		EXTRA_REGRESS_OPTS="--outputdir=$out/isolation" 2>&1 | sed 's/^/    /'
	# shellcheck disable=SC2086
	[ -z "$regress" ] || regress_results regress "$top" "$out/regress" $regress
	# shellcheck disable=SC2086
	[ -z "$isolation" ] || regress_results isolation "$top/test/isolation" "$out/isolation" $isolation
	cat "$out"/regress/regression.diffs "$out"/isolation/regression.diffs 2>/dev/null
	took installcheck "$t0"
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
	t0=$SECONDS
	bash "$check" 2>&1 | tap_collect "oracle/$name"
	[ "${PIPESTATUS[0]}" -eq 0 ] || tap_record "not ok" "oracle/$name: exits cleanly"
	took "oracle/$name" "$t0"
done

echo "== TAP tests (t/*.pl, PostgreSQL::Test::Cluster)"
tap=$BOSETTING_WORK/tap
mkdir -p "$tap" && chmod 777 "$tap"
# initdb refuses root: as root the TAP files run as the unprivileged postgres.
as_user=()
[ "$(id -u)" -ne 0 ] || as_user=(runuser -u postgres --)
# The unprivileged user must be able to read the checkout and the shared
# data.  A clone under a private directory (mktemp -d's, as CI makes) is not
# readable: the TAP files then run from copies in the scratch directory.
tap_top=$top
tap_data=$BOSETTING_DATA
if ! "${as_user[@]}" test -r "$top/Makefile"; then
	tap_top=$BOSETTING_WORK/checkout
	mkdir -p "$tap_top" && tar -C "$top" --exclude=./.git -cf - . | tar -C "$tap_top" -xf -
fi
if ! "${as_user[@]}" test -r "$BOSETTING_DATA/README.md"; then
	tap_data=$BOSETTING_WORK/data
	mkdir -p "$tap_data" && cp -R "$BOSETTING_DATA/." "$tap_data"
fi
if ! "${as_user[@]}" test -r "$tap_top/Makefile" -a -r "$tap_data/README.md"; then
	tap_record "not ok" "tap: the checkout and the data are readable by $("${as_user[@]}" id -un) (the TAP tests run as that user)"
fi
for t in t/*.pl; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .pl)
	[ -n "$(only "$name")" ] || continue
	t0=$SECONDS
	"${as_user[@]}" env BOSETTING_STAGE="$BOSETTING_WORK/stage" BOSETTING_DATA="$tap_data" \
		BOSETTING_SCRATCH="$tap" PG_TEST_PORT_DIR="$tap/portlock" \
		make -s -C "$tap_top" --no-print-directory prove_installcheck PROVE_TESTS="$t" \
		PROVE_FLAGS="-v --merge" TAP_TESTDIR="$tap/$name" 2>&1 | tap_collect "tap/$name"
	rc=${PIPESTATUS[0]}
	[ "$rc" -eq 0 ] || tap_record "not ok" "tap/$name: prove passes the file as a whole"
	[ "$rc" -eq 0 ] || tail -n 40 "$tap/$name"/tmp_check/log/regress_log_* 2>/dev/null | sed 's/^/    # /'
	took "tap/$name" "$t0"
done
exit 0
