/*
 * assign_knap.c: an upper bound from the Lagrangian of the one-bin-per-item
 * constraints (sum_j x_ij <= 1, multiplier u_i >= 0).  With the capacities of
 * the dimensions k >= 1 priced as well (mu_jk >= 0), what remains is one 0-1
 * knapsack per bin over dimension 0:
 *   L(u, mu) = sum_i u_i + sum_j ( sum_{k>=1} mu_jk c_jk + KP_j(u, mu) ),
 *   KP_j = max sum_i p_ij x_ij, sum_i d_i0 x_ij <= c_j0,
 *   p_ij = w_ij - u_i - sum_{k>=1} mu_jk d_ik.
 * Every (u, mu) >= 0 gives a valid bound.  Per bin only the cap / w most
 * profitable candidates of each weight w are kept (an optimal knapsack takes
 * no others); KP_j is then solved exactly by dynamic programming over the
 * capacity where that is small (the small municipalities, where whole
 * households leave places empty and the LP bound is loose) and bounded by
 * its LP relaxation (Dantzig) elsewhere.  Started from the capacity prices of
 * the LP (u_i = the item's best reduced score, mu = lambda) the first value is
 * already at most the LP bound; then subgradient steps (Polyak's rule against
 * the best solution known) lower it.  Every KNAP_HEUR_EVERY steps the
 * knapsacks' choices seed a solution (knap_primal, a Lagrangian heuristic).
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
#define KNAP_MAXIT 2000
#endif
#ifndef KNAP_BIG_WORK
#define KNAP_BIG_WORK 5e9		/* pair visits that buy KNAP_MINIT steps at most */
#endif
#ifndef KNAP_MINIT
#define KNAP_MINIT 250
#endif
#ifndef KNAP_WORK
#define KNAP_WORK 6e8
#endif
#ifndef KNAP_THETA0
#define KNAP_THETA0 1.0
#endif
#ifndef KNAP_DP_BIN
#define KNAP_DP_BIN 1e5
#endif
#ifndef KNAP_DP_CAP
#define KNAP_DP_CAP 1000000
#endif
#ifndef KNAP_HEUR_EVERY
#define KNAP_HEUR_EVERY 20		/* steps between two primal heuristics */
#endif
#define SMALL_KEEP 48			/* top_small() below, quickselect above */
#define KEEP_D 32				/* weights with a class of their own */
#define FLOAT_ERR 6.0e-8		/* > 2^-24: |w - (float) w| for |w| <= 1 */


/* a step of a capacity price is divided by the capacity + 1, as in the LP
 * subgradient (assign_dual.c) */
static inline double
mu_scale(const solver *s, int j)
{
	return (double) s->cap[j] + 1;
}

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
	/*
	 * Items are visited by position: sorted by their weight in dimension 0
	 * (class w = weight w for 0..KEEP_D, then the heavier ones), so that each
	 * class is one run; the columns of s->wt are permuted the same way.
	 */
	int		   *perm;			/* n: position -> item */
	int			cls[KEEP_D + 3];	/* class w: positions cls[w] .. cls[w+1]-1 */
	double	   *dk;				/* (D-1)*n: demands of dimensions k >= 1 */
	double	   *u;				/* n, by position */
	double	   *mu;				/* m*D, k = 0 unused */
	double	   *gu;				/* n: subgradient of u */
	double	   *gmu;			/* m*D */
	double	   *du, *dmu;		/* the step direction (deflected subgradient) */
	double	   *pb;				/* n: the current bin's profits */
	kitem	   *it;				/* n: the current bin's candidates */
	int		   *pick;			/* n: the bin whose knapsack took it (best profit) */
	double	   *pickv;			/* n: that profit */
	int		   *pick_item;		/* n: pick by item, for the primal heuristic */
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

/* Record position x at fraction f and profit p in bin j for the
 * subgradients, and as bin j's pick for the primal heuristic. */
