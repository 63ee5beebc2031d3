#!/usr/bin/env python3
"""doctest.py FILE...: the ```sql blocks of the given Markdown files, in order,
as one psql session on a fresh database; prints one TAP line per block.

A block is statements, each optionally followed by "-- " comment lines that
show what it prints: "-- ERROR:  message" (the error it raises; text after two
spaces and "(" is a note; "-- DETAIL:  ..." and "-- HINT:  ..." lines after it
must be printed as shown), or rows as "a | b | c" (lines without "|", "---"
lines and lines with "..." are notes; "NULL" is an empty value; text after two
or more spaces and "--" is a note).  A statement without such lines must run without error; each
shown row must be among the rows printed; a shown error must be raised.
DOCTEST_SHOW=1 also prints what a failing block printed."""
import os, re, subprocess, sys

def blocks(path):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^```sql\n(.*?)^```", text, re.S | re.M):
        yield path, text[:m.start()].count("\n") + 1, m.group(1)

def statements(block):
    """(sql, [shown lines]) per statement."""
    out, cur, shown, dollar = [], [], None, False
    for line in block.splitlines():
        if shown is not None and line.startswith("--"):
            shown.append(line[2:].strip()); continue
        if shown is not None:
            out.append(("\n".join(cur), shown)); cur, shown = [], None
        if not cur and (not line.strip() or line.lstrip().startswith("--")):
            continue
        cur.append(line)
        dollar ^= line.count("$$") % 2 == 1
        code = re.sub(r"--.*$", "", line).rstrip()
        if code.endswith(";") and not dollar:
            shown = []
    if cur:
        out.append(("\n".join(cur), shown or []))
    return out

def norm(row):
    row = re.sub(r"\s{2,}--.*$", "", row)
    return tuple("" if c.strip() in ("NULL", "") else re.sub(r"\s+", " ", c.strip()) for c in row.split("|"))

def main(files):
    items = []
    for f in files:
        rel = os.path.relpath(f, os.path.dirname(os.path.abspath(files[0])))
        for path, line, body in blocks(f):
            items.append((f"{rel}:{line}", statements(body)))
    script, n = [], 0
    for label, stmts in items:
        for i, (sql, _) in enumerate(stmts):
            script.append(f"\\echo '@@@ {label} {i}'\n{sql}\n")
    res = subprocess.run(["psql", "-X", "-A", "-F", "|", "-v", "ON_ERROR_STOP=0", "-v", "VERBOSITY=default",
                          "-P", "footer=off", "-d", "doctest"], input="".join(script), text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks, key = {}, None
    for line in res.stdout.splitlines():
        m = re.match(r"^@@@ (\S+) (\d+)$", line)
        if m:
            key = (m.group(1), int(m.group(2))); chunks[key] = []; continue
        if key:
            chunks[key].append(re.sub(r"^psql:<stdin>:\d+: ", "", line))
    for label, stmts in items:
        problems = []
        for i, (sql, shown) in enumerate(stmts):
            got = chunks.get((label, i), [])
            errors = [g for g in got if g.startswith("ERROR:")]
            want_err = [s for s in shown if s.startswith("ERROR:")]
            first = sql.splitlines()[0][:60]
            if want_err:
                w = re.sub(r"\s{2,}\S.*$", "", want_err[0][6:].strip())   # "  note"
                if not any(w in re.sub(r"\s+", " ", e) for e in errors):
                    problems.append(f"{first}: shows {want_err[0]!r}, got {(errors or ['no error'])[0]!r}")
                for s in shown:     # the error's DETAIL and HINT lines, as shown
                    if re.match(r"^(DETAIL|HINT):", s) and not any(
                            re.sub(r"\s+", " ", s) in re.sub(r"\s+", " ", g) for g in got):
                        problems.append(f"{first}: shows {s!r}, not printed")
                continue
            if errors:
                problems.append(f"{first}: {errors[0]}"); continue
            rows = {norm(g) for g in got}
            for s in shown:
                if "|" not in s or re.match(r"^[-+ ]+$", s) or "..." in s:
                    continue    # prose, separators and elisions are notes
                if norm(s) not in rows and not any(all(a == b for a, b in zip(norm(s), r)) and len(norm(s)) == len(r) for r in rows):
                    problems.append(f"{first}: shows {s!r}, not printed"); break
        n += 1
        print(("ok" if not problems else "not ok"), n, "-", f"{label} ({len(stmts)} statements)")
        for p in problems[:3]:
            print("#  ", p)
        if problems and os.environ.get("DOCTEST_SHOW"):   # what the block printed, to update a doc
            for i, _ in enumerate(stmts):
                for g in chunks.get((label, i), []):
                    print("#   >", g)

if __name__ == "__main__":
    main(sys.argv[1:])
