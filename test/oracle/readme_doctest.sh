#!/usr/bin/env bash
# readme_doctest: every ```sql block of README.md, then doc/*.md, runs in order
# on a fresh database (the tour's files read from $BOSETTING_DATA, as the README
# says) and prints what the block shows (test/doctest/doctest.py).  TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
createdb doctest || exit 1
trap 'dropdb --if-exists doctest' EXIT
cd "$BOSETTING_DATA" && python3 "$OLDPWD/test/doctest/doctest.py" "$OLDPWD/README.md" "$OLDPWD"/doc/*.md
