/*
 * assign.c: the driver of the assignment solver (see assign.h for the problem
 * and method, assign_int.h for the parts): normalise the scores, price the
 * capacities, bound, construct, improve, re-pack, price again, bound again
 * by knapsacks.
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>

#ifndef COORD_WORK
#define COORD_WORK 1e6
#endif
#ifndef LP_SG_STEPS
#define LP_SG_STEPS 100
#endif

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
	primal		pr;
	repack		rp;
	keyed	   *ord, *tmp;
	int		   *cand, *ncand, *order;
	void	   *allocs[MAX_ALLOCS];
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
	s.t0 = assign_now_ms();
	s.allocs = allocs;

	for (i = 0; i < n; i++)
		bin_out[i] = -1;
	if (n == 0 || m == 0)
	{
		stats->elapsed_ms = assign_now_ms() - s.t0;
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
	DBG("dual %.0f ms bound %.6f iters %d\n", DBG_MS(), bound * s.scale, iters);
	memcpy(lam, best_lam, sizeof(double) * m * D);
	{
		/*
		 * sweeps: about 1e6 price-item visits, at most 200 sweeps; none on
		 * large instances, whose time the knapsack bound uses better
		 */
		double		per = s.work_per_pass;
		int			sweeps = (int) (COORD_WORK / (per > 1 ? per : 1));

		sweeps = sweeps > 200 ? 200 : sweeps;
		bound = dual_coordinate(&s, lam, best_lam, bound, sweeps, &iters);
	}
	DBG("coord %.0f ms bound %.6f iters %d\n", DBG_MS(), bound * s.scale, iters);
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
	DBG("construct %.0f ms obj %.6f (best lam %.6f)\n", DBG_MS(), state_objective(&s, &st) * s.scale, best_obj * s.scale);
	build_candidates(&s, cand, ncand);
	passes = local_search(&s, &st, cand, ncand, order, search_passes(&s, 200));
	DBG("ls %.0f ms obj %.6f passes %d\n", DBG_MS(), state_objective(&s, &st) * s.scale, passes);
	{
		/* a work budget of about 4e7 pair visits, 20 to 3000 rounds */
		double		per = s.work_per_pass;
		int			rounds = (int) (4e7 / (per > 1 ? per : 1));

		rounds = rounds < 1 ? 1 : rounds > 3000 ? 3000 : rounds;
		stats->search_rounds = ruin_recreate(&s, &st, best.bin, cand, ncand,
											 order, ord, tmp, rounds);
	}
	DBG("rr %.0f ms obj %.6f\n", DBG_MS(), state_objective(&s, &st) * s.scale);
	if (!repack_init(&s, &rp))
		goto nomem;
	repack_sweeps(&s, &st, &rp, REPACK_SWEEPS);
	local_search(&s, &st, cand, ncand, order, search_passes(&s, 50));
	DBG("repack %.0f ms obj %.6f\n", DBG_MS(), state_objective(&s, &st) * s.scale);
	{
		/*
		 * The capacity prices once more, by LP_SG_STEPS subgradient steps
		 * against the solution now known (Polyak's rule needs one): in
		 * their m x D dimensions the LP bound falls much faster than the
		 * knapsack bound's n + m x D multipliers would take it there, and
		 * the knapsack bound starts from these prices.
		 */
		memcpy(lam, best_lam, sizeof(double) * m * D);
		bound = dual_subgradient(&s, lam, best_lam, bound, state_objective(&s, &st),
								 LP_SG_STEPS, &iters);
		if (isnan(bound))
			goto nomem;
	}
	DBG("lp subgradient %.0f ms bound %.6f\n", DBG_MS(), bound * s.scale);
	/* the knapsack bound, against the best solution, which its own
	 * heuristic may improve */
	pr.st = &st;
	pr.best = best.bin;
	memcpy(best.bin, st.bin, sizeof(int) * n);
	pr.best_obj = state_objective(&s, &st);
	pr.cand = cand;
	pr.ncand = ncand;
	pr.order = order;
	pr.ord = ord;
	pr.tmp = tmp;
	pr.rp = &rp;
	bound = knap_bound(&s, best_lam, bound, &pr, &iters);
	DBG("knap %.0f ms bound %.6f iters %d obj %.6f\n", DBG_MS(), bound * s.scale, iters, pr.best_obj * s.scale);
	if (isnan(bound))
		goto nomem;
	memcpy(bin_out, best.bin, sizeof(int) * n);

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
	stats->elapsed_ms = assign_now_ms() - s.t0;
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
