/*
 * simulate.c: the year simulator (see simulate.h for the model).
 *
 * Each week: the arrivals join the waiting list; the items that fit in no
 * bin with room are skipped; the policy builds one assignment problem of the
 * rest and assign_solve solves it.  Bid prices come from the Lagrangian dual
 * of the LP relaxation of "waiting items + expected later arrivals over the
 * remaining capacity", minimised by a projected subgradient method warm
 * started from the previous week's prices (Ahani et al. 2024 use the duals of
 * the same LP; the least dual value seen is kept, as in assign.c).
 */
#define _POSIX_C_SOURCE 200809L

#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sim
{
	const sim_problem *p;
	const sim_options *o;
	const assign_env *env;
	int			n, m, D;
	int32_t    *rem;			/* m*D capacity left */
	int32_t    *used;			/* m*D capacity used */
	int32_t    *open;			/* m*D capacity open to this week's solve */
	int		   *bin;			/* n: bin or -1 */
	int		   *pweek;			/* n: week placed or -1 */
	int		   *wait;			/* waiting items, in arrival order */
	int			nwait;
	int		   *by_week;		/* items sorted by arrival week */
	int			wstart[SIM_WEEKS + 1];
	char	   *held;			/* n: held by the bid prices at least once */
	double	   *lam;			/* m*D prices */
	double	   *best_lam;
	double	   *load;
	double		lam0;			/* the national price of a person place */
	double		fscale;			/* forecast counts times this: what is still to come */
	int			arrived;		/* items arrived so far */
	size_t		bytes, peak;
	unsigned	tick;
} sim;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
tick(sim *s)
{
	if ((++s->tick & 63) == 0 && s->env->interrupt)
		s->env->interrupt(s->env->ctx);
}

static void *
salloc(sim *s, size_t size)
{
	void	   *ptr = s->env->alloc(s->env->ctx, size ? size : 1);

	if (ptr)
	{
		s->bytes += size;
		if (s->bytes > s->peak)
			s->peak = s->bytes;
	}
	return ptr;
}

static void
sfree(sim *s, void *ptr, size_t size)
{
	if (ptr)
	{
		s->env->release(s->env->ctx, ptr);
		s->bytes -= size;
	}
}

int
sim_run_day(const sim_problem *p, int t)
{
	return t == SIM_WEEKS - 1 ? p->year_days - 1 : 7 * t + 6;
}

static inline const int32_t *
dem(const sim *s, int i)
{
	return s->p->demand + (size_t) i * s->D;
}

/* Does item i fit in bin j within cap? */
static inline int
fits(const sim *s, int i, int j, const int32_t *cap)
{
	const int32_t *d = dem(s, i);
	int			k;

	if (s->p->score[(size_t) i * s->m + j] == -INFINITY)
		return 0;
	for (k = 0; k < s->D; k++)
		if (d[k] > cap[(size_t) j * s->D + k])
			return 0;
	return 1;
}

static int
fits_any(sim *s, int i, const int32_t *cap)
{
	int			j;

	for (j = 0; j < s->m; j++)
		if (fits(s, i, j, cap))
			return 1;
	return 0;
}

/*
 * Bid prices: minimise over lam >= 0
 *   L(lam) = sum_jk lam_jk rem_jk + sum_items w_i max(0, max_j (s_ij - lam_j . d_i))
 * (the LP bound of the waiting items, weight 1, and the forecast items of
 * later weeks, weight = expected count) by projected subgradient steps.  A
 * pair that does not fit in what is left is not allowed.
 */
typedef struct ratio_item
{
	double		ratio;			/* best score per person */
	double		persons;		/* weighted */
} ratio_item;

static int
cmp_ratio_desc(const void *a, const void *b)
{
	double		x = ((const ratio_item *) a)->ratio, y = ((const ratio_item *) b)->ratio;

	return x > y ? -1 : x < y;
}

