/*
 * assign.c: the assignment solver (see assign.h for the problem and method).
 *
 * Scores are normalised by their largest magnitude; prices lambda[j*D+k] are
 * in normalised score per unit of capacity.  The reduced score of a pair is
 * r[i][j] = w[i][j] - sum_k lambda[j][k] d[i][k]; the Lagrangian
 *   L(lambda) = sum_jk lambda_jk c_jk + sum_i max(0, max_j r_ij)
 * bounds every feasible solution from above (and its minimum is the LP
 * bound).  It is minimised through the smooth
 *   L_mu(lambda) = sum lambda c + sum_i mu log(1 + sum_j exp(r_ij / mu)),
 * with mu lowered stage by stage.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef ASSIGN_DEBUG
#include <stdio.h>
#define DBG(...) fprintf(stderr, __VA_ARGS__)
#else
#define DBG(...) ((void) 0)
#endif

#define CAND_K 12				/* candidate bins per item for swaps */
#define EPS 1e-12

typedef struct solver
{
	const assign_problem *p;
	const assign_env *env;
	int			n, m, D;
	const int32_t *dem;
	int64_t    *cap;
	double	   *w;				/* n*m normalised, -INFINITY if not allowed */
	float	   *wt;				/* m*n: w transposed, for column scans */
	int		   *kidx;			/* per dimension k: the items with d[i][k] > 0 */
	int			kstart[ASSIGN_MAX_DIMS + 1];
	double		work_per_pass;	/* bins x (items + nonzero demands): the budgets' unit */
	double		scale;
	double	   *rbuf;			/* m */
	uint64_t	rng;
	double		t0, limit_ms;
	int			time_up;
	size_t		bytes;
	unsigned	tick;
	void	  **allocs;
	int			nallocs;
} solver;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Interrupt check and time limit, cheap enough to call in inner loops. */
static int
check(solver *s)
{
	if ((++s->tick & 15) != 0)
		return s->time_up;
	if (s->env && s->env->interrupt)
		s->env->interrupt(s->env->ctx);
	if (s->limit_ms > 0 && now_ms() - s->t0 > s->limit_ms)
		s->time_up = 1;
	return s->time_up;
}

static void *
salloc(solver *s, size_t size)
{
	void	   *ptr = s->env->alloc(s->env->ctx, size ? size : 1);

	if (ptr)
	{
		s->bytes += size;
		s->allocs[s->nallocs++] = ptr;
	}
	return ptr;
}

static uint64_t
next_rand(solver *s)
{
	/* splitmix64 */
	uint64_t	z = (s->rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

size_t
assign_work_bytes(int n, int m, int D)
{
	size_t		nn = n > 0 ? (size_t) n : 0,
				mm = m > 0 ? (size_t) m : 0,
				dd = D > 0 ? (size_t) D : 0;

	return nn * mm * (sizeof(double) + sizeof(float))	/* w, wt */
		+ nn * dd * sizeof(int)
		+ mm * dd * (sizeof(int64_t) * 2 + sizeof(double) * 7)
		+ mm * (sizeof(double) + sizeof(int) * 2)
		+ nn * (sizeof(int) * 8 + sizeof(double) * 2 + sizeof(int) * CAND_K)
		+ 64 * sizeof(void *);
}

assign_error
assign_validate(const assign_problem *p, size_t *index)
{
	size_t		x;

	if (p->n < 0 || p->m < 0 || p->D < 1 || p->D > ASSIGN_MAX_DIMS)
		return ASSIGN_EBADSIZE;
	for (x = 0; x < (size_t) p->n * p->D; x++)
		if (p->demand[x] < 0)
		{
			if (index)
				*index = x;
			return ASSIGN_ENEGDEMAND;
		}
	for (x = 0; x < (size_t) p->m * p->D; x++)
		if (p->capacity[x] < 0)
		{
			if (index)
				*index = x;
			return ASSIGN_ENEGCAPACITY;
		}
	for (x = 0; x < (size_t) p->n * p->m; x++)
	{
		double		v = p->score[x];

		if (isnan(v) || (isinf(v) && v > 0))
		{
			if (index)
				*index = x;
			return ASSIGN_EBADSCORE;
		}
	}
	return ASSIGN_OK;
}

double
assign_objective(const assign_problem *p, const int *bin)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < p->n; i++)
		if (bin[i] >= 0)
			sum += p->score[(size_t) i * p->m + bin[i]];
	return sum;
}

