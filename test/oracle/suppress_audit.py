"""suppress_audit.py: an attacker's audit of suppress_cells (run by
suppress_audit.sh inside the test cluster; prints TAP).

For every hidden cell of a published table the attacker knows the published
cells, the published row, column and grand totals, and that counts are not
negative.  By linear programming (scipy.optimize.linprog, HiGHS) the audit
finds the smallest and the largest value the hidden cell can take in any
table consistent with that; the cell is exactly derivable iff they are equal.
This code shares nothing with src/core/suppress.c (which works on graph
cycles): it only reads suppress_cells' published output.

Tables: many seeded random tables, and IMDi's real settled persons per county
and year 2014-2025 (municipality x {collective protection, other} where IMDi
gives collective protection, 2024-2025; municipality x {settled} before).
Where IMDi itself suppressed a value (empty in the data) a stand-in is used:
the true value is unknown, and IMDi's rule says it is usually below 5; a
hidden collective-protection count beside a settled total of 10 or more is
taken as the rest being 1-4 (IMDi hides the pair when either is below 5).
"""
import csv
import os
import random
import subprocess
import sys
import tempfile
import zlib

import numpy as np
from scipy.optimize import linprog

DB = os.environ.get("ORACLE_DB", "oracle_suppress")
DATA = os.environ["BOSETTING_DATA"]
TESTS = []


def tap(ok, text):
    TESTS.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(TESTS), text))
    sys.stdout.flush()


def psql(sql):
    return subprocess.run(["psql", "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c", sql],
                          check=True, capture_output=True, text=True).stdout


def random_tables(n, seed):
    rng = random.Random(seed)
    tables = {}
    for t in range(n):
        rows, cols = rng.randint(1, 14), rng.randint(1, 8)
        cells = {}
        for i in range(rows):
            for j in range(cols):
                x = rng.random()
                cells[("r%d" % i, "c%d" % j)] = 0 if x < 0.25 else rng.randint(1, 4) if x < 0.55 else rng.randint(5, 60)
        tables["random-%d" % t] = cells
    return tables


def real_tables():
    """Settled persons per county and year, municipality x category."""
    tables = {}
    with open(os.path.join(DATA, "imdi_settlement_by_municipality.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            year, k = r["year"], r["kommunenr"]

            def stand_in(what):  # a value IMDi hid: 1-4, the same on every run
                return 1 + zlib.crc32((year + k + what).encode()) % 4

            if r["settled"] == "" and r["settled_flag"] != "suppressed":
                continue
            settled = int(r["settled"]) if r["settled"] != "" else stand_in("settled")
            name = "imdi-%s-%s" % (year, k[:2])
            cells = tables.setdefault(name, {})
            if year >= "2024":
                if r["settled_collective_protection"] != "":
                    cp = int(r["settled_collective_protection"])
                elif r["settled_collective_protection_flag"] == "suppressed":
                    # hidden because collective protection or the rest is
                    # below 5: the rest, unless the total itself is small
                    cp = settled - min(stand_in("other"), settled) if settled >= 10 else settled // 2
                else:
                    cp = None
            else:
                cp = None
            if cp is not None:
                cells[(k, "collective_protection")] = cp
                cells[(k, "other")] = settled - cp
            else:
                cells[(k, "settled")] = settled
    return tables


def publish(tables, secondary=True):
    """suppress_cells over every table: {name: {(row, col): (value, published)}}."""
    tmp = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8")
    for name, cells in tables.items():
        for (r, c), v in cells.items():
            tmp.write("%s\t%s\t%s\t%d\n" % (name, r, c, v))
    tmp.close()
    os.chmod(tmp.name, 0o644)
    psql("DROP TABLE IF EXISTS cells; CREATE TABLE cells (t text, r text, c text, n int)")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c",
                    "\\copy cells FROM '%s'" % tmp.name], check=True)
    os.unlink(tmp.name)
    out = psql("SELECT g.t, x.row_key, x.col_key, x.value, x.published FROM "
               "(SELECT t, array_agg(r) r, array_agg(c) c, array_agg(n) n FROM cells GROUP BY t) g, "
               "LATERAL bosetting.suppress_cells(g.r, g.c, g.n, 5, '{\"secondary\": %s}') x"
               % ("true" if secondary else "false"))
    result = {}
    for line in out.splitlines():
        t, r, c, v, p = line.split("\t")
        result.setdefault(t, {})[(r, c)] = (int(v), p)
    return result