/* The bin at which a cumulative weight cum[] reaches the fraction h / 2^32. */
static int
start_bin(const double *cum, int m, uint32_t h)
{
	double		u = cum[m - 1] * (h / 4294967296.0);
	int			lo = 0, hi = m - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int
bid_prices(sim *s, int t, const int *cand, int nc, int iterations, int warm)
{
	const sim_problem *p = s->p;
	int			m = s->m, D = s->D, it, x, j, jj, k, nr = 0;
	size_t		md = (size_t) m * D, y, sz = sizeof(ratio_item) * (size_t) (nc + p->F);
	double		best_L = INFINITY, unit = 0, room = 0, lam0 = 0, taken = 0;
	int			units = 0;
	ratio_item *ri = salloc(s, sz);
	double	   *cum;

	if (!ri)
		return -1;
	/* the forecast says how many arrive in the year and in which weeks:
	 * what is still to come is that volume less those already arrived,
	 * spread over the later weeks by the forecast's profile */
	{
		double		total = 0, later = 0;

		for (x = 0; x < p->F; x++)
		{
			total += p->weight[x];
			if (p->week[p->n + x] > t)
				later += p->weight[x];
		}
		s->fscale = later > 0 && total > s->arrived ? (total - s->arrived) / later : 0;
	}
	/*
	 * The national price of a person place first: the value per person of
	 * the marginal household when the households are taken by value per
	 * person until the person places run out (the LP's answer when every
	 * municipality is alike).  The iterations then price each municipality
	 * around it.  Also the step unit: the mean best score per unit of demand.
	 */
	for (x = 0; x < nc + p->F; x++)
	{
		int			i = x < nc ? cand[x] : p->n + (x - nc);
		double		w = x < nc ? 1.0 : p->weight[i - p->n] * s->fscale;
		double		top = 0;
		long		dsum = 0;

		if (x >= nc && (p->week[i] <= t || w <= 0))
			continue;
		tick(s);
		for (j = 0; j < m; j++)
			if (p->score[(size_t) i * m + j] > top && fits(s, i, j, s->rem))
				top = p->score[(size_t) i * m + j];
		for (k = 0; k < D; k++)
			dsum += dem(s, i)[k];
		if (dsum > 0 && top > 0)
		{
			unit += top / dsum;
			units++;
		}
		if (top > 0 && dem(s, i)[0] > 0)
		{
			ri[nr].ratio = top / dem(s, i)[0];
			ri[nr++].persons = w * dem(s, i)[0];
		}
	}
	unit = units ? unit / units : 1.0;
	for (j = 0; j < m; j++)
		room += s->rem[(size_t) j * D];
	qsort(ri, nr, sizeof(ratio_item), cmp_ratio_desc);
	for (x = 0; x < nr; x++)
	{
		taken += ri[x].persons;
		if (taken > room)
		{
			lam0 = ri[x].ratio;
			break;
		}
	}
	sfree(s, ri, sz);
	cum = salloc(s, sizeof(double) * (size_t) m);
	if (!cum)
		return -1;
	for (j = 0; j < m; j++)
		cum[j] = (j ? cum[j - 1] : 0) + (s->rem[(size_t) j * D] > 0 ? s->rem[(size_t) j * D] : 0);
	for (j = 0; j < m; j++)
	{
		double		v = s->lam[(size_t) j * D] - s->lam0 + lam0;

		s->lam[(size_t) j * D] = warm && v > 0 ? v : lam0;
	}
	s->lam0 = lam0;

	for (it = 0; it < iterations; it++)
	{
		double		L = 0, eta;

		memset(s->load, 0, sizeof(double) * md);
		for (y = 0; y < md; y++)
			L += s->lam[y] * s->rem[y];
		for (x = 0; x < nc + p->F; x++)
		{
			int			i = x < nc ? cand[x] : p->n + (x - nc);
			double		w = x < nc ? 1.0 : p->weight[i - p->n] * s->fscale;
			const int32_t *d = dem(s, i);
			const double *si = p->score + (size_t) i * m;
			double		best = 0;
			int			bj = -1;

			if (x >= nc && (p->week[i] <= t || w <= 0))
				continue;
			tick(s);
			/* equal scores (no ties anywhere) would all pick the same bin:
			 * each item starts its scan at a bin of its own, drawn in
			 * proportion to the person places left, so that indifferent
			 * items spread as the LP would spread them */
			for (jj = 0, j = start_bin(cum, m, (uint32_t) i * 2654435761u); jj < m;
				 jj++, j = j + 1 == m ? 0 : j + 1)
			{
				double		v = si[j];
				const double *lj = s->lam + (size_t) j * D;
				const int32_t *rj = s->rem + (size_t) j * D;

				if (v <= best)
					continue;	/* prices only lower it */
				for (k = 0; k < D && v > best; k++)
				{
					if (d[k] > rj[k])
						v = -INFINITY;
					else
						v -= lj[k] * d[k];
				}
				if (v > best)
				{
					best = v;
					bj = j;
				}
			}
			if (bj >= 0)
			{
				L += w * best;
				for (k = 0; k < D; k++)
					s->load[(size_t) bj * D + k] += w * d[k];
			}
		}
		if (L < best_L)
		{
			best_L = L;
			memcpy(s->best_lam, s->lam, sizeof(double) * md);
		}
		/* steps of at most eta per unit, up for excess demand, down for
		 * spare room, shrinking (less from a warm start) */
		eta = 0.05 * unit / sqrt(it + (warm ? 10.0 : 1.0));
		for (y = 0; y < md; y++)
		{
			double		g = s->load[y] - s->rem[y];
			double		scale = s->load[y] > s->rem[y] ? s->load[y] : s->rem[y];
			double		v = s->lam[y] + eta * g / (scale > 1 ? scale : 1);

			s->lam[y] = v > 0 ? v : 0;
		}
	}
	memcpy(s->lam, s->best_lam, sizeof(double) * md);
	sfree(s, cum, sizeof(double) * (size_t) m);
	return 0;
}

static void
place(sim *s, int i, int j, int t, sim_result *r, double *waits, int *nwaits)
{
	const sim_problem *p = s->p;
	const int32_t *d = dem(s, i);
	int			k, waited;

	s->bin[i] = j;
	s->pweek[i] = t;
	for (k = 0; k < s->D; k++)
	{
		s->rem[(size_t) j * s->D + k] -= d[k];
		s->used[(size_t) j * s->D + k] += d[k];
	}
	waited = sim_run_day(p, t) - p->permit_day[i];
	if (waited < 0)
		waited = 0;
	r->objective += p->score[(size_t) i * s->m + j]
		- s->o->delay_cost * p->persons[i] * (t - p->week[i]);
	r->delay_total += s->o->delay_cost * p->persons[i] * (t - p->week[i]);
	r->placed++;
	if (s->held[i])
		r->held_placed++;
	if (waited <= p->target_days[i])
		r->within_target++;
	waits[(*nwaits)++] = waited;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/*
 * One week's assignment of the candidates to the open capacity.  Scores are
 * reduced by the prices (bid price) or raised by the waiting priority
 * (myopic, balanced).  Returns an assign_error.
 */
static assign_error
week_solve(sim *s, int t, const int *cand, int nc, int priced, sim_result *r,
		   double *waits, int *nwaits)
{
	const sim_problem *p = s->p;
	const sim_options *o = s->o;
	int			m = s->m, D = s->D, x, j, k, ns = 0;
	assign_problem sub;
	assign_stats st;
	assign_error e;
	size_t		idx, sz_d = sizeof(int32_t) * (size_t) nc * D,
				sz_s = sizeof(double) * (size_t) nc * m, sz_b = sizeof(int) * (size_t) nc * 2;
	int32_t    *sd;
	double	   *ss;
	int		   *sb;

	if (nc == 0)
		return ASSIGN_OK;
	sd = salloc(s, sz_d);
	ss = salloc(s, sz_s);
	sb = salloc(s, sz_b);
	if (!sd || !ss || !sb)
	{
		sfree(s, sd, sz_d);
		sfree(s, ss, sz_s);
		sfree(s, sb, sz_b);
		return ASSIGN_ENOMEM;
	}
	/* rows: the candidates with a pair worth placing (rows that fit nowhere
	 * or, under the prices, are worth nothing anywhere are left out) */
	for (x = 0; x < nc; x++)
	{
		int			i = cand[x];
		const int32_t *d = dem(s, i);
		double		bonus = 0;
		double	   *row = ss + (size_t) ns * m;
		int			any = 0;

		tick(s);
		if (!priced)
		{
			double		waited = sim_run_day(p, t) - p->permit_day[i];
			double		q = waited > 0 ? waited / p->target_days[i] : 0;

			bonus = o->w_waiting * p->persons[i] * (q < o->waiting_cap ? q : o->waiting_cap);
		}
		for (j = 0; j < m; j++)
		{
			double		v = p->score[(size_t) i * m + j];

			if (v != -INFINITY && !fits(s, i, j, s->open))
				v = -INFINITY;
			if (v != -INFINITY && priced)
			{
				for (k = 0; k < D; k++)
					v -= s->lam[(size_t) j * D + k] * d[k];
				if (v <= 1e-12)
					v = -INFINITY;	/* worth more to the expected arrivals */
			}
			else if (v != -INFINITY)
				v += bonus;
			row[j] = v;
			any |= v != -INFINITY;
		}
		if (any)
		{
			memcpy(sd + (size_t) ns * D, d, sizeof(int32_t) * D);
			sb[ns] = x;			/* the candidate of the row, until solved */
			ns++;
		}
	}
	if (ns == 0)
		e = ASSIGN_OK;
	else
	{
		int		   *rowcand = sb + nc;

		memcpy(rowcand, sb, sizeof(int) * ns);
		sub.n = ns;
		sub.m = m;
		sub.D = D;
		sub.demand = sd;
		sub.capacity = s->open;
		sub.score = ss;
		e = assign_solve(&sub, &o->solver, s->env, sb, &st, &idx);
		if (st.work_bytes + s->bytes > s->peak)
			s->peak = st.work_bytes + s->bytes;
		if (e == ASSIGN_OK)
			for (x = 0; x < ns; x++)
				if (sb[x] >= 0)
					place(s, cand[rowcand[x]], sb[x], t, r, waits, nwaits);
	}
	sfree(s, sd, sz_d);
	sfree(s, ss, sz_s);
	sfree(s, sb, sz_b);
	return e;
}

/* The checks sim_run and sim_bid_prices share: sizes, weeks, forecast
 * counts, and the assignment data. */
static sim_error
validate_common(const sim_problem *p, size_t *idx)
{
	assign_problem ap;
	int			i;

	if (p->n < 0 || p->F < 0 || p->m < 0 || p->D < 1 || p->D > ASSIGN_MAX_DIMS ||
		(long) p->n + p->F > 1000000000L / (p->m > 0 ? p->m : 1))
		return SIM_EBADSIZE;
	for (i = 0; i < p->n + p->F; i++)
		if (p->week[i] < 0 || p->week[i] >= SIM_WEEKS)
		{
			*idx = i;
			return SIM_EBADWEEK;
		}
	for (i = 0; i < p->F; i++)
		if (!(p->weight[i] >= 0) || isinf(p->weight[i]))
		{
			*idx = i;
			return SIM_EBADWEIGHT;
		}
	ap.n = p->n + p->F;
	ap.m = p->m;
	ap.D = p->D;
	ap.demand = p->demand;
	ap.capacity = p->capacity;
	ap.score = p->score;
	if (assign_validate(&ap, idx) != ASSIGN_OK)
		return SIM_EBADVALUE;
	return SIM_OK;
}

static sim_error
validate(const sim_problem *p, size_t *idx)
{
	int			i;

	if (p->year_days < 365 || p->year_days > 366)
		return SIM_EBADSIZE;
	for (i = 0; i < p->n; i++)
		if (p->target_days[i] < 1 || p->persons[i] < 0)
		{
			*idx = i;
			return SIM_EBADSIZE;
		}
	return validate_common(p, idx);
}

sim_error
sim_bid_prices(const sim_problem *p, int t, int arrived, int iterations,
			   const assign_env *env, double *lam_out, double *margin_out,
			   size_t *err_index)
{
	sim			s;
	sim_error	e;
	int			n = p->n, m = p->m, D = p->D, i, j, k, nc = 0;
	size_t		md = (size_t) m * D, idx = 0;
	int		   *cand;

	e = validate_common(p, &idx);
	if (err_index)
		*err_index = idx;
	if (e != SIM_OK)
		return e;
	if (t < 0 || t >= SIM_WEEKS || iterations < 1)
		return SIM_EBADSIZE;
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.env = env;
	s.n = n;
	s.m = m;
	s.D = D;
	s.arrived = arrived;
	s.rem = salloc(&s, sizeof(int32_t) * md);
	s.lam = salloc(&s, sizeof(double) * md);
	s.best_lam = salloc(&s, sizeof(double) * md);
	s.load = salloc(&s, sizeof(double) * md);
	cand = salloc(&s, sizeof(int) * (size_t) n);
	e = SIM_ENOMEM;
	if (s.rem && s.lam && s.best_lam && s.load && cand)
	{
		memcpy(s.rem, p->capacity, sizeof(int32_t) * md);
		memset(s.lam, 0, sizeof(double) * md);
		for (i = 0; i < n; i++)
		{
			tick(&s);
			if (fits_any(&s, i, s.rem))
				cand[nc++] = i;
		}
		if (bid_prices(&s, t, cand, nc, iterations, 0) == 0)
		{
			memcpy(lam_out, s.lam, sizeof(double) * md);
			for (i = 0; margin_out && i < n; i++)
			{
				double		best = NAN;

				tick(&s);
				for (j = 0; j < m; j++)
				{
					double		v = p->score[(size_t) i * m + j];

					if (!fits(&s, i, j, s.rem))
						continue;
					for (k = 0; k < D; k++)
						v -= s.lam[(size_t) j * D + k] * dem(&s, i)[k];
					if (isnan(best) || v > best)
						best = v;
				}
				margin_out[i] = best;
			}
			e = SIM_OK;
		}
	}
	sfree(&s, s.rem, sizeof(int32_t) * md);
	sfree(&s, s.lam, sizeof(double) * md);
	sfree(&s, s.best_lam, sizeof(double) * md);
	sfree(&s, s.load, sizeof(double) * md);
	sfree(&s, cand, sizeof(int) * (size_t) n);
	return e;
}

sim_error
sim_run(const sim_problem *p, const sim_options *o, const assign_env *env,
		int *bin_out, int *week_out, double *price_out, sim_result *r,
		size_t *err_index)
{
	sim			s;
	sim_error	e;
	int			n = p->n, m = p->m, D = p->D, i, t, x;
	size_t		md = (size_t) m * D, y;
	double		t0 = now_ms();
	clock_t		c0 = clock();
	double	   *waits = NULL, *price_sum = NULL;
	int		   *cand = NULL;
	int			arrived = 0, priced_weeks = 0;
	size_t		idx = 0;

	memset(r, 0, sizeof(*r));
	e = validate(p, &idx);
	if (err_index)
		*err_index = idx;
	if (e != SIM_OK)
		return e;
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.o = o;
	s.env = env;
	s.n = n;
	s.m = m;
	s.D = D;

#define ALLOC(ptr, type, count) \
	do { (ptr) = (type *) salloc(&s, sizeof(type) * (size_t) (count)); \
		 if (!(ptr)) goto nomem; } while (0)

	ALLOC(s.rem, int32_t, md);
	ALLOC(s.used, int32_t, md);
	ALLOC(s.open, int32_t, md);
	ALLOC(s.bin, int, n);
	ALLOC(s.pweek, int, n);
	ALLOC(s.wait, int, n);
	ALLOC(s.by_week, int, n);
	ALLOC(s.held, char, n);
	ALLOC(s.lam, double, md);
	ALLOC(s.best_lam, double, md);
	ALLOC(s.load, double, md);
	ALLOC(waits, double, n);
	ALLOC(cand, int, n);
	ALLOC(price_sum, double, m);
	memcpy(s.rem, p->capacity, sizeof(int32_t) * md);
	memset(s.used, 0, sizeof(int32_t) * md);
	memset(s.lam, 0, sizeof(double) * md);
	memset(s.held, 0, n);
	memset(price_sum, 0, sizeof(double) * m);
	/* bucket the items by arrival week (stable: arrival order within a week) */
	memset(s.wstart, 0, sizeof(s.wstart));
	for (i = 0; i < n; i++)
		s.wstart[p->week[i] + 1]++;
	for (t = 0; t < SIM_WEEKS; t++)
		s.wstart[t + 1] += s.wstart[t];
	{
		int			fill[SIM_WEEKS];

		memcpy(fill, s.wstart, sizeof(fill));
		for (i = 0; i < n; i++)
		{
			s.by_week[fill[p->week[i]]++] = i;
			s.bin[i] = -1;
			s.pweek[i] = -1;
		}
	}

	for (t = 0; t < SIM_WEEKS; t++)
	{
		sim_week   *w = &r->weeks[t];
		int			nc = 0, nwaits = 0, k, last = t == SIM_WEEKS - 1;
		int			priced = o->policy == SIM_BID_PRICE && !last;
		assign_error ae;

		for (x = s.wstart[t]; x < s.wstart[t + 1]; x++)
			s.wait[s.nwait++] = s.by_week[x];
		w->arrived = s.wstart[t + 1] - s.wstart[t];
		arrived += w->arrived;
		s.arrived = arrived;

		/* the capacity open to this week */
		for (y = 0; y < md; y++)
		{
			int32_t		v = s.rem[y];

			if (o->policy == SIM_BALANCED && !last)
			{
				double		pace = ceil((double) p->capacity[y] * (t + 1) / SIM_WEEKS);
				double		left = pace - s.used[y];

				if (left < v)
					v = left > 0 ? (int32_t) left : 0;
			}
			s.open[y] = v;
		}
		for (x = 0; x < s.nwait; x++)
		{
			tick(&s);
			if (fits_any(&s, s.wait[x], s.open))
				cand[nc++] = s.wait[x];
		}
		if (priced && nc > 0)
		{
			int			iters = o->price_iterations > 0 ? o->price_iterations : 60;

			if (bid_prices(&s, t, cand, nc, priced_weeks == 0 ? iters : (iters + 2) / 3,
						   priced_weeks > 0) != 0)
				goto nomem;
			for (k = 0; k < m; k++)
				price_sum[k] += s.lam[(size_t) k * D];
			priced_weeks++;
		}
		ae = week_solve(&s, t, cand, nc, priced, r, waits, &nwaits);
		if (ae == ASSIGN_ENOMEM)
			goto nomem;
		if (ae != ASSIGN_OK)
		{
			e = SIM_EBADVALUE;
			goto fail;
		}
		if (priced)
			for (x = 0; x < nc; x++)
				if (s.bin[cand[x]] < 0)
				{
					r->held_item_weeks++;
					if (!s.held[cand[x]])
						r->held_items++;
					s.held[cand[x]] = 1;
				}
		/* drop the placed from the waiting list, keeping the order */
		k = 0;
		for (x = 0; x < s.nwait; x++)
			if (s.bin[s.wait[x]] < 0)
				s.wait[k++] = s.wait[x];
		s.nwait = k;

		w->placed = nwaits;
		w->waiting = s.nwait;
		w->objective = r->objective;
		w->within_target = arrived > 0 ? (double) r->within_target / arrived : 0;
		if (nwaits > 0)
		{
			qsort(waits, nwaits, sizeof(double), cmp_double);
			w->median_wait_days = nwaits % 2 ? waits[nwaits / 2]
				: (waits[nwaits / 2 - 1] + waits[nwaits / 2]) / 2;
		}
		else
			w->median_wait_days = NAN;
	}

	if (o->hindsight && n > 0 && m > 0)
	{
		assign_problem hp;
		assign_stats st;
		assign_error ae;
		int		   *hb;

		ALLOC(hb, int, n);
		hp.n = n;
		hp.m = m;
		hp.D = D;
		hp.demand = p->demand;
		hp.capacity = p->capacity;
		hp.score = p->score;
		ae = assign_solve(&hp, &o->solver, env, hb, &st, &idx);
		if (ae == ASSIGN_ENOMEM)
			goto nomem;
		if (s.bytes + st.work_bytes > s.peak)
			s.peak = s.bytes + st.work_bytes;
		for (i = 0; i < n; i++)
			if (hb[i] >= 0)
				r->hindsight_weeks[p->week[i]] += p->score[(size_t) i * m + hb[i]];
		for (t = 1; t < SIM_WEEKS; t++)
			r->hindsight_weeks[t] += r->hindsight_weeks[t - 1];
		r->hindsight = st.objective;
		r->hindsight_bound = st.bound;
		r->hindsight_placed = st.assigned;
		sfree(&s, hb, sizeof(int) * (size_t) n);
	}

	for (i = 0; i < n; i++)
	{
		bin_out[i] = s.bin[i];
		if (week_out)
			week_out[i] = s.pweek[i];
	}
	if (price_out)
		for (x = 0; x < m; x++)
			price_out[x] = priced_weeks ? price_sum[x] / priced_weeks : 0;
	r->work_bytes = s.peak;
	r->elapsed_ms = now_ms() - t0;
	r->cpu_ms = (double) (clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
	e = SIM_OK;
	goto done;

nomem:
	e = SIM_ENOMEM;
fail:
	for (i = 0; i < n; i++)
		bin_out[i] = -1;
done:
	sfree(&s, s.rem, sizeof(int32_t) * md);
	sfree(&s, s.used, sizeof(int32_t) * md);
	sfree(&s, s.open, sizeof(int32_t) * md);
	sfree(&s, s.bin, sizeof(int) * n);
	sfree(&s, s.pweek, sizeof(int) * n);
	sfree(&s, s.wait, sizeof(int) * n);
	sfree(&s, s.by_week, sizeof(int) * n);
	sfree(&s, s.held, n);
	sfree(&s, s.lam, sizeof(double) * md);
	sfree(&s, s.best_lam, sizeof(double) * md);
	sfree(&s, s.load, sizeof(double) * md);
	sfree(&s, waits, sizeof(double) * n);
	sfree(&s, cand, sizeof(int) * n);
	sfree(&s, price_sum, sizeof(double) * m);
	return e;
#undef ALLOC
}