int
assign_is_feasible(const assign_problem *p, const int *bin)
{
	int			i, k, j;
	int			ok = 1;

	for (j = 0; j < p->m && ok; j++)
		for (k = 0; k < p->D && ok; k++)
		{
			int64_t		used = 0;

			for (i = 0; i < p->n; i++)
				if (bin[i] == j)
					used += p->demand[(size_t) i * p->D + k];
			if (used > p->capacity[(size_t) j * p->D + k])
				ok = 0;
		}
	for (i = 0; i < p->n && ok; i++)
		if (bin[i] >= p->m || bin[i] < -1 ||
			(bin[i] >= 0 && isinf(p->score[(size_t) i * p->m + bin[i]])))
			ok = 0;
	return ok;
}

/* ---------------------------------------------------------------- dual */

/*
 * Evaluate the smoothed dual at lam (gradient into grad if not NULL) and the
 * exact Lagrangian into *exact.  mu = 0 evaluates the exact one only.
 */
static double
dual_eval(solver *s, const double *lam, double mu, double *grad, double *exact)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k;
	double		f = 0, ex = 0;
	double	   *r = s->rbuf;

	for (j = 0; j < m * D; j++)
	{
		f += lam[j] * (double) s->cap[j];
		if (grad)
			grad[j] = (double) s->cap[j];
	}
	ex = f;
	for (i = 0; i < n; i++)
	{
		const double *wi = s->w + (size_t) i * m;
		const int32_t *di = s->dem + (size_t) i * D;
		double		M = 0;

		if ((i & 255) == 0)
			check(s);
		if (D == 1)
		{
			double		d0 = di[0];

			for (j = 0; j < m; j++)
			{
				double		v = wi[j] - lam[j] * d0;

				r[j] = v;
				M = v > M ? v : M;
			}
		}
		else if (D == 2)
		{
			double		d0 = di[0], d1 = di[1];

			for (j = 0; j < m; j++)
			{
				double		v = wi[j] - lam[2 * j] * d0 - lam[2 * j + 1] * d1;

				r[j] = v;
				M = v > M ? v : M;
			}
		}
		else
		{
			for (j = 0; j < m; j++)
			{
				double		v = wi[j];

				for (k = 0; k < D; k++)
					v -= lam[j * D + k] * di[k];
				r[j] = v;
				M = v > M ? v : M;
			}
		}
		ex += M;
		if (mu > 0)
		{
			double		Z = exp(-M / mu);
			double		cut = M - 20.0 * mu;

			for (j = 0; j < m; j++)
			{
				if (r[j] > cut)
				{
					double		e = exp((r[j] - M) / mu);

					Z += e;
					r[j] = e;
				}
				else
					r[j] = 0;
			}
			f += M + mu * log(Z);
			if (grad)
				for (j = 0; j < m; j++)
					if (r[j] > 0)
					{
						double		q = r[j] / Z;

						for (k = 0; k < D; k++)
							grad[j * D + k] -= q * di[k];
					}
		}
	}
	*exact = ex;
	return mu > 0 ? f : ex;
}

/*
 * Minimise the dual; best_lam receives the prices of the least exact
 * Lagrangian seen, the return value is that bound (normalised).
 */
