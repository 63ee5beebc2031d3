/*
 * test_assign.c: unit tests of the solver (src/core/assign*.c): feasibility, the bound,
 * optimality against exhaustive search on tiny instances, determinism,
 * forbidden pairs, validation, interrupts and the time limit.
 */
#include "assign.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver_env.h"

/* items in bins of a lower constraint */
static int
lower_count(const assign_lower *L, const int *bin)
{
	int			x, y, c = 0;

	for (x = 0; x < L->nitems; x++)
		for (y = 0; y < L->nbins; y++)
			c += bin[L->items[x]] == L->bins[y];
	return c;
}

/* exhaustive optimum over (m+1)^n assignments, meeting the lower constraint
 * L if not NULL; -1 if none meets it */
static double
brute_lower(const assign_problem *p, const assign_lower *L)
{
	int			n = p->n, m = p->m, i, bin[64];
	double		best = -1;

	for (i = 0; i < n; i++)
		bin[i] = -1;
	for (;;)
	{
		if (assign_is_feasible(p, bin) && (!L || lower_count(L, bin) >= L->min))
		{
			double		v = assign_objective(p, bin);

			if (v > best)
				best = v;
		}
		for (i = 0; i < n; i++)
		{
			if (++bin[i] < m)
				break;
			bin[i] = -1;
		}
		if (i == n)
			break;
	}
	return best;
}

static double
brute(const assign_problem *p)
{
	return brute_lower(p, NULL);
}

typedef struct inst
{
	assign_problem p;
	int32_t		dem[64], cap[64];
	double		score[256];
} inst;

static void
random_inst(inst *x, int n, int m, int D, int forbid_pct)
{
	int			i;

	x->p.n = n;
	x->p.m = m;
	x->p.D = D;
	for (i = 0; i < n * D; i++)
		x->dem[i] = (int32_t) (i % D == 0 ? 1 + rnd(6) : rnd(2));
	for (i = 0; i < m * D; i++)
		x->cap[i] = (int32_t) (i % D == 0 ? 2 + rnd(9) : rnd(3));
	for (i = 0; i < n * m; i++)
		x->score[i] = (int) rnd(100) < forbid_pct ? -INFINITY : 1.0 + rnd(1000) / 10.0;
	x->p.demand = x->dem;
	x->p.capacity = x->cap;
	x->p.score = x->score;
}

/*
 * Lower limits (assign_repair_lower) on random tiny instances against
 * exhaustive search: capacities and forbidden pairs hold, the shortfall is
 * exact, a limit some assignment meets is met in most trials, and the
 * objective is near the constrained optimum.
 */
static void
test_lower(void)
{
	inst		x;
	int			bin[64], items[8], bins[4], t, trials = 300, feasible = 1,
				exact = 1, attainable = 0, met = 0;
	double		sum_opt = 0, sum_got = 0;
	assign_options o = {7, 0};
	assign_stats st;

	for (t = 0; t < trials; t++)
	{
		int			n = 2 + rnd(6), m = 2 + rnd(2), D = 1 + rnd(2), i, sf;
		assign_lower L;
		double		opt;

		random_inst(&x, n, m, D, 20);
		L.nitems = 0;
		for (i = 0; i < n; i++)
			if (rnd(2))
				items[L.nitems++] = i;
		if (L.nitems == 0)
			items[L.nitems++] = 0;
		bins[0] = (int) rnd(m);
		L.items = items;
		L.nbins = 1;
		L.bins = bins;
		L.min = 1 + (int) rnd(L.nitems);
		assign_solve(&x.p, &o, &env, bin, &st, NULL);
		if (assign_repair_lower(&x.p, &L, 1, &env, bin, &sf) != ASSIGN_OK)
			feasible = 0;
		for (i = 0; i < n; i++)
			if (bin[i] >= 0 && x.score[i * m + bin[i]] == -INFINITY)
				feasible = 0;
		if (!assign_is_feasible(&x.p, bin))
			feasible = 0;
		if (sf != (lower_count(&L, bin) < L.min ? L.min - lower_count(&L, bin) : 0))
			exact = 0;
		opt = brute_lower(&x.p, &L);
		if (opt >= 0)
		{
			attainable++;
			if (sf == 0)
			{
				met++;
				sum_opt += opt;
				sum_got += assign_objective(&x.p, bin);
			}
		}
		else if (sf == 0)
			exact = 0;			/* met what nothing can meet */
	}
	ok(feasible, "lower limits: the repair keeps every capacity and forbidden pair (%d trials)", trials);
	ok(exact, "lower limits: the shortfall is exactly what is missing");
	ok(met >= attainable * 9 / 10,
	   "lower limits: met in %d of %d trials where some assignment meets them", met, attainable);
	ok(sum_got >= 0.9 * sum_opt,
	   "lower limits: %.2f %% of the constrained optimum where met", 100.0 * sum_got / (sum_opt > 0 ? sum_opt : 1));
	ok(live_bytes == 0, "memory released after the repair");
}

