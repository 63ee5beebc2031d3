/*
 * assign_lower.c: lower-bound side constraints ("at least `min` of these
 * items in this group of bins") met by repair after the solve.
 *
 * Upper limits need no code of their own: the caller adds them as capacity
 * dimensions.  Lower limits make even feasibility hard, so they are met
 * greedily: while a constraint is short, the cheapest single move of one of
 * its items into one of its bins is made (directly if it fits, else by
 * ejecting one member of the target bin, which then goes to the best bin
 * with room or stays unassigned).  A move never takes a constraint that is
 * met below its minimum.  What cannot be met is reported as a shortfall,
 * never silently.  Then items shift to better bins where the limits allow.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign.h"

#include <math.h>
#include <string.h>

typedef struct rep
{
	const assign_problem *p;
	const assign_lower *lo;
	int			nlo;
	const assign_env *env;
	int		   *bin;
	int64_t    *used;			/* m * D */
	unsigned char *item_in;		/* nlo * n */
	unsigned char *bin_in;		/* nlo * m */
	int		   *count;			/* nlo */
	int		   *head, *next, *prev;	/* bin member lists: m, n, n */
	unsigned	tick;
} rep;

static double
sc(const rep *r, int i, int j)
{
	return j < 0 ? 0.0 : r->p->score[(size_t) i * r->p->m + j];
}

static int
fits(const rep *r, int i, int j, int except)
{
	int			D = r->p->D, k;

	for (k = 0; k < D; k++)
	{
		int64_t		u = r->used[(size_t) j * D + k] + r->p->demand[(size_t) i * D + k];

		if (except >= 0)
			u -= r->p->demand[(size_t) except * D + k];
		if (u > r->p->capacity[(size_t) j * D + k])
			return 0;
	}
	return 1;
}

/* change of constraint c's count when item i moves from bin a to bin b (-1: none) */
static int
delta(const rep *r, int c, int i, int a, int b)
{
	if (!r->item_in[(size_t) c * r->p->n + i])
		return 0;
	return (b >= 0 && r->bin_in[(size_t) c * r->p->m + b]) -
		(a >= 0 && r->bin_in[(size_t) c * r->p->m + a]);
}

/*
 * 1 if moving item i from a to b, and (e >= 0) ejecting item e from b, takes
 * any constraint below its minimum (so every move strictly raises the sum
 * over constraints of min(count, minimum): the repair ends).
 */
static int
breaks(const rep *r, int i, int a, int b, int e)
{
	int			c;

	for (c = 0; c < r->nlo; c++)
	{
		int			d = delta(r, c, i, a, b) + (e >= 0 ? delta(r, c, e, b, -1) : 0);

		if (d < 0 && r->count[c] + d < r->lo[c].min)
			return 1;
	}
	return 0;
}

/* item i leaves the member list of bin a and joins that of bin b */
static void
link(rep *r, int i, int a, int b)
{
	if (a >= 0)
	{
		if (r->prev[i] >= 0)
			r->next[r->prev[i]] = r->next[i];
		else
			r->head[a] = r->next[i];
		if (r->next[i] >= 0)
			r->prev[r->next[i]] = r->prev[i];
	}
	r->prev[i] = r->next[i] = -1;
	if (b >= 0)
	{
		r->next[i] = r->head[b];
		if (r->head[b] >= 0)
			r->prev[r->head[b]] = i;
		r->head[b] = i;
	}
}

static void
move(rep *r, int i, int b)
{
	int			D = r->p->D, k, c, a = r->bin[i];

	for (c = 0; c < r->nlo; c++)
		if (r->item_in[(size_t) c * r->p->n + i])
		{
			if (a >= 0 && r->bin_in[(size_t) c * r->p->m + a])
				r->count[c]--;
			if (b >= 0 && r->bin_in[(size_t) c * r->p->m + b])
				r->count[c]++;
		}
	for (k = 0; k < D; k++)
	{
		if (a >= 0)
			r->used[(size_t) a * D + k] -= r->p->demand[(size_t) i * D + k];
		if (b >= 0)
			r->used[(size_t) b * D + k] += r->p->demand[(size_t) i * D + k];
	}
	link(r, i, a, b);
	r->bin[i] = b;
}

/* the best bin with room for item i other than `not`, or -1 (unassigned) */
static int
best_home(const rep *r, int i, int not, double *gain)
{
	int			j, best = -1;
	double		g = 0;

	for (j = 0; j < r->p->m; j++)
	{
		double		v = sc(r, i, j);

		if (j != not && v > g && fits(r, i, j, -1))
		{
			g = v;
			best = j;
		}
	}
	*gain = g;
	return best;
}

