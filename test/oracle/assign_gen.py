"""assign_gen.py: seeded instances of the household-to-municipality
assignment problem, and HiGHS (scipy.optimize.milp / linprog) as the oracle.

Used by test/oracle/solver_highs.sh and test/bench/40_solver.sh; run with
/usr/bin/python3 (Debian python3-scipy, which bundles HiGHS).

Instance: n households, m municipalities, two capacity dimensions
(persons, unaccompanied-minor places).
  * household size 1-8 (weights below); about 15 % are unaccompanied minors
    (size 1, or 2 siblings), who need minor places as well as persons places
    and may only go to municipalities with minor places (score NULL elsewhere);
  * capacities proportional to population (largest remainder), persons for
    slack x the persons demand, minor places in about 40 % of municipalities
    (more likely the larger ones) for slack x the minors demand;
  * score = 1 (placed) + waiting (0-1) + 2 at the connection municipality
    (30 % of households) + 0.5 in the county of the reception centre
    + a predicted outcome in [0, 1]; 2 % of the other pairs are forbidden.
Scores are rounded to 6 decimals so the solver and HiGHS see the same numbers.

generate_shortage() makes the shortage instances of issue 14: capacity 80-95 %
of the persons waiting; one value per household (1-4, not per person) plus a
connection bonus; household sizes 1-8; 10-20 % unaccompanied minors with their
own dimension; optionally a third dimension (large dwellings, for households
of 5 or more); 5 % of the pairs forbidden.
"""
import math
import os
import numpy as np

SIZE_WEIGHTS = [0.35, 0.15, 0.13, 0.12, 0.10, 0.07, 0.05, 0.03]  # sizes 1..8


def apportion(weights, total):
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    q = w / w.sum() * total
    base = np.floor(q).astype(np.int64)
    rest = int(total - base.sum())
    order = np.argsort(-(q - base), kind="stable")
    base[order[:rest]] += 1
    return base


def real_populations(data_dir):
    """(kommunenr, population, fylkenr) of the 357 municipalities of 2024."""
    import csv
    rows = []
    with open(os.path.join(data_dir, "municipalities_2024.csv"), newline="") as f:
        for r in csv.DictReader(f):
            rows.append((r["kommunenr"], int(r["population"]), r["fylkenr"]))
    return rows