/*
 * One bin is a 0-1 knapsack (by dimension 0; a second dimension with room
 * for everything), whose optimum a plain DP finds: the bound must never be
 * below it, nor below the solution.  Sizes 1-8 and capacities of 40-400
 * take the knapsack bound through every path: few candidates per weight
 * kept by insertion, many by quickselect, the exact DP and (large bins) its
 * LP relaxation.  Several equal bins side by side: the bound is at most
 * their optimum with the items split, so only validity is checked there.
 */
static void
test_knapsack_bound(void)
{
	int			t, valid = 1, below = 1, near = 1, trials = 40;
	double		worst = 1.0;

	for (t = 0; t < trials; t++)
	{
		int			n = 60 + rnd(400), m = 1 + (t % 4 == 3 ? rnd(3) : 0), D = 2;
		int			cap0 = 40 + rnd(360), i, j, c;
		int32_t    *dem = malloc(sizeof(int32_t) * n * D);
		int32_t    *cap = malloc(sizeof(int32_t) * m * D);
		double	   *score = malloc(sizeof(double) * n * m);
		double	   *dp = calloc(cap0 + 1, sizeof(double));
		int		   *bin = malloc(sizeof(int) * n);
		assign_problem p = {n, m, D, dem, cap, score};
		assign_options o = {t, 0};
		assign_stats st;

		for (i = 0; i < n; i++)
		{
			dem[i * D] = 1 + rnd(8);
			dem[i * D + 1] = rnd(4) == 0;
			/* one value per item (1-4), as in the shortage instances */
			score[i * m] = 1.0 + rnd(3000) / 1000.0;
			for (j = 1; j < m; j++)
				score[i * m + j] = score[i * m];
		}
		for (j = 0; j < m; j++)
		{
			cap[j * D] = cap0;
			cap[j * D + 1] = n;
		}
		for (i = 0; i < n; i++)
			for (c = cap0; c >= dem[i * D]; c--)
				if (dp[c - dem[i * D]] + score[i * m] > dp[c])
					dp[c] = dp[c - dem[i * D]] + score[i * m];
		assign_solve(&p, &o, &env, bin, &st, NULL);
		if (m == 1 && st.bound < dp[cap0] - 1e-9)
			valid = 0;
		if (st.bound < st.objective - 1e-9 || !assign_is_feasible(&p, bin))
			below = 0;
		if (m == 1)
		{
			worst = st.objective / dp[cap0] < worst ? st.objective / dp[cap0] : worst;
			near &= st.bound <= dp[cap0] * 1.005;
		}
		free(dem);
		free(cap);
		free(score);
		free(dp);
		free(bin);
	}
	ok(valid, "knapsack bound: never below a single bin's exact optimum (%d trials)", trials);
	ok(below, "knapsack bound: never below the solution, every solution feasible");
	ok(near && worst >= 0.995,
	   "knapsack bound: within 0.5 %% of a single bin's optimum, solutions within 0.5 %% (worst %.4f)",
	   worst);
}

/*
 * The exact re-packing: one bin, persons and a scarce second dimension
 * (unaccompanied minors, who need both), scores 0-4 and some forbidden.
 * The table of such a bin fits, so the solution is the exact optimum of the
 * two-dimensional knapsack, which a plain DP here finds.
 */
