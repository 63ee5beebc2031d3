/*
 * assign_knap.c: an upper bound from the Lagrangian of the one-bin-per-item
 * constraints (sum_j x_ij <= 1, multiplier u_i >= 0).  With the capacities of
 * the dimensions k >= 1 priced as well (mu_jk >= 0), what remains is one 0-1
 * knapsack per bin over dimension 0:
 *   L(u, mu) = sum_i u_i + sum_j ( sum_{k>=1} mu_jk c_jk + KP_j(u, mu) ),
 *   KP_j = max sum_i p_ij x_ij, sum_i d_i0 x_ij <= c_j0,
 *   p_ij = w_ij - u_i - sum_{k>=1} mu_jk d_ik.
 * Every (u, mu) >= 0 gives a valid bound.  KP_j is solved exactly by dynamic
 * programming over the capacity where that is small (the small municipalities,
 * where whole households leave places empty and the LP bound is loose) and
 * bounded by its LP relaxation (Dantzig) elsewhere.  Started from the
 * capacity prices of the LP (u_i = the item's best reduced score, mu = lambda)
 * the first value is already at most the LP bound; then subgradient steps
 * (Polyak's rule against the best solution known) lower it.
 *
 * Profits are read from the float copy of the scores; every profit is raised
 * by the float rounding error (|w| <= 1, so 2^-24) to keep the bound valid.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>

#ifndef KNAP_STALL
#define KNAP_STALL 20
#endif
#ifndef KNAP_MAXIT
#define KNAP_MAXIT 1000
#endif
#ifndef KNAP_WORK
#define KNAP_WORK 3e8
#endif
#ifndef KNAP_DP_CAP
#define KNAP_DP_CAP 1000000
#endif
#ifndef MU_SCALE
#define MU_SCALE 1.0
#endif
#ifndef KNAP_HEUR_EVERY
#define KNAP_HEUR_EVERY 10		/* steps between two primal heuristics */
#endif
#define KEEP_D 32				/* weights reduce() groups */
#define FLOAT_ERR 6.0e-8		/* > 2^-24: |w - (float) w| for |w| <= 1 */


typedef struct kitem
{
	double		p;				/* profit */
	double		ratio;			/* profit per unit of dimension 0 */
	int32_t		d;				/* demand in dimension 0 */
	int			i;
} kitem;

typedef struct knap
{
	solver	   *s;
	double	   *u;				/* n */
	double	   *mu;				/* m*D, k = 0 unused */
	double	   *gu;				/* n: subgradient of u */
	double	   *gmu;			/* m*D */
	double	   *du, *dmu;		/* the step direction (deflected subgradient) */
	kitem	   *it;				/* n: the current bin's candidates */
	kitem	   *it2;			/* n: scratch for reduce() */
	int		   *pick;			/* n: the bin whose knapsack took item i (best profit) */
	double	   *pickv;			/* n: that profit */
	double	   *dp;				/* capacity + 1: best value per capacity used */
	unsigned char *take;		/* items x (capacity + 1): the DP's choices */
	size_t		cells, dplen;	/* sizes of take and dp */
} knap;

static int
cmp_ratio(const void *a, const void *b)
{
	double		x = ((const kitem *) a)->ratio, y = ((const kitem *) b)->ratio;

	return x > y ? -1 : x < y ? 1 : 0;
}

/* Record item i at weight x (0..1) and profit p in bin j for the
 * subgradients, and as bin j's pick for the primal heuristic. */
static void
use(knap *K, int j, int i, double x, double p)
{
	solver	   *s = K->s;
	int			k, D = s->D;

	if (x == 1.0 && p > K->pickv[i])
	{
		K->pickv[i] = p;
		K->pick[i] = j;
	}
	K->gu[i] -= x;
	for (k = 1; k < D; k++)
		K->gmu[j * D + k] -= x * s->dem[(size_t) i * D + k];
}

/* Quickselect: the `keep` most profitable of a[0..cnt-1] first. */
static void
select_top(kitem *a, int cnt, int keep)
{
	int			lo = 0, hi = cnt - 1;

	while (lo < hi)
	{
		double		pivot = a[lo + (hi - lo) / 2].p;
		int			x = lo, y = hi;

		while (x <= y)
		{
			while (a[x].p > pivot)
				x++;
			while (a[y].p < pivot)
				y--;
			if (x <= y)
			{
				kitem		t = a[x];

				a[x++] = a[y];
				a[y--] = t;
			}
		}
		if (keep - 1 <= y)
			hi = y;
		else if (keep - 1 >= x)
			lo = x;
		else
			break;
	}
}

/*
 * Among candidates of equal weight d an optimal knapsack takes the most
 * profitable ones, at most cap / d of them: keep only those (for d up to
 * KEEP_D; heavier ones all).  The integer optimum is unchanged and the LP
 * relaxation of what is left is still a bound.  Returns the new count.
 */
