"""solver_highs.py: solve_assignment against HiGHS on small seeded instances
(run by solver_highs.sh inside the test cluster; prints TAP).

HiGHS (scipy.optimize.milp) solves each instance, to proven optimality (relative
gap 1e-4) unless its 60 s run out on a busy machine: then the optimum lies
between HiGHS's best solution and its dual bound, and the checks below use the
side that makes them hardest.  solve_assignment must reach 99.5 % of the
optimum (of HiGHS's dual bound when not proven), stay feasible,
and report an upper bound that is valid (>= the optimum) and close to the LP
relaxation (scipy.optimize.linprog, also HiGHS).

The shortage instances (assign_gen.generate_shortage: capacity 80-95 % of the
persons waiting, one value per household) are where whole households leave
places empty and the LP bound is loose: there the solver's own bound must be
valid, and within 0.5 % of its solution.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import assign_gen as g  # noqa: E402

DB = os.environ.get("ORACLE_DB", "oracle_solver")
SIZES = [(60, 10, 11), (150, 20, 12), (300, 40, 13), (300, 40, 3)]
# shortage: (n, m, seed, third dimension)
SHORTAGE = [(60, 10, 1, False), (150, 20, 2, False), (300, 40, 3, False), (300, 40, 4, True)]


def psql(sql):
    return subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c", sql],
                          check=True, capture_output=True, text=True).stdout


def run(k, d, c, s):
    """Solve instance k with HiGHS and with solve_assignment; the figures."""
    status, opt, dual, t_highs = g.highs_milp(d, c, s, time_limit=60)
    lp, _ = g.highs_lp(d, c, s)
    q = ("SELECT string_agg(coalesce(bin, 0)::text, ',' ORDER BY item) "
         "FROM inst, bosetting.solve_assignment(demand, capacity, score, '{\"seed\": 7}') "
         "WHERE id = %d" % k)
    out = psql(q + "; SELECT bound, elapsed_ms FROM bosetting.last_assignment_stats()")
    first, second = out.strip().split("\n")
    bins = [int(x) for x in first.split(",")]
    bound, ms = (float(x) for x in second.split("|"))
    again = psql(q).strip()
    ok_f, obj = g.check(d, c, s, bins)
    # the optimum is at most `top` (proven: the optimum itself)
    top = opt if status == "optimal" else dual
    ratio = obj / top if top > 0 else 1.0
    line = ("%4d x %2d x %d: HiGHS %.4f (%s, %.1f s), LP %.4f; solver %.4f = %.3f %% "
            "in %.0f ms, bound %.4f (%.3f %% above the solution, %.3f %% above LP)"
            % (s.shape[0], s.shape[1], d.shape[1], opt, status, t_highs, lp, obj, 100 * ratio,
               ms, bound, 100 * (bound / obj - 1) if obj > 0 else 0, 100 * (bound / lp - 1)))
    return dict(status=status, opt=opt, top=top, lp=lp, obj=obj, bound=bound, ratio=ratio,
                feasible=ok_f, same=again == first, line=line)


def main():
    insts = [(k, g.generate(n, m, seed)) for k, (n, m, seed) in enumerate(SIZES)]
    short = [(len(SIZES) + k, g.generate_shortage(n, m, seed, third=third))
             for k, (n, m, seed, third) in enumerate(SHORTAGE)]
    tmp = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)
    tmp.close()
    g.write_tsv(tmp.name, insts + short)
    os.chmod(tmp.name, 0o644)
    psql("CREATE TABLE inst(id int PRIMARY KEY, demand int[], capacity int[], score float8[])")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c",
                    "\\copy inst FROM '%s'" % tmp.name], check=True)
    os.unlink(tmp.name)

    proven = s_proven = 0
    solved = s_solved = True
    feasible = reach = valid = close = det = True
    worst = 1.0
    lines = []
    for k, (d, c, s) in insts:
        r = run(k, d, c, s)
        worst = min(worst, r["ratio"])
        proven += r["status"] == "optimal"
        solved &= r["opt"] == r["opt"] and r["top"] == r["top"]
        feasible &= r["feasible"]
        reach &= r["ratio"] >= 0.995
        valid &= r["bound"] >= r["opt"] - 1e-6 * abs(r["opt"])
        close &= r["bound"] <= r["lp"] * 1.005 + 1e-9
        det &= r["same"]
        lines.append(r["line"])
    s_feasible = s_reach = s_valid = s_tight = s_lp = True
    s_worst, s_gap = 1.0, 0.0
    for k, (d, c, s) in short:
        r = run(k, d, c, s)
        s_worst = min(s_worst, r["ratio"])
        s_gap = max(s_gap, r["bound"] / r["obj"] - 1)
        s_proven += r["status"] == "optimal"
        s_solved &= r["opt"] == r["opt"] and r["top"] == r["top"]
        s_feasible &= r["feasible"]
        s_reach &= r["ratio"] >= 0.995
        s_valid &= r["bound"] >= r["opt"] - 1e-6 * abs(r["opt"])
        s_tight &= r["bound"] <= r["obj"] * 1.005
        s_lp &= r["bound"] <= r["lp"] + 1e-6 * abs(r["lp"])
        lines.append("shortage " + r["line"])
    for line in lines:
        print("# " + line)
    n = 0
    for cond, text in [
        (solved, "HiGHS gives a solution and a dual bound on all %d instances (optimal on %d)"
         % (len(insts), proven)),
        (feasible, "every solution respects both capacity dimensions and the forbidden pairs"),
        (reach, "solve_assignment reaches >= 99.5 %% of the optimum on every instance (worst %.3f %%)"
         % (100 * worst)),
        (valid, "the reported bound is never below HiGHS's optimum (or best solution)"),
        (close, "the reported bound is within 0.5 % of HiGHS's LP relaxation"),
        (det, "the same seed gives the same assignment"),
        (s_solved, "shortage: HiGHS gives a solution and a dual bound on all %d instances (optimal on %d)"
         % (len(short), s_proven)),
        (s_feasible, "shortage: every solution respects every capacity dimension and the forbidden pairs"),
        (s_reach, "shortage: solve_assignment reaches >= 99.5 %% of the optimum (worst %.3f %%)"
         % (100 * s_worst)),
        (s_valid, "shortage: the reported bound is never below HiGHS's optimum (or best solution)"),
        (s_tight, "shortage: the reported bound is within 0.5 %% of the solution (largest gap %.3f %%)"
         % (100 * s_gap)),
        (s_lp, "shortage: the reported bound is at least as strong as HiGHS's LP relaxation"),
    ]:
        n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", n, text))


if __name__ == "__main__":
    main()