static void
test_repack_exact(void)
{
	int			t, exact = 1, trials = 60;
	double		worst = 1.0;

	for (t = 0; t < trials; t++)
	{
		int			n = 20 + rnd(60), D = 2, i, c0, c1;
		int			cap0 = 10 + rnd(50), cap1 = 1 + rnd(5);
		int32_t    *dem = malloc(sizeof(int32_t) * n * D);
		int32_t		cap[2] = {cap0, cap1};
		double	   *score = malloc(sizeof(double) * n);
		double	   *dp = calloc((size_t) (cap0 + 1) * (cap1 + 1), sizeof(double));
		int		   *bin = malloc(sizeof(int) * n);
		assign_problem p = {n, 1, D, dem, cap, score};
		assign_options o = {t, 0};
		assign_stats st;

		for (i = 0; i < n; i++)
		{
			dem[i * D] = 1 + rnd(8);
			dem[i * D + 1] = rnd(4) == 0 ? dem[i * D] : 0;
			score[i] = rnd(10) == 0 ? -INFINITY : rnd(4000) / 1000.0;
		}
		for (i = 0; i < n; i++)
			if (score[i] != -INFINITY)
				for (c0 = cap0; c0 >= dem[i * D]; c0--)
					for (c1 = cap1; c1 >= dem[i * D + 1]; c1--)
					{
						double		v = dp[(c0 - dem[i * D]) * (cap1 + 1) + c1 - dem[i * D + 1]] + score[i];

						if (v > dp[c0 * (cap1 + 1) + c1])
							dp[c0 * (cap1 + 1) + c1] = v;
					}
		assign_solve(&p, &o, &env, bin, &st, NULL);
		if (!assign_is_feasible(&p, bin) ||
			fabs(st.objective - dp[cap0 * (cap1 + 1) + cap1]) > 1e-9)
			exact = 0;
		if (dp[cap0 * (cap1 + 1) + cap1] > 0 && st.objective / dp[cap0 * (cap1 + 1) + cap1] < worst)
			worst = st.objective / dp[cap0 * (cap1 + 1) + cap1];
		free(dem);
		free(score);
		free(dp);
		free(bin);
	}
	ok(exact, "re-packing: a bin with two binding dimensions gets its exact optimum (%d trials, worst %.4f)",
	   trials, worst);
}

/*
 * The result may not depend on what the allocator's memory held before:
 * memory handed out as all-zero bytes and as all-one bytes (NaN as a
 * double) gives the same assignment and the same bound, bit for bit.  (The
 * knapsack bound once read its dimension-0 subgradient entries unset; a NaN
 * there changed its steps, and PostgreSQL's palloc hands out used memory.)
 */
static int	fill_byte = 0;

static void *
fill_alloc(void *ctx, size_t size)
{
	void	   *p = t_alloc(ctx, size);

	if (p)
		memset(p, fill_byte, size);
	return p;
}

static void
test_dirty_memory(void)
{
	const assign_env fill_env = {fill_alloc, t_release, NULL, NULL};
	int			t, same = 1, trials = 8;

	for (t = 0; t < trials; t++)
	{
		int			n = 150 + rnd(150), m = 10 + rnd(20), D = 2, i, j;
		int32_t    *dem = malloc(sizeof(int32_t) * n * D);
		int32_t    *cap = malloc(sizeof(int32_t) * m * D);
		double	   *score = malloc(sizeof(double) * n * m);
		int		   *bin0 = malloc(sizeof(int) * n), *bin1 = malloc(sizeof(int) * n);
		assign_problem p = {n, m, D, dem, cap, score};
		assign_options o = {t, 0};
		assign_stats st0, st1;

		/* shortage: about 4 persons per household, 3 places per household */
		for (i = 0; i < n; i++)
		{
			dem[i * D] = 1 + rnd(8);
			dem[i * D + 1] = rnd(6) == 0 ? dem[i * D] : 0;
			for (j = 0; j < m; j++)
				score[i * m + j] = rnd(20) == 0 ? -INFINITY : 1.0 + rnd(3000) / 1000.0;
		}
		for (j = 0; j < m; j++)
		{
			cap[j * D] = 1 + rnd(6 * n / m);
			cap[j * D + 1] = rnd(4);
		}
		fill_byte = 0x00;
		assign_solve(&p, &o, &fill_env, bin0, &st0, NULL);
		fill_byte = 0xFF;
		assign_solve(&p, &o, &fill_env, bin1, &st1, NULL);
		if (memcmp(bin0, bin1, sizeof(int) * n) != 0 ||
			memcmp(&st0.bound, &st1.bound, sizeof(double)) != 0 ||
			memcmp(&st0.objective, &st1.objective, sizeof(double)) != 0)
			same = 0;
		free(dem);
		free(cap);
		free(score);
		free(bin0);
		free(bin1);
	}
	ok(same, "memory from the allocator filled with 0x00 or 0xFF: the same assignment and bound (%d instances)",
	   trials);
}