static int
reduce(knap *K, int cnt, int64_t cap)
{
	kitem	   *it = K->it, *out = K->it2;
	int			start[KEEP_D + 2], fill[KEEP_D + 1], x, d, y = 0, excess = 0;

	memset(start, 0, sizeof(start));
	for (x = 0; x < cnt; x++)
		start[it[x].d <= KEEP_D ? it[x].d : 0]++;
	for (d = 1; d <= KEEP_D; d++)
		excess |= start[d] > cap / d;
	if (!excess)
		return cnt;
	for (d = 0, x = 0; d <= KEEP_D; d++)
	{
		int			c = start[d];

		start[d] = fill[d] = x;
		x += c;
	}
	start[KEEP_D + 1] = x;
	for (x = 0; x < cnt; x++)
	{
		d = it[x].d <= KEEP_D ? it[x].d : 0;
		out[fill[d]++] = it[x];
	}
	for (d = 0; d <= KEEP_D; d++)
	{
		int			c = start[d + 1] - start[d];
		int			keep = d == 0 || c <= cap / d ? c : (int) (cap / d);

		if (keep < c)
			select_top(out + start[d], c, keep);
		memcpy(it + y, out + start[d], sizeof(kitem) * keep);
		y += keep;
	}
	return y;
}

/* The value of bin j's knapsack (or its LP bound) over cnt candidates. */
static double
solve_bin(knap *K, int j, int cnt, int64_t cap)
{
	kitem	   *it = K->it;
	int64_t		total = 0;
	double		sum = 0;
	int			x;

	for (x = 0; x < cnt; x++)
	{
		total += it[x].d;
		sum += it[x].p;
	}
	if (total <= cap)
	{
		for (x = 0; x < cnt; x++)
			use(K, j, it[x].i, 1.0, it[x].p);
		return sum;
	}
	cnt = reduce(K, cnt, cap);
	if (cap <= KNAP_DP_CAP && (double) cnt * (double) (cap + 1) <= (double) K->cells &&
		(double) (cap + 1) <= (double) K->dplen)
	{
		int			C = (int) cap, c;
		double	   *dp = K->dp;

		for (c = 0; c <= C; c++)
			dp[c] = 0;
		for (x = 0; x < cnt; x++)
		{
			unsigned char *t = K->take + (size_t) x * (C + 1);
			int			d = it[x].d;
			double		p = it[x].p;

			memset(t, 0, C + 1);
			for (c = C; c >= d; c--)
				if (dp[c - d] + p > dp[c])
				{
					dp[c] = dp[c - d] + p;
					t[c] = 1;
				}
		}
		sum = dp[C];
		for (x = cnt - 1, c = C; x >= 0; x--)
			if (K->take[(size_t) x * (C + 1) + c])
			{
				use(K, j, it[x].i, 1.0, it[x].p);
				c -= it[x].d;
			}
		return sum;
	}
	/* Dantzig: best ratio first, the last one fractional */
	qsort(it, cnt, sizeof(kitem), cmp_ratio);
	sum = 0;
	for (x = 0; x < cnt && cap > 0; x++)
	{
		if (it[x].d <= cap)
		{
			sum += it[x].p;
			cap -= it[x].d;
			use(K, j, it[x].i, 1.0, it[x].p);
		}
		else
		{
			double		f = (double) cap / it[x].d;

			sum += f * it[x].p;
			use(K, j, it[x].i, f, it[x].p);
			cap = 0;
		}
	}
	return sum;
}

/* L(u, mu) with its subgradient in gu, gmu. */
static double
evaluate(knap *K)
{
	solver	   *s = K->s;
	int			n = s->n, m = s->m, D = s->D, i, j, k;
	double		L = 0;

	for (i = 0; i < n; i++)
	{
		L += K->u[i];
		K->gu[i] = 1.0;
		K->pick[i] = -1;
		K->pickv[i] = 0;
	}
	for (j = 0; j < m; j++)
	{
		const float *wtj = s->wt + (size_t) j * n;
		int			cnt = 0;

		for (k = 1; k < D; k++)
		{
			L += K->mu[j * D + k] * (double) s->cap[j * D + k];
			K->gmu[j * D + k] = (double) s->cap[j * D + k];
		}
		check(s);
		for (i = 0; i < n; i++)
		{
			const int32_t *di;
			double		p;

			if (wtj[i] == -INFINITY)
				continue;
			di = s->dem + (size_t) i * D;
			p = (double) wtj[i] + FLOAT_ERR - K->u[i];
			for (k = 1; k < D && p > 0; k++)
				p -= K->mu[j * D + k] * di[k];
			if (p <= 0)
				continue;
			if (di[0] == 0)
			{
				/* free in dimension 0: always worth taking */
				L += p;
				use(K, j, i, 1.0, p);
				continue;
			}
			K->it[cnt].p = p;
			K->it[cnt].d = di[0];
			K->it[cnt].ratio = p / di[0];
			K->it[cnt].i = i;
			cnt++;
		}
		L += solve_bin(K, j, cnt, s->cap[j * D]);
	}
	return L;
}

/*
 * Lower the bound from the LP prices lam (whose Lagrangian is lp_bound) by
 * subgradient steps, given the value `lower` of a known solution (all
 * normalised).  Returns the least bound found (never above lp_bound).
 */
