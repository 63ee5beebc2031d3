#!/usr/bin/env bash
# with-cluster.sh CMD [ARG...]: install the built extension into a staging
# directory and run CMD against a throwaway PostgreSQL 15 cluster that loads
# bosetting from there (Debian's extension_destdir).  The cluster is made by
# pg_virtualenv: as root its server runs as the unprivileged user postgres,
# while CMD itself keeps the caller's rights to read the checkout.
# CMD sees PGHOST/PGPORT/PGUSER/PGDATABASE, BOSETTING_DATA (../shared/data)
# and BOSETTING_WORK (a scratch directory removed afterwards).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
data=${BOSETTING_DATA:-$top/../shared/data}
if [ ! -f "$data/README.md" ]; then
	echo "bosetting: the shared data is not at $data; clone ../shared beside this repository (or set BOSETTING_DATA)." >&2
	exit 1
fi
BOSETTING_DATA=$(cd "$data" && pwd)
BOSETTING_WORK=$(mktemp -d /tmp/bosetting.XXXXXX)
BOSETTING_STAGE=$BOSETTING_WORK/stage
export BOSETTING_DATA BOSETTING_WORK BOSETTING_STAGE
chmod 755 "$BOSETTING_WORK"
trap 'rm -rf "$BOSETTING_WORK"' EXIT

make -s -C "$top" install DESTDIR="$BOSETTING_STAGE" >/dev/null

# A free port of our own, so that several clusters can run side by side.
if [ -z "${PGPORT:-}" ]; then
	for _ in $(seq 50); do
		PGPORT=$((20000 + RANDOM % 20000))
		if [ ! -e "/var/run/postgresql/.s.PGSQL.$PGPORT" ] && [ ! -e "/tmp/.s.PGSQL.$PGPORT" ] &&
			! (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
			break
		fi
	done
	export PGPORT
fi

pg_virtualenv -t -v 15 \
	-o extension_destdir="$BOSETTING_WORK/stage" \
	-o fsync=off -o synchronous_commit=off -o full_page_writes=off \
	-o max_connections=100 -o max_prepared_transactions=10 \
	"$@"
