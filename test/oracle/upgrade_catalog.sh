#!/usr/bin/env bash
# upgrade_catalog: the extension installed as 0.1 and updated with ALTER
# EXTENSION ... UPDATE has exactly the catalog of a fresh install of the
# current version (every member object and its definition, comment and
# privileges: test/upgrade/catalog.sql), and the frozen 0.1 script is the
# one released.  Prints TAP lines; on a difference it prints the diff.
set -uo pipefail
cd "$(dirname "$0")/../.."
fresh=upgrade_fresh
updated=upgrade_updated
createdb "$fresh" && createdb "$updated"
trap 'dropdb --if-exists "$fresh"; dropdb --if-exists "$updated"' EXIT
q() { local db=$1; shift; PGOPTIONS='-c client_min_messages=warning' psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
n=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" bosetting.control)
q "$fresh" -c "CREATE EXTENSION bosetting"
check $? "fresh install of $current"
q "$updated" -c "CREATE EXTENSION bosetting VERSION '0.1'"
check $? "install of the frozen 0.1 script"
q "$updated" -c "ALTER EXTENSION bosetting UPDATE"
check $? "ALTER EXTENSION bosetting UPDATE from 0.1"
[ "$(q "$updated" -c "SELECT extversion FROM pg_extension WHERE extname = 'bosetting'")" = "$current" ]
check $? "the updated extension reports version $current"

q "$fresh" -f test/upgrade/catalog.sql > "$BOSETTING_WORK/catalog.fresh" &&
	q "$updated" -f test/upgrade/catalog.sql > "$BOSETTING_WORK/catalog.updated" &&
	[ "$(grep -c ' | member | ' "$BOSETTING_WORK/catalog.fresh")" -gt 100 ]
check $? "the catalog query describes both installs (over 100 member objects)"
echo "# $(wc -l < "$BOSETTING_WORK/catalog.fresh") catalog lines in the fresh install"
diff -u "$BOSETTING_WORK/catalog.fresh" "$BOSETTING_WORK/catalog.updated" | sed 's/^/# /'
check "${PIPESTATUS[0]}" "updated catalog = fresh catalog (members, definitions, columns, constraints, indexes, triggers, policies, comments, privileges)"

# The frozen 0.1 script is the one the release commit builds (b41a3ba, the
# head of main when 0.1 landed); without the history (a shallow clone) its
# checksum, taken from that build, stands in.
frozen=src/upgrade/bosetting--0.1.sql
if git cat-file -e b41a3ba^{commit} 2>/dev/null; then
	rel=$BOSETTING_WORK/release-0.1
	mkdir -p "$rel" && git archive b41a3ba | tar -x -C "$rel"
	make -s -C "$rel" build/bosetting--0.1.sql >/dev/null 2>&1
	cmp -s "$rel/build/bosetting--0.1.sql" "$frozen"
	check $? "$frozen is byte for byte the install script built from the 0.1 release commit b41a3ba"
else
	echo "70d2b7420e3f19c97a22b483381e1a3976bb09990a29d288fd9df0b1a61e2044  $frozen" | sha256sum -c --quiet -
	check $? "$frozen has the checksum of the script built from the 0.1 release commit b41a3ba"
fi
