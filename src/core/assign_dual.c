/*
 * assign_dual.c: prices of the capacities.  Scores are normalised by their
 * largest magnitude; prices lambda[j*D+k] are in normalised score per unit of
 * capacity.  The reduced score of a pair is
 * r[i][j] = w[i][j] - sum_k lambda[j][k] d[i][k]; the Lagrangian
 *   L(lambda) = sum_jk lambda_jk c_jk + sum_i max(0, max_j r_ij)
 * bounds every feasible solution from above (and its minimum is the LP
 * bound).  It is minimised through the smooth
 *   L_mu(lambda) = sum lambda c + sum_i mu log(1 + sum_j exp(r_ij / mu)),
 * with mu lowered stage by stage, then by exact coordinate descent (small
 * instances) and, once a solution is known, by deflected subgradient steps.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>

#ifndef LP_SG_STALL
#define LP_SG_STALL 20			/* steps without progress that halve the step */
#endif
/* iterations per smoothing stage: DUAL_WORK pair visits, DUAL_MINIT to
 * DUAL_MAXIT of them (preconditioned, 13 at 2,000 x 357 reach what 20 did) */
#ifndef DUAL_WORK
#define DUAL_WORK 2e7
#endif
#ifndef DUAL_MINIT
#define DUAL_MINIT 10
#endif
#ifndef DUAL_MAXIT
#define DUAL_MAXIT 100
#endif
#ifndef DUAL_CURV_FLOOR
#define DUAL_CURV_FLOOR 1e-2			/* of the largest curvature */
#endif

/*
 * Evaluate the smoothed dual at lam (gradient into grad if not NULL) and the
 * exact Lagrangian into *exact.  mu = 0 evaluates the exact one only.
 */
static double
dual_eval(solver *s, const double *lam, double mu, double *grad, double *exact, double *hd)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k;
	double		f = 0, ex = 0;
	double	   *r = s->rbuf;

	for (j = 0; j < m * D; j++)
	{
		f += lam[j] * (double) s->cap[j];
		if (grad)
			grad[j] = (double) s->cap[j];
		if (hd)
			hd[j] = 0;
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
						if (hd)
							for (k = 0; k < D; k++)
								hd[j * D + k] += q * (1 - q) * di[k] * di[k] / mu;
					}
		}
	}
	*exact = ex;
	return mu > 0 ? f : ex;
}

/*
 * The diagonal preconditioner of a stage: the smoothed dual's curvature per
 * price, at least DUAL_CURV_FLOOR of the largest (prices no item is near
 * have none).  Gradient steps divided by it move each price by what its
 * own bin needs; one scalar step for prices of bins of 3 to 700 places took
 * several times as many steps.
 */
static void
precond(double *hd, int md)
{
	int			j;
	double		mx = 0;

	for (j = 0; j < md; j++)
		mx = hd[j] > mx ? hd[j] : mx;
	for (j = 0; j < md; j++)
	{
		hd[j] = hd[j] > DUAL_CURV_FLOOR * mx ? hd[j] : DUAL_CURV_FLOOR * mx;
		if (hd[j] <= 0)
			hd[j] = 1;
	}
}

/*
 * Minimise the dual; best_lam receives the prices of the least exact
 * Lagrangian seen, the return value is that bound (normalised).
 */
