# tap.sh: sourced by the test scripts; records results in $BOSETTING_RESULTS.

# tap_record "ok"|"not ok" DESCRIPTION
tap_record() {
	printf '%s %s\n' "$1" "$2" >> "$BOSETTING_RESULTS"
	printf '%s %s\n' "$1" "$2"
}

# PRODUCER | tap_collect SUITE: keep TAP "ok N - name" lines (and echo the
# rest); a producer that printed no test at all counts as one failure.
tap_collect() {
	local suite=$1 line n=0
	while IFS= read -r line; do
		case "$line" in
			"ok "*) tap_record "ok" "$suite: ${line#ok * - }"; n=$((n + 1)) ;;
			"not ok "*) tap_record "not ok" "$suite: ${line#not ok * - }"; n=$((n + 1)) ;;
			*) printf '    %s\n' "$line" ;;
		esac
	done
	[ "$n" -gt 0 ] || tap_record "not ok" "$suite: produced no test result"
}

# prove_collect SUITE PROVE-ARGS... FILE: run one TAP file through prove and
# record each of its tests, plus one failure when prove fails the file as a
# whole (a wrong plan, a death after the last test, a crash).
prove_collect() {
	local suite=$1
	shift
	prove -v --merge "$@" 2>&1 | tap_collect "$suite"
	[ "${PIPESTATUS[0]}" -eq 0 ] || tap_record "not ok" "$suite: prove passes the file as a whole"
}

# regress_results SUITE INPUTDIR OUTDIR NAME...: one result per pg_regress
# (or pg_isolation_regress) test, from the files it leaves rather than from its
# console output (whose format changes between PostgreSQL versions): a test
# passed when its results/NAME.out equals expected/NAME.out or one of the
# alternatives expected/NAME_N.out, as pg_regress compares them.
regress_results() {
	local suite=$1 in=$2 dir=$3 name e ok
	shift 3
	for name in "$@"; do
		ok=
		for e in "$in/expected/$name.out" "$in"/expected/"$name"_[0-9].out; do
			[ -f "$e" ] && [ -f "$dir/results/$name.out" ] && cmp -s "$e" "$dir/results/$name.out" && ok=1
		done
		if [ -n "$ok" ]; then
			tap_record "ok" "$suite: $name" >/dev/null
		else
			tap_record "not ok" "$suite: $name" >/dev/null
		fi
	done
}
