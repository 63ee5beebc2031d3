/*
 * assign_repack.c: an exact move of the primal search.  One bin at a time,
 * its members and the items left out are packed anew by dynamic programming
 * over the bin's capacities in every dimension, taking the most valuable set
 * that fits.  Under shortage whole households leave places empty, and shifts
 * and swaps of single items cannot trade one large household for two small
 * ones; this move can.  Bins whose table would exceed the budget are left as
 * they are (the large bins, where the packing loses little).
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>

#define REPACK_MAX_ACTIVE 4		/* dimensions the table may span */
#define REPACK_CLASS 64			/* sizes with a count of their own */

typedef struct rcand
{
	double		v;
	int			i;
} rcand;

static int
cmp_rcand(const void *a, const void *b)
{
	double		x = ((const rcand *) a)->v, y = ((const rcand *) b)->v;

	if (x != y)
		return x > y ? -1 : 1;
	return ((const rcand *) a)->i - ((const rcand *) b)->i;
}

int
repack_init(solver *s, repack *rp)
{
	rp->cells = REPACK_CELLS;
	rp->states = REPACK_STATES;
	rp->dp = salloc(s, sizeof(double) * rp->states);
	rp->digit = salloc(s, sizeof(int32_t) * rp->states * REPACK_MAX_ACTIVE);
	rp->take = salloc(s, rp->cells);
	rp->out = salloc(s, sizeof(int) * 2 * (size_t) s->n);
	rp->cand = salloc(s, sizeof(rcand) * s->n);
	rp->chosen = salloc(s, sizeof(int) * s->n);
	rp->mark = salloc(s, sizeof(unsigned) * s->n);
	rp->stamp = 0;
	if (rp->mark)
		memset(rp->mark, 0, sizeof(unsigned) * s->n);
	return rp->dp && rp->digit && rp->take && rp->out && rp->cand && rp->chosen &&
		rp->mark;
}

/*
 * Bin j's candidates into rp->cand: its members, then the items left out
 * that may go there, by score, at most cap / size of each demand (an optimal
 * packing takes no more of one demand).  Returns their count, the members
 * first (*members of them).
 */
static int
candidates(solver *s, state *st, repack *rp, int j, int nout, int *members)
{
	rcand	   *c = rp->cand;
	int			D = s->D, m = s->m, cnt = 0, x, k, kept;
	int64_t		cap0 = s->cap[(size_t) j * D];
	int			same[2 * (REPACK_CLASS + 1)];

	for (x = st->head[j]; x >= 0; x = st->next[x])
	{
		c[cnt].v = s->w[(size_t) x * m + j];
		c[cnt++].i = x;
	}
	*members = cnt;
	rp->stamp++;
	for (x = 0; x < nout; x++)
	{
		int			i = rp->out[x];
		double		v = s->w[(size_t) i * m + j];

		if (st->bin[i] >= 0 || rp->mark[i] == rp->stamp)
			continue;			/* placed since, or listed twice */
		rp->mark[i] = rp->stamp;
		if (v >= 0)
		{
			c[cnt].v = v;
			c[cnt++].i = i;
		}
	}
	qsort(c + *members, cnt - *members, sizeof(rcand), cmp_rcand);
	/*
	 * of each size (and with or without demands in other dimensions), the
	 * best cap0 / size: a packing takes no more of them
	 */
	memset(same, 0, sizeof(same));
	kept = *members;
	for (x = *members; x < cnt; x++)
	{
		const int32_t *dx = s->dem + (size_t) c[x].i * D;
		int			other = 0, cls;

		for (k = 1; k < D; k++)
			other |= dx[k] > 0;
		cls = 2 * (dx[0] < REPACK_CLASS ? dx[0] : REPACK_CLASS) + other;
		if (dx[0] == 0 || dx[0] >= REPACK_CLASS || same[cls] < cap0 / dx[0])
		{
			same[cls]++;
			c[kept++] = c[x];
		}
	}
	return kept;
}

/*
 * Repack bin j; returns the gain (0 when it keeps its members or the table
 * would be too large).  Members it drops are appended to rp->out.
 */