def audit(table):
    """Hidden cells whose LP minimum equals the LP maximum: [(cell, lo, hi)]."""
    rows = sorted({r for r, _ in table if r != "total"}) + ["total"]
    cols = sorted({c for _, c in table if c != "total"}) + ["total"]
    hidden = [k for k, (_, p) in table.items() if p == ":"]
    if not hidden:
        return [], 0
    idx = {k: i for i, k in enumerate(hidden)}
    a, b = [], []

    def equation(terms):  # sum of +/- cells = 0, published cells moved right
        row = np.zeros(len(hidden))
        rhs = 0.0
        for sign, k in terms:
            if k in idx:
                row[idx[k]] += sign
            else:
                rhs -= sign * int(table[k][1])
        a.append(row)
        b.append(rhs)

    for r in rows:   # each row's cells sum to its total (the total row too)
        equation([(1, (r, c)) for c in cols[:-1]] + [(-1, (r, "total"))])
    for c in cols:   # each column's cells sum to its total (the total column too)
        equation([(1, (r, c)) for r in rows[:-1]] + [(-1, ("total", c))])
    a, b = np.array(a), np.array(b)
    derivable = []
    for k, i in idx.items():
        cost = np.zeros(len(hidden))
        cost[i] = 1
        lo = linprog(cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        hi = linprog(-cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        if lo.status != 0:
            raise RuntimeError("published table infeasible: %s" % (k,))
        top = float("inf") if hi.status == 3 else -hi.fun
        if top - lo.fun < 1e-6:
            derivable.append((k, lo.fun, top))
    return derivable, len(hidden)


def check_published(tables, published):
    """Published values are the input (and totals), hidden only where ':'."""
    bad = 0
    for name, cells in tables.items():
        for k, v in cells.items():
            value, p = published[name][k]
            bad += value != v or (p != ":" and int(p) != v)
    return bad


def run(tables, label, secondary=True):
    published = publish(tables, secondary)
    hidden = derivable = tables_with = 0
    examples = []
    for name in sorted(published):
        d, h = audit(published[name])
        hidden += h
        derivable += len(d)
        tables_with += bool(d)
        examples += [(name,) + x for x in d[:1]]
    return published, hidden, derivable, tables_with, examples


def main():
    rnd = random_tables(200, 20261130)
    pub, hidden, derivable, _, ex = run(rnd, "random")
    tap(derivable == 0 and hidden > 1000,
        "random tables: %d tables, %d hidden cells, none derivable by LP (HiGHS) %s"
        % (len(rnd), hidden, ex[:2] if ex else ""))
    tap(check_published(rnd, pub) == 0, "random tables: published cells and totals are the input's")
    _, _, derivable_p, tables_p, _ = run(rnd, "random", secondary=False)
    tap(derivable_p > 0,
        "the audit can fail: with primary suppression only, %d hidden cells in %d of %d random tables are derivable"
        % (derivable_p, tables_p, len(rnd)))

    real = real_tables()
    pub, hidden, derivable, _, ex = run(real, "imdi")
    years = sorted({n.split("-")[1] for n in real})
    tap(derivable == 0 and len(real) > 150,
        "IMDi's real tables %s-%s: %d county x year tables, %d hidden cells, none derivable %s"
        % (years[0], years[-1], len(real), hidden, ex[:2] if ex else ""))
    tap(check_published(real, pub) == 0, "IMDi's real tables: published cells and totals are the input's")

    # 2024: what secondary suppression costs against primary only
    t24 = {n: c for n, c in real.items() if n.startswith("imdi-2024-")}
    full = publish(t24)
    prim = publish(t24, secondary=False)
    n_prim = sum(p == ":" for t in prim.values() for (_, p) in t.values())
    n_all = sum(p == ":" for t in full.values() for (_, p) in t.values())
    persons = sum(v for n in full for k, (v, p) in full[n].items() if p == ":" and prim[n][k][1] != ":")
    d_prim = sum(len(audit(t)[0]) for t in prim.values())
    tap(n_all >= n_prim and d_prim > 0,
        "IMDi 2024 (municipality x collective protection/other, %d county tables): primary only hides %d cells "
        "of which %d are derivable; with secondary suppression %d cells are hidden (%d secondary, %d persons)"
        % (len(t24), n_prim, d_prim, n_all, n_all - n_prim, persons))
    return 0 if all(TESTS) else 1


if __name__ == "__main__":
    sys.exit(main())
