#!/usr/bin/env bash
# deps.sh STEP: make sure the Debian packages that STEP (demo, test, bench, fuzz)
# needs are installed.  As root it installs what is missing with apt-get; as
# any other user it names the missing packages and stops.
set -euo pipefail

step=${1:-test}
server="make gcc postgresql-15 postgresql-client-15 postgresql-server-dev-15 postgresql-common"
case "$step" in
	# nodejs (with npm), chromium: the Evidence dashboard in bi/ (built, rendered)
	demo)  wanted="$server nodejs chromium python3" ;;
	# clang + its runtime: sanitized unit tests; python3-stdnum: the fnr oracle;
	# python3-scipy: HiGHS, the solver and suppression oracles; the JDK,
	# libpostgresql-jdbc-java, odbc-postgresql, unixodbc: the BI client checks;
	# libipc-run-perl: the TAP tests (PostgreSQL::Test::Cluster); debhelper,
	# dpkg-dev, postgresql-server-dev-all: the package test.
	test)  wanted="$server clang libclang-rt-14-dev python3 python3-stdnum python3-scipy default-jdk-headless libpostgresql-jdbc-java odbc-postgresql unixodbc libipc-run-perl debhelper dpkg-dev postgresql-server-dev-all" ;;
	bench) wanted="$server bc python3 python3-scipy" ;;
	fuzz)  wanted="clang libclang-rt-14-dev" ;;
	*)     echo "deps.sh: unknown step '$step' (demo, test, bench, fuzz)" >&2; exit 2 ;;
esac

missing=""
for p in $wanted; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing="$missing $p"
done
missing=${missing# }
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "bosetting: 'make $step' needs these Debian packages, which are not installed:" >&2
	echo "    $missing" >&2
	echo "Install them as root, then run 'make $step' again:" >&2
	echo "    apt-get update && apt-get install -y $missing" >&2
	exit 1
fi

echo "bosetting: installing missing Debian packages: $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "bosetting: packages installed."