static double
dual_solve(solver *s, double *lam, double *best_lam, int *iters)
{
	int			md = s->m * s->D, j, stage, it, ls;
	double	   *g = salloc(s, sizeof(double) * md);
	double	   *t = salloc(s, sizeof(double) * md);
	double	   *gt = salloc(s, sizeof(double) * md);
	double		hist[10];
	double		best = INFINITY, ex, f, alpha = 0, gmax;
	static const double mus[] = {0.03, 0.01, 0.003, 0.001};
	int			nst = (int) (sizeof(mus) / sizeof(mus[0]));

	double		pairs = s->work_per_pass;
	int			maxit = (int) (3e8 / (pairs > 1 ? pairs : 1));

	maxit = maxit < 8 ? 8 : maxit > 30 ? 30 : maxit;
	if (!g || !t || !gt)
		return NAN;
	memset(lam, 0, sizeof(double) * md);
	*iters = 0;
	for (stage = 0; stage < nst && !s->time_up; stage++)
	{
		double		mu = mus[stage];
		int			h;

		f = dual_eval(s, lam, mu, g, &ex);
		DBG(" stage mu %g start: iters %d best %.6f now %.6f\n", mu, *iters, best, ex);
		(*iters)++;
		if (ex < best)
		{
			best = ex;
			memcpy(best_lam, lam, sizeof(double) * md);
		}
		if (alpha <= 0)
		{
			gmax = 0;
			for (j = 0; j < md; j++)
				gmax = fabs(g[j]) > gmax ? fabs(g[j]) : gmax;
			alpha = gmax > 0 ? 0.05 / gmax : 1.0;
		}
		for (h = 0; h < 10; h++)
			hist[h] = f;
		for (it = 0; it < maxit && !s->time_up; it++)
		{
			double		fmax = hist[0], gd = 0, dn = 0, ft = 0, sty = 0, sts = 0;

			for (h = 1; h < 10; h++)
				fmax = hist[h] > fmax ? hist[h] : fmax;
			for (ls = 0; ls < 12; ls++)
			{
				gd = 0;
				dn = 0;
				for (j = 0; j < md; j++)
				{
					double		v = lam[j] - alpha * g[j];

					t[j] = v > 0 ? v : 0;
					gd += g[j] * (t[j] - lam[j]);
					dn += (t[j] - lam[j]) * (t[j] - lam[j]);
				}
				if (dn == 0)
					break;
				ft = dual_eval(s, t, mu, gt, &ex);
				(*iters)++;
				if (ex < best)
				{
					best = ex;
					memcpy(best_lam, t, sizeof(double) * md);
				}
				if (ft <= fmax + 1e-4 * gd)
					break;
				alpha *= 0.5;
			}
			if (dn == 0 || ls == 12)
				break;
			for (j = 0; j < md; j++)
			{
				double		sj = t[j] - lam[j], yj = gt[j] - g[j];

				sty += sj * yj;
				sts += sj * sj;
			}
			alpha = sty > 0 ? sts / sty : alpha * 4;
			if (alpha > 1e6)
				alpha = 1e6;
			if (alpha < 1e-12)
				alpha = 1e-12;
			memcpy(lam, t, sizeof(double) * md);
			memcpy(g, gt, sizeof(double) * md);
			/* stop the stage when the smoothed value stalls */
			if (fabs(f - ft) <= 1e-9 * (fabs(ft) + 1e-9) && it > 5)
			{
				f = ft;
				break;
			}
			f = ft;
			for (h = 9; h > 0; h--)
				hist[h] = hist[h - 1];
			hist[0] = f;
		}
	}
	return best;
}


/*
 * Exact coordinate descent on the (nonsmooth) Lagrangian: each price
 * lambda[j][k] in turn is set to the minimiser of L along it, which is the
 * price at which the demand of the items that prefer bin j drops to the
 * capacity.  Per item the best and second-best reduced scores are kept.
 * Returns the least exact L seen; lam is updated in place.
 */
typedef struct cand_t
{
	double		t;
	int32_t		d;
} cand_t;

static int
cmp_cand(const void *a, const void *b)
{
	double		x = ((const cand_t *) a)->t, y = ((const cand_t *) b)->t;

	return x > y ? -1 : x < y ? 1 : 0;
}

static void
top2(solver *s, const double *lam, int i, double *v1, int *b1, double *v2)
{
	int			m = s->m, D = s->D, j, k;
	const double *wi = s->w + (size_t) i * m;
	const int32_t *di = s->dem + (size_t) i * D;
	double		x1 = 0, x2 = 0;
	int			y1 = -1;

	for (j = 0; j < m; j++)
	{
		double		v = wi[j];

		if (v <= x2)
			continue;
		for (k = 0; k < D; k++)
			v -= lam[j * D + k] * di[k];
		if (v > x1)
		{
			x2 = x1;
			x1 = v;
			y1 = j;
		}
		else if (v > x2)
			x2 = v;
	}
	*v1 = x1;
	*b1 = y1;
	*v2 = x2;
}