def _municipalities(rng, m, populations, counties):
    """The given populations and counties, or m random ones."""
    if populations is None:
        populations = np.exp(rng.normal(9.0, 1.2, m)).round() + 500
        counties = rng.integers(0, max(2, m // 8), m)
    return np.asarray(populations, dtype=float), np.asarray(counties)


def generate(n, m, seed, slack=1.1, populations=None, counties=None):
    rng = np.random.default_rng(seed)
    populations, counties = _municipalities(rng, m, populations, counties)
    size = rng.choice(np.arange(1, 9), size=n, p=SIZE_WEIGHTS)
    minor = rng.random(n) < 0.15
    size[minor] = np.where(rng.random(minor.sum()) < 0.8, 1, 2)
    demand = np.stack([size, np.where(minor, size, 0)], axis=1).astype(np.int64)

    cap_persons = apportion(populations, int(round(slack * demand[:, 0].sum())))
    share = populations / populations.max()
    has_minor = rng.random(m) < np.clip(0.15 + 0.6 * np.sqrt(share), 0, 1)
    if not has_minor.any():
        has_minor[np.argmax(populations)] = True
    cap_minor = apportion(np.where(has_minor, populations, 0),
                          int(math.ceil(slack * demand[:, 1].sum())))
    has_minor = cap_minor > 0
    capacity = np.stack([cap_persons, cap_minor], axis=1)

    wait = rng.random(n)
    ability = rng.random(n)
    employ = rng.random(m)
    reception_county = rng.choice(counties, size=n)
    connection = np.where(rng.random(n) < 0.3,
                          rng.choice(m, size=n, p=populations / populations.sum()), -1)
    outcome = np.clip(0.2 + 0.6 * np.outer(ability, employ)
                      + 0.2 * rng.random((n, m)), 0, 1)
    score = (1.0 + wait[:, None] + outcome
             + 0.5 * (reception_county[:, None] == counties[None, :]))
    score[np.arange(n)[connection >= 0], connection[connection >= 0]] += 2.0
    score = np.round(score, 6)
    forbidden = rng.random((n, m)) < 0.02
    forbidden |= minor[:, None] & ~has_minor[None, :]
    score[forbidden] = np.nan
    return demand, capacity, score


def generate_shortage(n, m, seed, ratio=None, third=False, populations=None,
                      counties=None):
    """A shortage instance: (demand, capacity, score); ratio = capacity as a
    share of the persons demand (default: drawn from 0.80-0.95)."""
    rng = np.random.default_rng(seed)
    populations, counties = _municipalities(rng, m, populations, counties)
    if ratio is None:
        ratio = rng.uniform(0.80, 0.95)
    size = rng.choice(np.arange(1, 9), size=n, p=SIZE_WEIGHTS)
    minor = rng.random(n) < rng.uniform(0.10, 0.20)
    size[minor] = np.where(rng.random(minor.sum()) < 0.8, 1, 2)
    cols = [size, np.where(minor, size, 0)]
    if third:
        cols.append((size >= 5).astype(np.int64))
    demand = np.stack(cols, axis=1).astype(np.int64)

    # persons places roughly by population, with the councils' own noise
    weight = populations * rng.uniform(0.5, 1.5, m)
    cap = [apportion(weight, int(round(ratio * demand[:, 0].sum())))]
    share = populations / populations.max()
    has_minor = rng.random(m) < np.clip(0.15 + 0.6 * np.sqrt(share), 0, 1)
    if not has_minor.any():
        has_minor[np.argmax(populations)] = True
    cap.append(apportion(np.where(has_minor, weight, 0),
                         int(math.ceil(ratio * demand[:, 1].sum()))))
    if third:
        large = rng.random(m) < 0.6
        large[np.argmax(populations)] = True
        cap.append(apportion(np.where(large, weight, 0),
                             int(math.ceil(ratio * demand[:, 2].sum()))))
    capacity = np.stack(cap, axis=1)

    value = rng.uniform(1.0, 4.0, n)
    reception_county = rng.choice(counties, size=n)
    connection = np.where(rng.random(n) < 0.3,
                          rng.choice(m, size=n, p=populations / populations.sum()), -1)
    score = (value[:, None] + 0.5 * (reception_county[:, None] == counties[None, :])
             + 0.3 * rng.random((n, m)))
    score[np.arange(n)[connection >= 0], connection[connection >= 0]] += 2.0
    score = np.round(score, 6)
    forbidden = rng.random((n, m)) < 0.05
    forbidden |= minor[:, None] & ~(capacity[:, 1] > 0)[None, :]
    score[forbidden] = np.nan
    return demand, capacity, score


def write_raw(path, demand, capacity, score):
    """The instance as plain text for a C harness: n m D, demand rows,
    capacity rows, score rows (nan = forbidden)."""
    with open(path, "w") as f:
        n, m = score.shape
        f.write("%d %d %d\n" % (n, m, demand.shape[1]))
        np.savetxt(f, demand, fmt="%d")
        np.savetxt(f, capacity, fmt="%d")
        np.savetxt(f, score, fmt="%.6f")


def pg_array(a, fmt):
    """PostgreSQL text literal of a 2-D array (NaN -> NULL)."""
    rows = []
    for row in a:
        rows.append("{" + ",".join("NULL" if (isinstance(v, float) and math.isnan(v))
                                   else fmt % v for v in row.tolist()) + "}")
    return "{" + ",".join(rows) + "}"


def write_tsv(path, instances):
    """One line per instance: id, demand, capacity, score (COPY text format)."""
    with open(path, "w") as f:
        for iid, (d, c, s) in instances:
            f.write("%d\t%s\t%s\t%s\n" % (iid, pg_array(d, "%d"), pg_array(c, "%d"),
                                          pg_array(s, "%.6f")))


def _model(demand, capacity, score):
    from scipy.sparse import coo_matrix
    n, m = score.shape
    D = demand.shape[1]
    ii, jj = np.nonzero(~np.isnan(score))
    fits = np.all(demand[ii] <= capacity[jj], axis=1)
    ii, jj = ii[fits], jj[fits]
    nv = len(ii)
    c = -score[ii, jj]
    rows = [ii]
    cols = [np.arange(nv)]
    vals = [np.ones(nv)]
    for k in range(D):
        rows.append(n + jj * D + k)
        cols.append(np.arange(nv))
        vals.append(demand[ii, k].astype(float))
    A = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                   shape=(n + m * D, nv)).tocsr()
    ub = np.concatenate([np.ones(n), capacity.reshape(-1).astype(float)])
    return c, A, ub, ii, jj


def highs_milp(demand, capacity, score, time_limit=60.0):
    """(status, objective, dual bound, seconds); status 'optimal' when proven."""
    import time
    from scipy.optimize import milp, LinearConstraint, Bounds
    t = time.time()
    c, A, ub, ii, jj = _model(demand, capacity, score)
    if len(c) == 0:
        return "optimal", 0.0, 0.0, time.time() - t
    res = milp(c, constraints=LinearConstraint(A, -np.inf, ub),
               integrality=np.ones(len(c)), bounds=Bounds(0, 1),
               options={"time_limit": time_limit, "disp": False})
    dt = time.time() - t
    obj = -res.fun if res.x is not None and res.fun is not None else float("nan")
    db = getattr(res, "mip_dual_bound", None)
    bound = -db if db is not None else float("nan")
    return ("optimal" if res.status == 0 else
            "time limit" if res.x is not None else "no solution in time"), obj, bound, dt


def highs_lp(demand, capacity, score, time_limit=600.0):
    """(LP relaxation optimum, seconds)."""
    import time
    from scipy.optimize import linprog
    t = time.time()
    c, A, ub, ii, jj = _model(demand, capacity, score)
    res = linprog(c, A_ub=A, b_ub=ub, bounds=(0, 1), method="highs",
                  options={"time_limit": time_limit})
    return (-res.fun if res.status == 0 else float("nan")), time.time() - t


def check(demand, capacity, score, bins):
    """(feasible, objective) of a solution (bins 1-based, 0 = unassigned)."""
    n, m = score.shape
    bins = np.asarray(bins)
    placed = bins > 0
    j = bins[placed] - 1
    s = score[np.nonzero(placed)[0], j]
    if np.isnan(s).any():
        return False, float("nan")
    used = np.zeros_like(capacity)
    for k in range(demand.shape[1]):
        used[:, k] = np.bincount(j, weights=demand[placed, k], minlength=m)
    return bool((used <= capacity).all()), float(s.sum())
