/*
 * assign_primal.c: the primal side of the solver: a greedy construction from
 * prices, local search (shifts, swaps, ejections) and ruin-and-recreate on
 * the true scores.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>


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

void
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

void
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

double
state_objective(const solver *s, const state *st)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < s->n; i++)
		sum += val(s, i, st->bin[i]);
	return sum;
}

void
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

/*
 * Place the items ord[0..count-1], in that order, each at its best bin with
 * room: by reduced score w - lam d when lam is given, else by true score; an
 * item whose best value is below floor stays out.
 */
static void
place_best(solver *s, state *st, const keyed *ord, int count, const double *lam,
		   double floor)
{
	int			m = s->m, D = s->D, x, j, k;

	for (x = 0; x < count; x++)
	{
		int			i = ord[x].i, bj = -1;
		const double *wi = s->w + (size_t) i * m;
		const int32_t *di = s->dem + (size_t) i * D;
		double		bv = -INFINITY;

		if ((x & 255) == 0)
			check(s);
		for (j = 0; j < m; j++)
		{
			double		v = wi[j];

			if (v == -INFINITY)
				continue;
			if (lam)
				for (k = 0; k < D; k++)
					v -= lam[j * D + k] * di[k];
			if (v > bv && fits(s, st, j, i, -1))
			{
				bv = v;
				bj = j;
			}
		}
		if (bj >= 0 && bv >= floor)
			place(s, st, i, bj);
	}
}

static void fill(solver *s, state *st, keyed *ord, keyed *tmp);

/* Greedy construction from prices: regret order, best fitting reduced score;
 * then a fill by true score. */
void
construct(solver *s, state *st, const double *lam, keyed *ord, keyed *tmp)
{
	int			n = s->n, m = s->m, D = s->D, i, j, k;

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
	place_best(s, st, ord, n, lam, -EPS);
	fill(s, st, ord, tmp);
}

/* The items left out, by their best true score, best first, each at its
 * best bin with room. */
static void
fill(solver *s, state *st, keyed *ord, keyed *tmp)
{
	int			n = s->n, m = s->m, i, j, x;

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
		;
	place_best(s, st, ord, x, NULL, 0);
}

/* Passes of local search worth about 7.5e7 pair visits, 3 to most. */
int
search_passes(const solver *s, int most)
{
	double		per = s->work_per_pass > 1 ? s->work_per_pass : 1;
	int			passes = (int) (7.5e7 / per);

	return passes < 3 ? 3 : passes > most ? most : passes;
}

/*
 * A Lagrangian heuristic: the solution the knapsacks of the bound suggest.
 * pick[i] is the bin whose knapsack took item i (-1: none); the picks go in,
 * best true score first, where they fit (the knapsacks respect dimension 0
 * only, and an item may be picked by one bin only here), then the fill, the
 * re-packing and a short local search.  Kept in pr when better; returns its
 * objective.
 */
double
knap_primal(solver *s, primal *pr, const int *pick)
{
	state	   *st = pr->st;
	int			n = s->n, i, x, cnt = 0;
	double		obj;

	state_reset(s, st);
	for (i = 0; i < n; i++)
		if (pick[i] >= 0)
		{
			pr->ord[cnt].key = s->w[(size_t) i * s->m + pick[i]];
			pr->ord[cnt].tie = next_rand(s);
			pr->ord[cnt].i = i;
			cnt++;
		}
	sort_keyed(pr->ord, cnt, pr->tmp);
	for (x = 0; x < cnt; x++)
	{
		i = pr->ord[x].i;
		if (fits(s, st, pick[i], i, -1))
			place(s, st, i, pick[i]);
	}
	fill(s, st, pr->ord, pr->tmp);
	repack_sweeps(s, st, pr->rp, REPACK_SWEEPS);
	local_search(s, st, pr->cand, pr->ncand, pr->order, search_passes(s, 50));
	obj = state_objective(s, st);
	if (obj > pr->best_obj)
	{
		pr->best_obj = obj;
		memcpy(pr->best, st->bin, sizeof(int) * n);
	}
	return obj;
}

/* Candidate bins of each item: its CAND_K best allowed bins by score. */
void
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
int
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
int
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
		place_best(s, st, ord, nl, NULL, 0);
		local_search(s, st, cand, ncand, order, search_passes(s, 50));
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