static double
dual_coordinate(solver *s, double *lam, double *best_lam, double best, int sweeps,
				int *iters)
{
	int			n = s->n, m = s->m, D = s->D, md = m * D, i, x, sw;
	double	   *v1 = salloc(s, sizeof(double) * n);
	double	   *v2 = salloc(s, sizeof(double) * n);
	int		   *b1 = salloc(s, sizeof(int) * n);
	int		   *perm = salloc(s, sizeof(int) * md);
	cand_t	   *cd = salloc(s, sizeof(cand_t) * n);
	double		ex, prev = best;

	if (!v1 || !v2 || !b1 || !perm || !cd)
		return best;
	for (i = 0; i < n; i++)
		top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
	for (x = 0; x < md; x++)
		perm[x] = x;
	for (sw = 0; sw < sweeps && !s->time_up; sw++)
	{
		for (x = md - 1; x > 0; x--)
		{
			int			r = (int) (next_rand(s) % (uint64_t) (x + 1)),
						tt = perm[x];

			perm[x] = perm[r];
			perm[r] = tt;
		}
		for (x = 0; x < md; x++)
		{
			int			jk = perm[x], j = jk / D, k = jk % D, nc = 0, c, kk, y;
			const float *wtj = s->wt + (size_t) j * n;
			double		old = lam[jk], nl = 0;
			int64_t		sum = 0;

			if ((x & 15) == 0 && check(s))
				break;
			for (y = s->kstart[k]; y < s->kstart[k + 1]; y++)
			{
				const int32_t *di;
				double		r, b, a;
				float		wij;

				i = s->kidx[y];
				wij = wtj[i];
				if (wij == -INFINITY)
					continue;
				di = s->dem + (size_t) i * D;
				r = wij;
				for (kk = 0; kk < D; kk++)
					r -= lam[j * D + kk] * di[kk];
				b = r + old * di[k];
				a = b1[i] == j ? v2[i] : v1[i];
				if (b > a)
				{
					cd[nc].t = (b - a) / di[k];
					cd[nc].d = di[k];
					nc++;
				}
			}
			qsort(cd, nc, sizeof(cand_t), cmp_cand);
			for (c = 0; c < nc; c++)
			{
				if (sum + cd[c].d > s->cap[jk])
				{
					nl = cd[c].t;
					break;
				}
				sum += cd[c].d;
			}
			if (nl == old)
				continue;
			lam[jk] = nl;
			/* refresh the top two of the items this price touches */
			for (y = s->kstart[k]; y < s->kstart[k + 1]; y++)
			{
				const int32_t *di;
				double		r;

				i = s->kidx[y];
				if (wtj[i] == -INFINITY)
					continue;
				di = s->dem + (size_t) i * D;
				if (nl > old && (b1[i] == j || v2[i] > 0))
				{
					if (b1[i] == j)
						top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
					else
					{
						/* j may have been second */
						r = wtj[i];
						for (kk = 0; kk < D; kk++)
							r -= lam[j * D + kk] * di[kk];
						if (r + (nl - old) * di[k] >= v2[i] - 1e-15)
							top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
					}
				}
				else if (nl < old)
				{
					r = wtj[i];
					for (kk = 0; kk < D; kk++)
						r -= lam[j * D + kk] * di[kk];
					if (b1[i] == j)
						v1[i] = r;
					else if (r > v1[i])
					{
						v2[i] = v1[i];
						v1[i] = r;
						b1[i] = j;
					}
					else if (r > v2[i])
						v2[i] = r;
				}
			}
		}
		dual_eval(s, lam, 0, NULL, &ex);
		(*iters)++;
		DBG("  sweep %d: L %.6f\n", sw, ex);
		if (ex < best)
		{
			best = ex;
			memcpy(best_lam, lam, sizeof(double) * md);
		}
		if (prev - ex <= 2e-7 * (fabs(ex) + 1e-9))
			break;
		prev = ex;
	}
	return best;
}

/* ---------------------------------------------------------------- primal */

typedef struct state
{
	int		   *bin;			/* n */
	int64_t    *used;			/* m*D */
	int		   *head;			/* m: first item of each bin */
	int		   *next, *prev;	/* n: bin member lists */
} state;

static inline int
fits(const solver *s, const state *st, int j, int i, int out)
{
	int			k, D = s->D;
	const int32_t *di = s->dem + (size_t) i * D;
	const int32_t *dout = out >= 0 ? s->dem + (size_t) out * D : NULL;

	for (k = 0; k < D; k++)
	{
		int64_t		u = st->used[j * D + k] + di[k] - (dout ? dout[k] : 0);

		if (u > s->cap[j * D + k])
			return 0;
	}
	return 1;
}

static void
place(solver *s, state *st, int i, int j)
{
	int			k, D = s->D, old = st->bin[i];
	const int32_t *di = s->dem + (size_t) i * D;

	if (old == j)
		return;
	if (old >= 0)
	{
		for (k = 0; k < D; k++)
			st->used[old * D + k] -= di[k];
		if (st->prev[i] >= 0)
			st->next[st->prev[i]] = st->next[i];
		else
			st->head[old] = st->next[i];
		if (st->next[i] >= 0)
			st->prev[st->next[i]] = st->prev[i];
	}
	st->bin[i] = j;
	st->next[i] = st->prev[i] = -1;
	if (j >= 0)
	{
		for (k = 0; k < D; k++)
			st->used[j * D + k] += di[k];
		st->next[i] = st->head[j];
		if (st->head[j] >= 0)
			st->prev[st->head[j]] = i;
		st->head[j] = i;
	}
}