/* One repair move for constraint c: 1 if made. */
static int
repair_one(rep *r, int c)
{
	const assign_lower *L = &r->lo[c];
	int			n = r->p->n, x, y, bi = -1, bj = -1, be = -1;
	double		bloss = INFINITY;

	for (x = 0; x < L->nitems; x++)
	{
		int			i = L->items[x], a = r->bin[i];

		if (a >= 0 && r->bin_in[(size_t) c * r->p->m + a])
			continue;			/* already counts */
		if ((++r->tick & 15) == 0 && r->env && r->env->interrupt)
			r->env->interrupt(r->env->ctx);
		for (y = 0; y < L->nbins; y++)
		{
			int			j = L->bins[y], e;
			double		base;

			if (sc(r, i, j) == -INFINITY || breaks(r, i, a, j, -1))
				continue;
			base = sc(r, i, a) - sc(r, i, j);
			if (base >= bloss)
				continue;
			if (fits(r, i, j, -1))
			{
				bloss = base;
				bi = i;
				bj = j;
				be = -1;
				continue;
			}
			/* eject one member e of bin j that is not needed there */
			for (e = r->head[j]; e >= 0; e = r->next[e])
			{
				double		loss = base + sc(r, e, j);

				/* the cheap test first: most members cost too much */
				if (loss >= bloss || r->item_in[(size_t) c * n + e] ||
					!fits(r, i, j, e) || breaks(r, i, a, j, e))
					continue;
				{
					bloss = loss;
					bi = i;
					bj = j;
					be = e;
				}
			}
		}
	}
	if (bi < 0)
		return 0;
	if (be >= 0)
	{
		double		g;
		int			h;

		move(r, be, -1);
		move(r, bi, bj);
		h = best_home(r, be, bj, &g);
		if (h >= 0)
			move(r, be, h);
	}
	else
		move(r, bi, bj);
	return 1;
}

/*
 * After the repair: shift items to better bins with room where no lower
 * limit falls below its minimum (the repair's moves leave such gains, e.g.
 * an item pushed out earlier).  Every shift raises the objective; at most
 * `passes` passes.
 */
static void
improve(rep *r, int passes)
{
	int			i, j, moved;

	do
	{
		moved = 0;
		for (i = 0; i < r->p->n; i++)
		{
			int			a = r->bin[i], best = -1;
			double		g = sc(r, i, a);

			if ((++r->tick & 15) == 0 && r->env && r->env->interrupt)
				r->env->interrupt(r->env->ctx);
			for (j = 0; j < r->p->m; j++)
			{
				double		v = sc(r, i, j);

				if (j != a && v > g + 1e-12 * fabs(g) && fits(r, i, j, -1) &&
					!breaks(r, i, a, j, -1))
				{
					g = v;
					best = j;
				}
			}
			if (best >= 0)
			{
				move(r, i, best);
				moved = 1;
			}
		}
	} while (moved && --passes > 0);
}

assign_error
assign_repair_lower(const assign_problem *p, const assign_lower *lo, int nlo,
					const assign_env *env, int *bin, int *shortfall)
{
	rep			r;
	int			c, x, i, k, progress;
	size_t		nbytes = sizeof(int64_t) * (size_t) p->m * p->D +
		(size_t) nlo * ((size_t) p->n + p->m) +
		sizeof(int) * ((size_t) nlo + 1 + p->m + 2 * (size_t) p->n);
	char	   *mem;

	memset(&r, 0, sizeof(r));
	r.p = p;
	r.lo = lo;
	r.nlo = nlo;
	r.env = env;
	r.bin = bin;
	mem = env->alloc(env->ctx, nbytes);
	if (!mem)
		return ASSIGN_ENOMEM;
	memset(mem, 0, nbytes);
	r.used = (int64_t *) mem;
	r.count = (int *) (mem + sizeof(int64_t) * (size_t) p->m * p->D);
	r.head = r.count + nlo + 1;
	r.next = r.head + p->m;
	r.prev = r.next + p->n;
	r.item_in = (unsigned char *) (r.prev + p->n);
	r.bin_in = r.item_in + (size_t) nlo * p->n;
	for (i = 0; i < p->m; i++)
		r.head[i] = -1;
	for (i = 0; i < p->n; i++)
	{
		r.prev[i] = r.next[i] = -1;
		link(&r, i, -1, bin[i]);
	}
	for (i = 0; i < p->n; i++)
		if (bin[i] >= 0)
			for (k = 0; k < p->D; k++)
				r.used[(size_t) bin[i] * p->D + k] += p->demand[(size_t) i * p->D + k];
	for (c = 0; c < nlo; c++)
	{
		for (x = 0; x < lo[c].nitems; x++)
			r.item_in[(size_t) c * p->n + lo[c].items[x]] = 1;
		for (x = 0; x < lo[c].nbins; x++)
			r.bin_in[(size_t) c * p->m + lo[c].bins[x]] = 1;
		for (i = 0; i < p->n; i++)
			if (bin[i] >= 0 && r.item_in[(size_t) c * p->n + i] &&
				r.bin_in[(size_t) c * p->m + bin[i]])
				r.count[c]++;
	}
	/* each move raises one short count and lowers none below its minimum */
	do
	{
		progress = 0;
		for (c = 0; c < nlo; c++)
			while (r.count[c] < lo[c].min && repair_one(&r, c))
				progress = 1;
	} while (progress);
	improve(&r, 20);
	for (c = 0; c < nlo; c++)
		shortfall[c] = r.count[c] < lo[c].min ? lo[c].min - r.count[c] : 0;
	env->release(env->ctx, mem);
	return ASSIGN_OK;
}
