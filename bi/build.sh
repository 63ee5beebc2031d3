#!/usr/bin/env bash
# build.sh: build the Evidence dashboard over the reporting views of a running
# database and check it renders: run by `make demo` inside its cluster (after
# demo/70_report.sql made the BI role), or by hand:
#   PGHOST=... PGPORT=... BI_DATABASE=... BI_USER=... BI_PASSWORD=... bi/build.sh
# Installs the pinned packages (npm ci, from package-lock.json), extracts the
# sources, builds the static site into bi/build/, serves it on 127.0.0.1 and
# takes a screenshot with headless Chromium (bi/build/dashboard.png).
set -euo pipefail
cd "$(dirname "$0")"
host=${PGHOST:-localhost}
case "$host" in /*) host=localhost ;; esac
export EVIDENCE_SOURCE__bosetting__host=$host
export EVIDENCE_SOURCE__bosetting__port=${PGPORT:-$(psql -X -At -c 'SHOW port')}
export EVIDENCE_SOURCE__bosetting__user=${BI_USER:-bosetting_bi}
export EVIDENCE_SOURCE__bosetting__password=${BI_PASSWORD:-demo-only}
export EVIDENCE_SOURCE__bosetting__database=${BI_DATABASE:-${PGDATABASE:-bosetting_demo}}
export NPM_CONFIG_UPDATE_NOTIFIER=false EVIDENCE_TELEMETRY_DISABLED=true DO_NOT_TRACK=1

# npm ci only when node_modules is not from this very lock file
if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
	echo "== npm ci (the pinned Evidence 39.1.13; 1-6 minutes)"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	cp package-lock.json node_modules/.installed-lock.json
fi
echo "== npm run sources (the report_* views, as $EVIDENCE_SOURCE__bosetting__user)"
npm run --silent sources >/tmp/bosetting-evidence-sources.log 2>&1 || { cat /tmp/bosetting-evidence-sources.log; exit 1; }
echo "== npm run build"
npm run --silent build >/tmp/bosetting-evidence-build.log 2>&1 || { tail -40 /tmp/bosetting-evidence-build.log; exit 1; }

# Render: serve build/ on a free local port, screenshot with headless Chromium.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory build >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$profile" --virtual-time-budget=20000 \
	--window-size=1200,3800 --screenshot="$PWD/build/dashboard.png" "http://127.0.0.1:$port/" >/dev/null 2>&1
rm -rf "$profile"
# The page must show the rendered charts and tables, not the loading
# placeholder: a real render has many colours and several hundred KB.
/usr/bin/python3 - build/dashboard.png <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", data[16:24])
idat, pos = b"", 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
samples = len(set(raw[k:k + 3] for k in range(0, len(raw), 997)))
print("== screenshot %dx%d, %d KB, %d distinct samples" % (w, h, len(data) // 1024, samples))
sys.exit(0 if samples > 40 else 1)
PY
echo "== the dashboard: $PWD/build/index.html (serve build/ over HTTP to view it; screenshot build/dashboard.png)"