static void
state_reset(solver *s, state *st)
{
	int			i;

	memset(st->used, 0, sizeof(int64_t) * s->m * s->D);
	for (i = 0; i < s->m; i++)
		st->head[i] = -1;
	for (i = 0; i < s->n; i++)
	{
		st->bin[i] = -1;
		st->next[i] = st->prev[i] = -1;
	}
}

static double
val(const solver *s, int i, int j)
{
	return j >= 0 ? s->w[(size_t) i * s->m + j] : 0.0;
}

static double
state_objective(const solver *s, const state *st)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < s->n; i++)
		sum += val(s, i, st->bin[i]);
	return sum;
}

/* sort helper: keys descending, ties by a seeded hash (deterministic) */
typedef struct keyed
{
	double		key;
	uint64_t	tie;
	int			i;
} keyed;

static void
sort_keyed(keyed *a, int n, keyed *tmp)
{
	/* bottom-up merge sort, descending key then ascending tie */
	int			width, lo;

	for (width = 1; width < n; width *= 2)
	{
		for (lo = 0; lo < n; lo += 2 * width)
		{
			int			mid = lo + width < n ? lo + width : n;
			int			hi = lo + 2 * width < n ? lo + 2 * width : n;
			int			x = lo, y = mid, z = lo;

			while (x < mid && y < hi)
			{
				if (a[x].key > a[y].key ||
					(a[x].key == a[y].key && a[x].tie <= a[y].tie))
					tmp[z++] = a[x++];
				else
					tmp[z++] = a[y++];
			}
			while (x < mid)
				tmp[z++] = a[x++];
			while (y < hi)
				tmp[z++] = a[y++];
		}
		memcpy(a, tmp, sizeof(keyed) * n);
	}
}

/* Greedy construction from prices: regret order, best fitting reduced score;
 * then a fill by true score. */
static void
construct(solver *s, state *st, const double *lam, keyed *ord, keyed *tmp)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k, x;
	double	   *r = s->rbuf;

	state_reset(s, st);
	for (i = 0; i < n; i++)
	{
		const double *wi = s->w + (size_t) i * m;
		const int32_t *di = s->dem + (size_t) i * D;
		double		b1 = -INFINITY, b2 = 0;

		if ((i & 255) == 0)
			check(s);
		for (j = 0; j < m; j++)
		{
			double		v = wi[j];

			for (k = 0; k < D; k++)
				v -= lam[j * D + k] * di[k];
			if (v > b1)
			{
				b2 = b1 > b2 ? b1 : b2;
				b1 = v;
			}
			else if (v > b2)
				b2 = v;
		}
		ord[i].key = b1 > -INFINITY ? b1 - b2 : -INFINITY;
		ord[i].tie = next_rand(s);
		ord[i].i = i;
	}
	sort_keyed(ord, n, tmp);
	for (x = 0; x < n; x++)
	{
		int			bj = -1;
		double		bv = -INFINITY;
		const int32_t *di;

		i = ord[x].i;
		di = s->dem + (size_t) i * D;
		if ((x & 255) == 0)
			check(s);
		for (j = 0; j < m; j++)
		{
			double		v = s->w[(size_t) i * m + j];

			if (v == -INFINITY)
				continue;
			for (k = 0; k < D; k++)
				v -= lam[j * D + k] * di[k];
			if (v > bv && fits(s, st, j, i, -1))
			{
				bv = v;
				bj = j;
			}
		}
		if (bj >= 0 && bv >= -EPS)
			place(s, st, i, bj);
	}
	/* fill: the rest by their best true score, best first */
	for (i = 0; i < n; i++)
	{
		const double *wi = s->w + (size_t) i * m;
		double		b = -INFINITY;

		for (j = 0; j < m; j++)
			b = wi[j] > b ? wi[j] : b;
		ord[i].key = st->bin[i] < 0 ? b : -INFINITY;
		ord[i].tie = next_rand(s);
		ord[i].i = i;
	}
	sort_keyed(ord, n, tmp);
	for (x = 0; x < n && ord[x].key >= 0; x++)
	{
		int			bj = -1;
		double		bv = -INFINITY;

		i = ord[x].i;
		for (j = 0; j < m; j++)
		{
			double		v = s->w[(size_t) i * m + j];

			if (v != -INFINITY && v > bv && fits(s, st, j, i, -1))
			{
				bv = v;
				bj = j;
			}
		}
		if (bj >= 0 && bv >= 0)
			place(s, st, i, bj);
	}
	(void) r;
}

