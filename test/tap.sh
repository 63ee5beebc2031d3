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

# pg_regress ... | regress_collect SUITE: one result per test file.
regress_collect() {
	local suite=$1 line name n=0
	while IFS= read -r line; do
		printf '    %s\n' "$line"
		if [[ "$line" =~ ^(test\ +)?[[:space:]]*([A-Za-z0-9_]+)[[:space:]]+\.\.\.[[:space:]]+(ok|FAILED|failed) ]]; then
			name=${BASH_REMATCH[2]}
			n=$((n + 1))
			if [ "${BASH_REMATCH[3]}" = ok ]; then
				tap_record "ok" "$suite: $name" >/dev/null
			else
				tap_record "not ok" "$suite: $name" >/dev/null
			fi
		fi
	done
	[ "$n" -gt 0 ] || tap_record "not ok" "$suite: produced no test result"
}
