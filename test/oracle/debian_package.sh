#!/usr/bin/env bash
# debian_package: a clean checkout of HEAD builds postgresql-15-bosetting with
# dpkg-buildpackage -us -uc (pg_buildext, debian/); apt-get installs the .deb
# on this machine and `pg_buildext installcheck` (what debian/tests runs) passes
# against the installed files; the package is removed again afterwards.
# Needs root (apt-get).  Prints TAP lines, with the build time and size.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" -ne 0 ]; then
	echo "ok 1 - # SKIP the package test installs with apt-get: run as root"
	exit 0
fi
n=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
work=$BOSETTING_WORK/deb
mkdir -p "$work/bosetting"
git archive HEAD | tar -x -C "$work/bosetting"
check $? "a clean checkout of $(git rev-parse --short HEAD)"

start=$(date +%s)
# The suites run below against the installed package, not in the build.
(cd "$work/bosetting" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc >"$work/build.log" 2>&1)
rc=$?
seconds=$(($(date +%s) - start))
[ $rc -eq 0 ] || tail -n 30 "$work/build.log" | sed 's/^/# /'
deb=$(ls "$work"/postgresql-15-bosetting_*.deb 2>/dev/null | head -n 1)
check "$([ $rc -eq 0 ] && [ -n "$deb" ]; echo $?)" "dpkg-buildpackage -us -uc builds $(basename "${deb:-the package}") in ${seconds} s ($(du -k "${deb:-/dev/null}" | cut -f1) KiB)"
[ -n "$deb" ] || exit 0
dpkg-deb -c "$deb" | awk '{print $6}' > "$work/contents"
for f in /usr/lib/postgresql/15/lib/bosetting.so /usr/share/postgresql/15/extension/bosetting.control \
	/usr/share/postgresql/15/extension/bosetting--0.1.sql /usr/share/postgresql/15/extension/bosetting--0.2.sql \
	/usr/share/postgresql/15/extension/bosetting--0.1--0.2.sql /usr/share/doc/postgresql-15-bosetting/copyright; do
	grep -qx ".$f" "$work/contents"
	check $? "the package holds $f"
done
grep -q '^\./usr/share/doc/postgresql-doc-15/extension/bosetting-README.md$\|README.md' "$work/contents"
check $? "the package holds the docs (README.md, CHANGELOG.md, doc/*.md)"

trap 'apt-get remove -y -q postgresql-15-bosetting >/dev/null 2>&1' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$work/install.log" 2>&1
check $? "apt-get install ./$(basename "$deb")"

start=$(date +%s)
# A cluster of its own (pg_virtualenv), not the one this check runs beside.
(cd "$work/bosetting" && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE \
	pg_buildext installcheck >"$work/installcheck.log" 2>&1)
rc=$?
[ $rc -eq 0 ] || tail -n 30 "$work/installcheck.log" | sed 's/^/# /'
check $rc "pg_buildext installcheck against the installed package passes ($(grep -c '\.\.\. ok' "$work/installcheck.log") tests, $(($(date +%s) - start)) s)"