/* Candidate bins of each item: its CAND_K best allowed bins by score. */
static void
build_candidates(solver *s, int *cand, int *ncand)
{
	int			n = s->n, m = s->m, i, j, c;

	for (i = 0; i < n; i++)
	{
		const double *wi = s->w + (size_t) i * m;
		int		   *ci = cand + (size_t) i * CAND_K;
		int			len = 0;

		for (j = 0; j < m; j++)
		{
			if (wi[j] == -INFINITY)
				continue;
			if (len < CAND_K)
				c = len++;
			else if (wi[j] > wi[ci[CAND_K - 1]])
				c = CAND_K - 1;
			else
				continue;
			while (c > 0 && wi[ci[c - 1]] < wi[j])
			{
				ci[c] = ci[c - 1];
				c--;
			}
			ci[c] = j;
		}
		ncand[i] = len;
	}
}

/* Local search on true scores; returns the passes made. */
static int
local_search(solver *s, state *st, const int *cand, const int *ncand,
			 int *order, int max_passes)
{
	int			n = s->n, m = s->m, pass, x, i, j, c;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (pass = 0; pass < max_passes; pass++)
	{
		int			improved = 0;

		/* seeded shuffle of the item order */
		for (i = n - 1; i > 0; i--)
		{
			int			r = (int) (next_rand(s) % (uint64_t) (i + 1)),
						t = order[i];

			order[i] = order[r];
			order[r] = t;
		}
		for (x = 0; x < n; x++)
		{
			int			a, bj = -1, bo = -1, kind = 0;
			double		cur, bgain = 1e-12;
			const double *wi;

			if (check(s))
				return pass;
			i = order[x];
			a = st->bin[i];
			cur = val(s, i, a);
			wi = s->w + (size_t) i * m;
			/* shift: to any bin with room */
			for (j = 0; j < m; j++)
				if (j != a && wi[j] - cur > bgain && fits(s, st, j, i, -1))
				{
					bgain = wi[j] - cur;
					bj = j;
					kind = 1;
				}
			/* swap / eject within the candidate bins */
			for (c = 0; c < ncand[i]; c++)
			{
				int			b = cand[(size_t) i * CAND_K + c], o;

				if (b == a || wi[b] - cur <= bgain)
					continue;
				for (o = st->head[b]; o >= 0; o = st->next[o])
				{
					double		g;

					if (!fits(s, st, b, i, o))
						continue;
					/* o to a (swap) */
					if (a >= 0 && s->w[(size_t) o * m + a] != -INFINITY &&
						fits(s, st, a, o, i))
					{
						g = wi[b] - cur + s->w[(size_t) o * m + a] - val(s, o, b);
						if (g > bgain)
						{
							bgain = g;
							bj = b;
							bo = o;
							kind = 2;
						}
					}
					/* o out (ejection) */
					g = wi[b] - cur - val(s, o, b);
					if (g > bgain)
					{
						bgain = g;
						bj = b;
						bo = o;
						kind = 3;
					}
				}
			}
			if (bj < 0)
				continue;
			if (kind == 1)
				place(s, st, i, bj);
			else if (kind == 2)
			{
				place(s, st, bo, -1);
				place(s, st, i, bj);
				place(s, st, bo, a);
			}
			else
			{
				int			o = bo;

				place(s, st, o, -1);
				place(s, st, i, bj);
				/* the ejected item takes the best bin with room, if any */
				{
					int			jj, best = -1;
					double		bv = 0;

					for (jj = 0; jj < m; jj++)
						if (s->w[(size_t) o * m + jj] >= bv && jj != bj &&
							s->w[(size_t) o * m + jj] != -INFINITY &&
							fits(s, st, jj, o, -1))
						{
							bv = s->w[(size_t) o * m + jj];
							best = jj;
						}
					if (best >= 0)
						place(s, st, o, best);
				}
			}
			improved++;
		}
		if (!improved)
			return pass + 1;
	}
	return max_passes;
}


/* Iterated local search: ruin a few bins, recreate by regret on true scores,
 * search again; keep the better (equal is accepted, to walk plateaus). */
