#!/usr/bin/env bash
# readme_doctest: every ```sql block of README.md, then of every doc/*.md in
# module order, runs in order as one session on a fresh database (the tour's
# files read from $BOSETTING_DATA, as the README says) and prints what the
# block shows (test/doctest/doctest.py).  TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
createdb doctest || exit 1
trap 'dropdb --if-exists doctest' EXIT
# Each doc's examples run on the state the README and the docs before it
# leave.
docs="register capacity alloc match cost report access"
for f in doc/*.md; do      # a new doc file must be added here
	case " $docs " in
		*" $(basename "$f" .md) "*) ;;
		*) echo "not ok 0 - $f is in the doctest's list" ;;
	esac
done
cd "$BOSETTING_DATA" && python3 "$OLDPWD/test/doctest/doctest.py" "$OLDPWD/README.md" \
	$(for d in $docs; do echo "$OLDPWD/doc/$d.md"; done)