static void
use(knap *K, int j, int x, double f, double p)
{
	solver	   *s = K->s;
	int			k, D = s->D, n = s->n;

	if (f == 1.0 && p > K->pickv[x])
	{
		K->pickv[x] = p;
		K->pick[x] = j;
	}
	K->gu[x] -= f;
	for (k = 1; k < D; k++)
		K->gmu[j * D + k] -= f * K->dk[(size_t) (k - 1) * n + x];
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
 * The `keep` (< SMALL_KEEP) most profitable positive candidates among the
 * positions a..b-1 of weight w, by insertion into out[] (sorted, best
 * first): most positions fail the first comparison.  Returns their count.
 */
static int
top_small(knap *K, int a, int b, int w, int keep, kitem *out)
{
	const double *pb = K->pb;
	double		thr = 0;
	int			x, cnt = 0;

	if (keep <= 0)
		return 0;
	for (x = a; x < b; x++)
	{
		double		v = pb[x];
		int			y;

		if (v <= thr)
			continue;
		y = cnt < keep ? cnt++ : keep - 1;
		while (y > 0 && out[y - 1].p < v)
		{
			out[y] = out[y - 1];
			y--;
		}
		out[y].p = v;
		out[y].d = w;
		out[y].i = x;
		if (cnt == keep)
			thr = out[keep - 1].p;
	}
	return cnt;
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
	if (cap <= KNAP_DP_CAP && (double) cnt * (double) (cap + 1) <= (double) K->cells &&
		(double) cnt * (double) (cap + 1) <= KNAP_DP_BIN &&
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
	for (x = 0; x < cnt; x++)
		it[x].ratio = it[x].p / it[x].d;
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

/*
 * L(u, mu) with its subgradient in gu, gmu.  Per bin the profits of all
 * positions are computed in one pass (vectorisable); among candidates of
 * equal weight w an optimal knapsack takes the most profitable ones, at most
 * cap / w of them, so only those are kept (the integer optimum is unchanged
 * and the LP relaxation of what is left is still a bound).
 */
static double
evaluate(knap *K)
{
	solver	   *s = K->s;
	int			n = s->n, m = s->m, D = s->D, x, j, k, w;
	double		L = 0;
	double	   *pb = K->pb;

	for (x = 0; x < n; x++)
	{
		L += K->u[x];
		K->gu[x] = 1.0;
		K->pick[x] = -1;
		K->pickv[x] = 0;
	}
	for (j = 0; j < m; j++)
	{
		const float *wtj = s->wt + (size_t) j * n;
		int64_t		cap = s->cap[j * D];
		int			cnt = 0;

		for (k = 1; k < D; k++)
		{
			L += K->mu[j * D + k] * (double) s->cap[j * D + k];
			K->gmu[j * D + k] = (double) s->cap[j * D + k];
		}
		check(s);
		for (x = 0; x < n; x++)
			pb[x] = (double) wtj[x] + FLOAT_ERR - K->u[x];
		for (k = 1; k < D; k++)
		{
			double		mjk = K->mu[j * D + k];
			const double *dkk = K->dk + (size_t) (k - 1) * n;

			if (mjk != 0)
				for (x = 0; x < n; x++)
					pb[x] -= mjk * dkk[x];
		}
		/* weight 0: free in dimension 0, taken when profitable */
		for (x = K->cls[0]; x < K->cls[1]; x++)
			if (pb[x] > 0)
			{
				L += pb[x];
				use(K, j, x, 1.0, pb[x]);
			}
		for (w = 1; w <= KEEP_D + 1; w++)
		{
			int			start = cnt, a = K->cls[w], b = K->cls[w + 1];
			int64_t		keep = w <= KEEP_D ? cap / w : b - a;

			if (keep < SMALL_KEEP)
				cnt += top_small(K, a, b, w, (int) keep, K->it + cnt);
			else
			{
				for (x = a; x < b; x++)
					if (pb[x] > 0)
					{
						K->it[cnt].p = pb[x];
						K->it[cnt].d = w <= KEEP_D ? w : s->dem[(size_t) K->perm[x] * D];
						K->it[cnt].i = x;
						cnt++;
					}
				if (cnt - start > keep)
				{
					select_top(K->it + start, cnt - start, (int) keep);
					cnt = start + (int) keep;
				}
			}
		}
		L += solve_bin(K, j, cnt, cap);
	}
	return L;
}

/*
 * Sort the items into their classes (K->perm, K->cls, K->dk) and permute the
 * columns of s->wt to match (s->wt is read by nothing else afterwards).
 */
static void
arrange(knap *K, float *tmp)
{
	solver	   *s = K->s;
	int			n = s->n, m = s->m, D = s->D, i, j, k, w;
	int			fill[KEEP_D + 2];

	memset(K->cls, 0, sizeof(K->cls));
	for (i = 0; i < n; i++)
	{
		int32_t		d = s->dem[(size_t) i * D];

		K->cls[(d <= KEEP_D ? d : KEEP_D + 1) + 1]++;
	}
	for (w = 1; w <= KEEP_D + 2; w++)
		K->cls[w] += K->cls[w - 1];
	memcpy(fill, K->cls, sizeof(fill));
	for (i = 0; i < n; i++)
	{
		int32_t		d = s->dem[(size_t) i * D];

		K->perm[fill[d <= KEEP_D ? d : KEEP_D + 1]++] = i;
	}
	for (k = 1; k < D; k++)
		for (i = 0; i < n; i++)
			K->dk[(size_t) (k - 1) * n + i] = s->dem[(size_t) K->perm[i] * D + k];
	for (j = 0; j < m; j++)
	{
		float	   *col = s->wt + (size_t) j * n;

		if ((j & 15) == 0)
			check(s);
		memcpy(tmp, col, sizeof(float) * n);
		for (i = 0; i < n; i++)
			col[i] = tmp[K->perm[i]];
	}
}

/*
 * Lower the bound from the LP prices lam (whose Lagrangian is lp_bound) by
 * subgradient steps, against the best solution in pr (which the heuristic
 * may improve; all normalised).  Returns the least bound found (never above
 * lp_bound); NAN if out of memory.
 */
double
knap_bound(solver *s, const double *lam, double lp_bound, primal *pr,
		   int *iters)
{
	int			n = s->n, m = s->m, D = s->D, i, j, it, stall = 0;
	knap		K;
	double		best = lp_bound, theta = KNAP_THETA0;
	int			maxit;

	if (s->time_up)
		return lp_bound;
	K.s = s;
	K.perm = salloc(s, sizeof(int) * n);
	K.dk = salloc(s, sizeof(double) * (size_t) n * (D - 1));
	K.pb = salloc(s, sizeof(double) * n);
	K.pick_item = salloc(s, sizeof(int) * n);
	K.u = salloc(s, sizeof(double) * n);
	K.gu = salloc(s, sizeof(double) * n);
	K.mu = salloc(s, sizeof(double) * m * D);
	K.gmu = salloc(s, sizeof(double) * m * D);
	K.du = salloc(s, sizeof(double) * n);
	K.dmu = salloc(s, sizeof(double) * m * D);
	K.it = salloc(s, sizeof(kitem) * n);
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
	if (!K.u || !K.gu || !K.mu || !K.gmu || !K.du || !K.dmu || !K.it || !K.pick || !K.pickv || !K.dp || !K.take ||
		!K.perm || !K.dk || !K.pb || !K.pick_item)
		return NAN;
	arrange(&K, (float *) K.pb);
	/* start: the LP duals */
	for (i = 0; i < n; i++)
	{
		double		b, second;
		int			bj;

		reduced_top2(s, lam, i, &b, &bj, &second);
		K.pick_item[i] = 0;
		K.u[i] = b;				/* by item here, by position below */
	}
	for (i = 0; i < n; i++)
		K.pb[i] = K.u[K.perm[i]];
	memcpy(K.u, K.pb, sizeof(double) * n);
	memcpy(K.mu, lam, sizeof(double) * m * D);
	/* dimension 0 has no price here: its entries stay 0 (read by the
	 * deflection's dot products; garbage there changed the steps) */
	memset(K.gmu, 0, sizeof(double) * m * D);
	memset(K.du, 0, sizeof(double) * n);
	memset(K.dmu, 0, sizeof(double) * m * D);
	/*
	 * About KNAP_WORK pair visits, but at least KNAP_MINIT steps (the
	 * prices of many items need them) as long as those cost no more than
	 * KNAP_BIG_WORK; 30 to KNAP_MAXIT steps.
	 */
	{
		double		per = s->work_per_pass > 1 ? s->work_per_pass : 1;
		double		least = KNAP_BIG_WORK / per;

		least = least > KNAP_MINIT ? KNAP_MINIT : least < 30 ? 30 : least;
		maxit = (int) (KNAP_WORK / per);
		maxit = maxit < least ? (int) least : maxit > KNAP_MAXIT ? KNAP_MAXIT : maxit;
	}
	for (it = 0; it < maxit && !s->time_up; it++)
	{
		double		L = evaluate(&K), norm = 0, step, lower;

		(*iters)++;
		if (pr && it % KNAP_HEUR_EVERY == KNAP_HEUR_EVERY - 1)
		{
			for (i = 0; i < n; i++)
				K.pick_item[K.perm[i]] = K.pick[i];
			knap_primal(s, pr, K.pick_item);
		}
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
		DBG("  knap %d: %.0f ms L %.6f best %.6f lower %.6f theta %g\n", it, DBG_MS(), L, best, lower, theta);
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
				norm += K.dmu[j] * K.dmu[j] / mu_scale(s, j);
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
			double		v = K.mu[j] - step * K.dmu[j] / mu_scale(s, j);

			K.mu[j] = v > 0 ? v : 0;
		}
	}
	return best;
}