static int
ruin_recreate(solver *s, state *st, int *keep, const int *cand,
			  const int *ncand, int *order, keyed *ord, keyed *tmp, int rounds)
{
	int			n = s->n, m = s->m, r, i, j, x, done = 0;
	double		best = state_objective(s, st), cur;

	memcpy(keep, st->bin, sizeof(int) * n);
	for (r = 0; r < rounds && !s->time_up; r++)
	{
		int			q = 1 + (int) (next_rand(s) % 3), nl = 0;

		for (x = 0; x < q; x++)
		{
			j = (int) (next_rand(s) % (uint64_t) m);
			while (st->head[j] >= 0)
				place(s, st, st->head[j], -1);
		}
		for (i = 0; i < n; i++)
		{
			double		b1 = -INFINITY, b2 = 0;

			if (st->bin[i] >= 0)
				continue;
			if ((i & 255) == 0)
				check(s);
			for (j = 0; j < m; j++)
			{
				double		v = s->w[(size_t) i * m + j];

				if (v == -INFINITY || v <= b2 || !fits(s, st, j, i, -1))
					continue;
				if (v > b1)
				{
					b2 = b1 > 0 ? b1 : 0;
					b1 = v;
				}
				else
					b2 = v;
			}
			if (b1 < 0)
				continue;
			ord[nl].key = (b1 - b2) * (1.0 + 0.2 * (double) (next_rand(s) % 1000) / 1000.0);
			ord[nl].tie = next_rand(s);
			ord[nl].i = i;
			nl++;
		}
		sort_keyed(ord, nl, tmp);
		for (x = 0; x < nl; x++)
		{
			int			bj = -1;
			double		bv = -INFINITY;

			i = ord[x].i;
			for (j = 0; j < m; j++)
			{
				double		v = s->w[(size_t) i * m + j];

				if (v != -INFINITY && v > bv && fits(s, st, j, i, -1))
				{
					bv = v;
					bj = j;
				}
			}
			if (bj >= 0 && bv >= 0)
				place(s, st, i, bj);
		}
		local_search(s, st, cand, ncand, order, 50);
		cur = state_objective(s, st);
		if (cur > best + 1e-12 * (fabs(best) + 1))
		{
			best = cur;
			memcpy(keep, st->bin, sizeof(int) * n);
		}
		else if (cur < best - 1e-12 * (fabs(best) + 1) || s->time_up)
		{
			state_reset(s, st);
			for (i = 0; i < n; i++)
				if (keep[i] >= 0)
					place(s, st, i, keep[i]);
		}
		else
			memcpy(keep, st->bin, sizeof(int) * n);
		done++;
	}
	return done;
}

/* ---------------------------------------------------------------- driver */