double
dual_solve(solver *s, double *lam, double *best_lam, int *iters)
{
	int			md = s->m * s->D, j, stage, it, ls;
	double	   *g = salloc(s, sizeof(double) * md);
	double	   *t = salloc(s, sizeof(double) * md);
	double	   *gt = salloc(s, sizeof(double) * md);
	double	   *hd = salloc(s, sizeof(double) * md);
	double		hist[10];
	double		best = INFINITY, ex, f, alpha = 0;
	static const double mus[] = {0.03, 0.01, 0.003, 0.001};
	int			nst = (int) (sizeof(mus) / sizeof(mus[0]));

	double		pairs = s->work_per_pass;
	int			maxit = (int) (DUAL_WORK / (pairs > 1 ? pairs : 1));

	maxit = maxit < DUAL_MINIT ? DUAL_MINIT : maxit > DUAL_MAXIT ? DUAL_MAXIT : maxit;
	if (!g || !t || !gt || !hd)
		return NAN;
	memset(lam, 0, sizeof(double) * md);
	*iters = 0;
	for (stage = 0; stage < nst && !s->time_up; stage++)
	{
		double		mu = mus[stage];
		int			h;

		f = dual_eval(s, lam, mu, g, &ex, hd);
		precond(hd, md);
		DBG(" stage mu %g start: iters %d best %.6f now %.6f\n", mu, *iters, best, ex);
		(*iters)++;
		if (ex < best)
		{
			best = ex;
			memcpy(best_lam, lam, sizeof(double) * md);
		}
		if (alpha <= 0)
			alpha = 0.5;		/* half the diagonal Newton step */
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
					double		v = lam[j] - alpha * g[j] / hd[j];

					t[j] = v > 0 ? v : 0;
					gd += g[j] * (t[j] - lam[j]);
					dn += (t[j] - lam[j]) * (t[j] - lam[j]);
				}
				if (dn == 0)
					break;
				ft = dual_eval(s, t, mu, gt, &ex, NULL);
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
				sts += sj * sj * hd[j];
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

/*
 * Item i's best and second-best reduced score w - lam d over the bins, at
 * least 0 (staying out), and the bin of the best (-1: none positive); the
 * capacity prices, the LP subgradient and the knapsack bound's start use it.
 */
void
reduced_top2(const solver *s, const double *lam, int i, double *v1, int *b1, double *v2)
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

double
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
		reduced_top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
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
						reduced_top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
					else
					{
						/* j may have been second */
						r = wtj[i];
						for (kk = 0; kk < D; kk++)
							r -= lam[j * D + kk] * di[kk];
						if (r + (nl - old) * di[k] >= v2[i] - 1e-15)
							reduced_top2(s, lam, i, &v1[i], &b1[i], &v2[i]);
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
		dual_eval(s, lam, 0, NULL, &ex, NULL);
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

/* The exact Lagrangian at lam and a subgradient (capacity less the demand
 * of the items at their best reduced score, where positive) into g. */
static double
dual_exact(solver *s, const double *lam, double *g)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k;
	double		L = 0;

	for (j = 0; j < m * D; j++)
	{
		L += lam[j] * (double) s->cap[j];
		g[j] = (double) s->cap[j];
	}
	for (i = 0; i < n; i++)
	{
		const int32_t *di = s->dem + (size_t) i * D;
		double		M, second;
		int			bj;

		if ((i & 255) == 0)
			check(s);
		reduced_top2(s, lam, i, &M, &bj, &second);
		L += M;
		if (bj >= 0)
			for (k = 0; k < D; k++)
				g[bj * D + k] -= di[k];
	}
	return L;
}

/*
 * The subgradient's metric: a price step is divided by the capacity (+1).
 * A bin's demand answers a change of its price in proportion to the items
 * at its margin, so to its size; one step length for all prices (capacities
 * 3 to 700) moved the small bins' prices too far and the large ones' too
 * little.
 */
static inline double
sg_scale(const solver *s, int j)
{
	return (double) s->cap[j] + 1;
}

/*
 * Deflected subgradient steps on the capacity prices alone (m x D of them,
 * far fewer than the knapsack bound's), Polyak's rule against the solution
 * value lower; best_lam keeps the prices of the least L.  Returns it.
 */
double
dual_subgradient(solver *s, double *lam, double *best_lam, double best,
				 double lower, int steps, int *iters)
{
	int			md = s->m * s->D, j, t, stall = 0;
	double	   *g = salloc(s, sizeof(double) * md);
	double	   *dir = salloc(s, sizeof(double) * md);
	double		theta = 1.0;

	if (!g || !dir)
		return NAN;
	memset(dir, 0, sizeof(double) * md);
	for (t = 0; t < steps && !s->time_up; t++)
	{
		double		L = dual_exact(s, lam, g), gd = 0, dd = 0, beta, norm = 0, step;

		(*iters)++;
		if (L < best - 1e-12 * fabs(best))
		{
			best = L;
			memcpy(best_lam, lam, sizeof(double) * md);
			stall = 0;
		}
		else if (++stall >= LP_SG_STALL)
		{
			theta *= 0.5;
			stall = 0;
		}
		if (theta < 1e-4 || L - lower <= 0)
			break;
		for (j = 0; j < md; j++)
		{
			gd += g[j] * dir[j];
			dd += dir[j] * dir[j];
		}
		beta = dd > 0 && gd < 0 ? -1.5 * gd / dd : 0;
		for (j = 0; j < md; j++)
		{
			dir[j] = g[j] + beta * dir[j];
			if (lam[j] <= 0 && dir[j] > 0)
				dir[j] = 0;
			norm += dir[j] * dir[j] / sg_scale(s, j);
		}
		if (norm <= 0)
			break;
		step = theta * (L - lower) / norm;
		for (j = 0; j < md; j++)
		{
			double		v = lam[j] - step * dir[j] / sg_scale(s, j);

			lam[j] = v > 0 ? v : 0;
		}
	}
	return best;
}