int
main(void)
{
	inst		x;
	int			bin[64], bin2[64], t, hits = 0, trials = 300, feasible = 1,
				bound_ok = 1, forb_ok = 1, det = 1;
	double		sum_opt = 0, sum_got = 0;
	assign_options o = {42, 0};
	assign_stats st;
	size_t		idx = 0;

	for (t = 0; t < trials; t++)
	{
		int			n = 2 + rnd(6), m = 1 + rnd(3), D = 1 + rnd(2), i;
		double		opt;

		random_inst(&x, n, m, D, 20);
		if (assign_solve(&x.p, &o, &env, bin, &st, NULL) != ASSIGN_OK)
			feasible = 0;
		opt = brute(&x.p);
		if (!assign_is_feasible(&x.p, bin))
			feasible = 0;
		if (st.bound < opt - 1e-9)
			bound_ok = 0;
		if (fabs(st.objective - assign_objective(&x.p, bin)) > 1e-9)
			feasible = 0;
		for (i = 0; i < n; i++)
			if (bin[i] >= 0 && isinf(x.score[i * m + bin[i]]))
				forb_ok = 0;
		hits += st.objective >= opt - 1e-9;
		sum_opt += opt;
		sum_got += st.objective;
		assign_solve(&x.p, &o, &env, bin2, &st, NULL);
		if (memcmp(bin, bin2, sizeof(int) * n) != 0)
			det = 0;
	}
	ok(feasible, "every solution respects every capacity dimension (%d random instances)", trials);
	ok(bound_ok, "the reported bound is never below the exhaustive optimum");
	ok(forb_ok, "forbidden pairs (-infinity) are never assigned");
	ok(hits >= trials * 95 / 100 && sum_got >= 0.995 * sum_opt,
	   "optimal on %d of %d tiny instances, %.3f%% of the optimum in total",
	   hits, trials, 100.0 * sum_got / sum_opt);
	ok(det, "the same seed gives the same assignment");
	ok(live_bytes == 0, "all working memory is released");

	/* an item too big for every bin stays out; a negative score stays out */
	{
		int32_t		dem[] = {5, 1}, cap[] = {3};
		double		score[] = {10, -1};
		assign_problem p = {2, 1, 1, dem, cap, score};

		assign_solve(&p, &o, &env, bin, &st, NULL);
		ok(bin[0] == -1 && bin[1] == -1 && st.objective == 0,
		   "an item larger than every bin and a negative-score pair stay unassigned");
	}
	/* indivisible: two items of 2 into capacity 3 -> one placed */
	{
		int32_t		dem[] = {2, 2}, cap[] = {3};
		double		score[] = {1, 1.5};
		assign_problem p = {2, 1, 1, dem, cap, score};

		assign_solve(&p, &o, &env, bin, &st, NULL);
		ok(bin[0] == -1 && bin[1] == 0 && st.objective == 1.5 && st.bound >= 1.5,
		   "items are indivisible; the better one takes the room (bound %.3f)", st.bound);
	}
	/*
	 * The LP bound is loose when items are whole: three items of 3 persons
	 * (score 3 each) and two bins of 5 hold one item each (6), while the LP
	 * places all three in fractions (9).  The knapsack bound solves each bin
	 * exactly and must prove the optimum 6.
	 */
	{
		int32_t		dem[] = {3, 3, 3}, cap[] = {5, 5};
		double		score[] = {3, 3, 3, 3, 3, 3};
		assign_problem p = {3, 2, 1, dem, cap, score};

		assign_solve(&p, &o, &env, bin, &st, NULL);
		ok(st.objective == 6 && st.bound >= 6 && st.bound < 6 + 1e-5,
		   "the knapsack bound proves the optimum where the LP bound (9) does not (bound %.6f)",
		   st.bound);
	}
	/* second dimension binds: minors only where minor places exist */
	{
		int32_t		dem[] = {1, 1, 3, 0}, cap[] = {10, 0, 10, 1};
		double		score[] = {5, 1, 4, 1};
		assign_problem p = {2, 2, 2, dem, cap, score};

		assign_solve(&p, &o, &env, bin, &st, NULL);
		ok(bin[0] == 1 && bin[1] == 0 && st.objective == 5,
		   "a second capacity dimension is respected");
	}
	/* validation */
	{
		int32_t		dem[] = {1, -1}, cap[] = {3};
		double		score[] = {1, 1};
		assign_problem p = {2, 1, 1, dem, cap, score};

		ok(assign_solve(&p, &o, &env, bin, &st, &idx) == ASSIGN_ENEGDEMAND && idx == 1,
		   "negative demand is rejected with its index");
		dem[1] = 1;
		cap[0] = -3;
		ok(assign_validate(&p, &idx) == ASSIGN_ENEGCAPACITY && idx == 0,
		   "negative capacity is rejected");
		cap[0] = 3;
		score[1] = NAN;
		ok(assign_validate(&p, &idx) == ASSIGN_EBADSCORE && idx == 1,
		   "a NaN score is rejected");
		score[1] = INFINITY;
		ok(assign_validate(&p, &idx) == ASSIGN_EBADSCORE, "an infinite score is rejected");
		p.D = 0;
		ok(assign_validate(&p, &idx) == ASSIGN_EBADSIZE, "zero dimensions are rejected");
	}
	/* empty problems */
	{
		int32_t		dem[] = {1, 1};
		assign_problem p = {2, 0, 1, dem, NULL, NULL};

		ok(assign_solve(&p, &o, &env, bin, &st, NULL) == ASSIGN_OK &&
		   bin[0] == -1 && bin[1] == -1, "no bins: every item unassigned");
	}
	/* larger instance: interrupts called, time limit honoured */
	{
		int			n = 3000, m = 300, i, j;
		int32_t    *dem = malloc(sizeof(int32_t) * n);
		int32_t    *cap = malloc(sizeof(int32_t) * m);
		double	   *score = malloc(sizeof(double) * n * m);
		int		   *b = malloc(sizeof(int) * n);
		assign_problem p = {n, m, 1, dem, cap, score};
		assign_options lim = {1, 30};
		clock_t		c0;
		double		cpu_ms;

		for (i = 0; i < n; i++)
			dem[i] = 1 + rnd(8);
		for (j = 0; j < m; j++)
			cap[j] = 10 + rnd(40);
		for (i = 0; i < n * m; i++)
			score[i] = rnd(1000) / 10.0;
		interrupts = 0;
		c0 = clock();
		assign_solve(&p, &lim, &env, b, &st, NULL);
		/* CPU time, not wall time: the test machine may be shared */
		cpu_ms = (double) (clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
		ok(interrupts > 10, "the interrupt callback is called in long loops (%d calls)", interrupts);
		ok(st.time_limited && cpu_ms < 1000 && assign_is_feasible(&p, b),
		   "a 30 ms time limit stops the search with a feasible answer (%.0f ms CPU)", cpu_ms);
		ok(live_bytes == 0, "memory released after a time-limited run");
		free(dem);
		free(cap);
		free(score);
		free(b);
	}
	test_lower();
	test_knapsack_bound();
	test_repack_exact();
	test_dirty_memory();
	return tap_done();
}