assign_error
assign_solve(const assign_problem *p, const assign_options *o,
			 const assign_env *env, int *bin_out, assign_stats *stats,
			 size_t *err_index)
{
	solver		s;
	assign_error e;
	int			n = p->n, m = p->m, D = p->D, i, j, k;
	size_t		x;
	double		smax = 0, bound = 0, obj, best_obj;
	double	   *lam, *best_lam;
	state		st, best;
	keyed	   *ord, *tmp;
	int		   *cand, *ncand, *order;
	void	   *allocs[64];
	int			iters = 0, passes = 0;

	memset(stats, 0, sizeof(*stats));
	e = assign_validate(p, err_index);
	if (e != ASSIGN_OK)
		return e;
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.env = env;
	s.n = n;
	s.m = m;
	s.D = D;
	s.dem = p->demand;
	s.rng = o ? o->seed * 0x2545F4914F6CDD1DULL + 1 : 1;
	s.limit_ms = o ? o->time_limit_ms : 0;
	s.t0 = now_ms();
	s.allocs = allocs;

	for (i = 0; i < n; i++)
		bin_out[i] = -1;
	if (n == 0 || m == 0)
	{
		stats->elapsed_ms = now_ms() - s.t0;
		return ASSIGN_OK;
	}

#define ALLOC(ptr, type, count) \
	do { (ptr) = (type *) salloc(&s, sizeof(type) * (size_t) (count)); \
		 if (!(ptr)) goto nomem; } while (0)

	ALLOC(s.cap, int64_t, (size_t) m * D);
	for (x = 0; x < (size_t) m * D; x++)
		s.cap[x] = p->capacity[x];
	ALLOC(s.w, double, (size_t) n * m);
	ALLOC(s.rbuf, double, m);
	for (i = 0; i < n; i++)
	{
		const int32_t *di = p->demand + (size_t) i * D;

		check(&s);
		for (j = 0; j < m; j++)
		{
			double		v = p->score[(size_t) i * m + j];

			for (k = 0; k < D && v != -INFINITY; k++)
				if (di[k] > p->capacity[(size_t) j * D + k])
					v = -INFINITY;
			s.w[(size_t) i * m + j] = v;
			if (v != -INFINITY && fabs(v) > smax)
				smax = fabs(v);
		}
	}
	s.scale = smax > 0 ? smax : 1.0;
	for (x = 0; x < (size_t) n * m; x++)
		if (s.w[x] != -INFINITY)
			s.w[x] /= s.scale;

	ALLOC(s.wt, float, (size_t) n * m);
	for (i = 0; i < n; i++)
	{
		if ((i & 255) == 0)
			check(&s);
		for (j = 0; j < m; j++)
			s.wt[(size_t) j * n + i] = (float) s.w[(size_t) i * m + j];
	}
	ALLOC(s.kidx, int, (size_t) n * D);
	{
		int			y = 0;

		for (k = 0; k < D; k++)
		{
			s.kstart[k] = y;
			for (i = 0; i < n; i++)
				if (p->demand[(size_t) i * D + k] > 0)
					s.kidx[y++] = i;
		}
		s.kstart[D] = y;
		s.work_per_pass = (double) m * ((double) n + y);
	}
	ALLOC(lam, double, (size_t) m * D);
	ALLOC(best_lam, double, (size_t) m * D);
	bound = dual_solve(&s, lam, best_lam, &iters);
	DBG("dual %.0f ms bound %.6f iters %d\n", now_ms() - s.t0, bound * s.scale, iters);
	memcpy(lam, best_lam, sizeof(double) * m * D);
	{
		/* sweeps: about 3e8 price-item visits, 15 to 200 sweeps */
		double		per = s.work_per_pass;
		int			sweeps = (int) (3e8 / (per > 1 ? per : 1));

		sweeps = sweeps < 15 ? 15 : sweeps > 200 ? 200 : sweeps;
		bound = dual_coordinate(&s, lam, best_lam, bound, sweeps, &iters);
	}
	DBG("coord %.0f ms bound %.6f iters %d\n", now_ms() - s.t0, bound * s.scale, iters);
	if (isnan(bound))
		goto nomem;

	ALLOC(st.bin, int, n);
	ALLOC(st.used, int64_t, (size_t) m * D);
	ALLOC(st.head, int, m);
	ALLOC(st.next, int, n);
	ALLOC(st.prev, int, n);
	ALLOC(best.bin, int, n);
	ALLOC(ord, keyed, n);
	ALLOC(tmp, keyed, n);
	ALLOC(cand, int, (size_t) n * CAND_K);
	ALLOC(ncand, int, n);
	ALLOC(order, int, n);

	/* construct from the best prices and from the last ones; keep the better */
	construct(&s, &st, best_lam, ord, tmp);
	best_obj = state_objective(&s, &st);
	memcpy(best.bin, st.bin, sizeof(int) * n);
	construct(&s, &st, lam, ord, tmp);
	obj = state_objective(&s, &st);
	if (obj < best_obj)
	{
		state_reset(&s, &st);
		for (i = 0; i < n; i++)
			if (best.bin[i] >= 0)
				place(&s, &st, i, best.bin[i]);
	}
	DBG("construct %.0f ms obj %.6f (best lam %.6f)\n", now_ms() - s.t0, state_objective(&s, &st) * s.scale, best_obj * s.scale);
	build_candidates(&s, cand, ncand);
	passes = local_search(&s, &st, cand, ncand, order, 200);
	DBG("ls %.0f ms obj %.6f passes %d\n", now_ms() - s.t0, state_objective(&s, &st) * s.scale, passes);
	{
		/* a work budget of about 4e7 pair visits, 20 to 3000 rounds */
		double		per = s.work_per_pass;
		int			rounds = (int) (4e7 / (per > 1 ? per : 1));

		rounds = rounds < 5 ? 5 : rounds > 3000 ? 3000 : rounds;
		stats->search_rounds = ruin_recreate(&s, &st, best.bin, cand, ncand,
											 order, ord, tmp, rounds);
	}
	DBG("rr %.0f ms obj %.6f\n", now_ms() - s.t0, state_objective(&s, &st) * s.scale);
	memcpy(bin_out, st.bin, sizeof(int) * n);

	stats->dual_iterations = iters;
	stats->search_passes = passes;
	stats->objective = assign_objective(p, bin_out);
	stats->bound = bound * s.scale;
	if (stats->bound < stats->objective &&
		stats->objective - stats->bound <= 1e-9 * fabs(stats->objective))
		stats->bound = stats->objective;	/* rounding only */
	for (i = 0; i < n; i++)
		stats->assigned += bin_out[i] >= 0;
	stats->time_limited = s.time_up;
	stats->work_bytes = s.bytes;
	stats->elapsed_ms = now_ms() - s.t0;
	for (i = 0; i < s.nallocs; i++)
		env->release(env->ctx, s.allocs[i]);
	return ASSIGN_OK;

nomem:
	for (i = 0; i < s.nallocs; i++)
		env->release(env->ctx, s.allocs[i]);
	for (i = 0; i < n; i++)
		bin_out[i] = -1;
	return ASSIGN_ENOMEM;
#undef ALLOC
}