double
knap_bound(solver *s, const double *lam, double lp_bound, primal *pr,
		   int *iters)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k, it, stall = 0;
	knap		K;
	double		best = lp_bound, theta = 1.0;
	int			maxit;

	if (s->time_up)
		return lp_bound;
	K.s = s;
	K.u = salloc(s, sizeof(double) * n);
	K.gu = salloc(s, sizeof(double) * n);
	K.mu = salloc(s, sizeof(double) * m * D);
	K.gmu = salloc(s, sizeof(double) * m * D);
	K.du = salloc(s, sizeof(double) * n);
	K.dmu = salloc(s, sizeof(double) * m * D);
	K.it = salloc(s, sizeof(kitem) * n);
	K.it2 = salloc(s, sizeof(kitem) * n);
	K.pick = salloc(s, sizeof(int) * n);
	K.pickv = salloc(s, sizeof(double) * n);
	{
		/* room for the largest exact knapsack that can occur */
		double		cells = 0, len = 0;

		for (j = 0; j < m; j++)
		{
			double		c = (double) s->cap[j * D] + 1;

			len = c > len ? c : len;
			cells = c * n > cells ? c * n : cells;
		}
		K.cells = cells < DP_CELLS ? (size_t) cells : DP_CELLS;
		K.dplen = len < DP_CELLS ? (size_t) len : DP_CELLS;
		K.dp = salloc(s, sizeof(double) * K.dplen);
		K.take = salloc(s, K.cells);
	}
	if (!K.u || !K.gu || !K.mu || !K.gmu || !K.du || !K.dmu || !K.it || !K.it2 || !K.pick || !K.pickv || !K.dp || !K.take)
		return NAN;
	/* start: the LP duals */
	for (i = 0; i < n; i++)
	{
		const double *wi = s->w + (size_t) i * m;
		const int32_t *di = s->dem + (size_t) i * D;
		double		b = 0;

		for (j = 0; j < m; j++)
		{
			double		v = wi[j];

			if (v <= b)
				continue;
			for (k = 0; k < D; k++)
				v -= lam[j * D + k] * di[k];
			b = v > b ? v : b;
		}
		K.u[i] = b;
	}
	memcpy(K.mu, lam, sizeof(double) * m * D);
	memset(K.du, 0, sizeof(double) * n);
	memset(K.dmu, 0, sizeof(double) * m * D);
	/* about 3e8 pair visits in all, 30 to KNAP_MAXIT steps */
	maxit = (int) (KNAP_WORK / (s->work_per_pass > 1 ? s->work_per_pass : 1));
	maxit = maxit < 30 ? 30 : maxit > KNAP_MAXIT ? KNAP_MAXIT : maxit;
	for (it = 0; it < maxit && !s->time_up; it++)
	{
		double		L = evaluate(&K), norm = 0, step, lower;

		(*iters)++;
		if (pr && it % KNAP_HEUR_EVERY == KNAP_HEUR_EVERY - 1)
			knap_primal(s, pr, K.pick);
		lower = pr ? pr->best_obj : 0;
		if (L < best - 1e-12 * fabs(best))
		{
			best = L;
			stall = 0;
		}
		else if (++stall >= KNAP_STALL)
		{
			theta *= 0.5;
			stall = 0;
		}
		DBG("  knap %d: L %.6f best %.6f theta %g\n", it, L, best, theta);
		if (best - lower <= 1e-6 * fabs(best) || theta < 1e-4)
			break;
		/* deflected direction (Camerini, Fratta, Maffioli): dir = g + beta dir */
		{
			double		gd = 0, dd = 0, beta;

			for (i = 0; i < n; i++)
			{
				gd += K.gu[i] * K.du[i];
				dd += K.du[i] * K.du[i];
			}
			for (j = 0; j < m * D; j++)
			{
				gd += K.gmu[j] * K.dmu[j];
				dd += K.dmu[j] * K.dmu[j];
			}
			beta = dd > 0 && gd < 0 ? -1.5 * gd / dd : 0;
			for (i = 0; i < n; i++)
			{
				K.du[i] = K.gu[i] + beta * K.du[i];
				if (K.u[i] <= 0 && K.du[i] > 0)
					K.du[i] = 0;	/* projected: u stays at 0 */
				norm += K.du[i] * K.du[i];
			}
			for (j = 0; j < m * D; j++)
			{
				K.dmu[j] = j % D != 0 ? K.gmu[j] + beta * K.dmu[j] : 0;
				if (K.mu[j] <= 0 && K.dmu[j] > 0)
					K.dmu[j] = 0;
				norm += MU_SCALE * K.dmu[j] * K.dmu[j];
			}
		}
		if (norm <= 0)
			break;
		step = theta * (L - lower) / norm;
		for (i = 0; i < n; i++)
		{
			double		v = K.u[i] - step * K.du[i];

			K.u[i] = v > 0 ? v : 0;
		}
		for (j = 0; j < m * D; j++)
		{
			double		v = K.mu[j] - step * MU_SCALE * K.dmu[j];

			K.mu[j] = v > 0 ? v : 0;
		}
	}
	return best;
}