static double
repack_bin(solver *s, state *st, repack *rp, int j, int *nout)
{
	int			D = s->D, members, cnt, t, a, k;
	int			act[REPACK_MAX_ACTIVE], nact = 0;
	int64_t		ext[REPACK_MAX_ACTIVE];
	size_t		S = 1, x;
	double		before = 0, gain;
	rcand	   *c = rp->cand;

	cnt = candidates(s, st, rp, j, *nout, &members);
	if (cnt == members)
		return 0;				/* nothing left out fits here */
	for (t = 0; t < members; t++)
		before += c[t].v;
	/* the dimensions the candidates together could overfill span the table */
	for (k = 0; k < D; k++)
	{
		int64_t		total = 0;

		for (t = 0; t < cnt; t++)
			total += s->dem[(size_t) c[t].i * D + k];
		if (total <= s->cap[(size_t) j * D + k])
			continue;
		if (nact == REPACK_MAX_ACTIVE)
			return 0;
		act[nact] = k;
		ext[nact] = s->cap[(size_t) j * D + k] + 1;
		if ((double) S * (double) ext[nact] > (double) rp->states)
			return 0;
		S *= (size_t) ext[nact];
		nact++;
	}
	if ((double) S * cnt > (double) rp->cells)
		return 0;
	/* digits of each state (mixed radix, dimension act[0] fastest) */
	for (x = 0; x < S; x++)
	{
		size_t		r = x;

		for (a = 0; a < nact; a++)
		{
			rp->digit[x * REPACK_MAX_ACTIVE + a] = (int32_t) (r % (size_t) ext[a]);
			r /= (size_t) ext[a];
		}
		rp->dp[x] = 0;
	}
	for (t = 0; t < cnt; t++)
	{
		const int32_t *dt = s->dem + (size_t) c[t].i * D;
		unsigned char *tk = rp->take + (size_t) t * S;
		size_t		off = 0, mul = 1;
		int32_t		need[REPACK_MAX_ACTIVE];
		double		p = c[t].v;

		check(s);
		for (a = 0; a < nact; a++)
		{
			need[a] = dt[act[a]];
			off += (size_t) need[a] * mul;
			mul *= (size_t) ext[a];
		}
		memset(tk, 0, S);
		for (x = S; x-- > off;)
		{
			const int32_t *dg = rp->digit + x * REPACK_MAX_ACTIVE;

			for (a = 0; a < nact && dg[a] >= need[a]; a++)
				;
			/* >=: an item of score 0 goes in when there is room */
			if (a == nact && rp->dp[x - off] + p >= rp->dp[x])
			{
				rp->dp[x] = rp->dp[x - off] + p;
				tk[x] = 1;
			}
		}
	}
	gain = rp->dp[S - 1] - before;
	if (gain <= 1e-12 * (fabs(before) + 1))
		return 0;
	/* read the choice back, then move */
	for (t = cnt - 1, x = S - 1; t >= 0; t--)
	{
		rp->chosen[c[t].i] = 0;
		if (rp->take[(size_t) t * S + x])
		{
			const int32_t *dt = s->dem + (size_t) c[t].i * D;
			size_t		off = 0, mul = 1;

			for (a = 0; a < nact; a++)
			{
				off += (size_t) dt[act[a]] * mul;
				mul *= (size_t) ext[a];
			}
			x -= off;
			rp->chosen[c[t].i] = 1;
		}
	}
	for (t = 0; t < members; t++)
		if (!rp->chosen[c[t].i])
		{
			place(s, st, c[t].i, -1);
			rp->out[(*nout)++] = c[t].i;
		}
	for (t = members; t < cnt; t++)
		if (rp->chosen[c[t].i])
			place(s, st, c[t].i, j);
	return gain;
}

/*
 * Sweeps of repack_bin over all bins, in a seeded order, until a sweep
 * gains nothing or `sweeps` are done.  Returns the total gain.
 */
double
repack_sweeps(solver *s, state *st, repack *rp, int sweeps)
{
	int			n = s->n, m = s->m, i, j, sw, nout;
	double		total = 0;

	for (sw = 0; sw < sweeps && !s->time_up; sw++)
	{
		double		g = 0;
		int			first = (int) (next_rand(s) % (uint64_t) m);

		nout = 0;
		for (i = 0; i < n; i++)
			if (st->bin[i] < 0)
				rp->out[nout++] = i;
		for (j = 0; j < m && !s->time_up; j++)
		{
			/*
			 * dropped members go to the end of out (2n long); past n it is
			 * compacted to the items still out, at most n less the members
			 */
			if (nout > n)
			{
				int			y = 0;

				rp->stamp++;
				for (i = 0; i < nout; i++)
					if (st->bin[rp->out[i]] < 0 && rp->mark[rp->out[i]] != rp->stamp)
					{
						rp->mark[rp->out[i]] = rp->stamp;
						rp->out[y++] = rp->out[i];
					}
				nout = y;
			}
			g += repack_bin(s, st, rp, (first + j) % m, &nout);
		}
		total += g;
		if (g <= 0)
			break;
	}
	return total;
}
