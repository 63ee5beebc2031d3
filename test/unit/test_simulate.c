/*
 * test_simulate.c: unit tests of src/core/simulate.c: validation, the three
 * policies on instances whose answer is known, feasibility and the hindsight
 * bound on random years, determinism, interrupts and memory.
 */
#include "simulate.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver_env.h"

/* A problem with its arrays, filled by the tests. */
typedef struct inst
{
	sim_problem p;
	int32_t    *demand, *capacity;
	double	   *score, *weight;
	int		   *week, *permit_day, *target_days, *persons;
} inst;

static void
inst_init(inst *x, int n, int F, int m, int D)
{
	int			i;

	memset(x, 0, sizeof(*x));
	x->demand = calloc((size_t) (n + F) * D + 1, sizeof(int32_t));
	x->capacity = calloc((size_t) m * D + 1, sizeof(int32_t));
	x->score = calloc((size_t) (n + F) * m + 1, sizeof(double));
	x->weight = calloc(F + 1, sizeof(double));
	x->week = calloc(n + F + 1, sizeof(int));
	x->permit_day = calloc(n + 1, sizeof(int));
	x->target_days = calloc(n + 1, sizeof(int));
	x->persons = calloc(n + 1, sizeof(int));
	for (i = 0; i < n; i++)
		x->target_days[i] = 183;
	x->p.n = n;
	x->p.F = F;
	x->p.m = m;
	x->p.D = D;
	x->p.demand = x->demand;
	x->p.capacity = x->capacity;
	x->p.score = x->score;
	x->p.weight = x->weight;
	x->p.week = x->week;
	x->p.permit_day = x->permit_day;
	x->p.target_days = x->target_days;
	x->p.persons = x->persons;
	x->p.year_days = 365;
}

static void
inst_free(inst *x)
{
	free(x->demand);
	free(x->capacity);
	free(x->score);
	free(x->weight);
	free(x->week);
	free(x->permit_day);
	free(x->target_days);
	free(x->persons);
}

static void
arrive(inst *x, int i, int week, int persons)
{
	x->week[i] = week;
	x->permit_day[i] = 7 * week + 3;
	x->persons[i] = persons;
	x->demand[(size_t) i * x->p.D] = persons;
}

static sim_options
opts(sim_policy policy)
{
	sim_options o;

	memset(&o, 0, sizeof(o));
	o.policy = policy;
	o.delay_cost = 0.01;
	o.w_waiting = 1.0;
	o.waiting_cap = 2.0;
	o.price_iterations = 60;
	o.hindsight = 1;
	o.solver.seed = 1;
	return o;
}

static sim_error
run(inst *x, sim_policy policy, int *bin, int *week, sim_result *r)
{
	sim_options o = opts(policy);
	size_t		idx;

	return sim_run(&x->p, &o, &env, bin, week, NULL, r, &idx);
}

/* One place, a household now worth 1 there and one in week 10 worth 3. */
static void
test_hold_for_later(void)
{
	inst		x;
	int			bin[2], week[2];
	sim_result	r;

	inst_init(&x, 2, 1, 1, 1);
	x.capacity[0] = 1;
	arrive(&x, 0, 0, 1);
	arrive(&x, 1, 10, 1);
	x.score[0] = 1;
	x.score[1] = 3;
	/* the forecast: two households in the year, the later one like the
	 * second, expected in week 10 (the first has arrived by week 0) */
	x.demand[2] = 1;
	x.score[2] = 3;
	x.week[2] = 10;
	x.weight[0] = 2.0;

	ok(run(&x, SIM_MYOPIC, bin, week, &r) == SIM_OK && bin[0] == 0 && week[0] == 0 && bin[1] == -1,
	   "myopic places the first arrival at once (bin %d week %d) and has nothing for the second", bin[0], week[0]);
	ok(fabs(r.objective - 1) < 1e-9 && fabs(r.hindsight - 3) < 1e-9 && r.hindsight_bound >= 3 - 1e-9,
	   "myopic objective 1, hindsight 3 (got %g, %g)", r.objective, r.hindsight);
	ok(r.hindsight_weeks[9] == 0 && r.hindsight_weeks[10] == 3 && r.hindsight_weeks[51] == 3,
	   "the hindsight series places the second household in its arrival week");
	ok(run(&x, SIM_BID_PRICE, bin, week, &r) == SIM_OK && bin[0] == -1 && bin[1] == 0 && week[1] == 10,
	   "bid price holds the place for the expected arrival (bins %d %d, week %d)", bin[0], bin[1], week[1]);
	ok(fabs(r.objective - 3) < 1e-9 && r.held_items == 1 && r.held_item_weeks == 11,
	   "bid price objective 3 (%g), one household held in weeks 0-10 (%d, %ld)",
	   r.objective, r.held_items, r.held_item_weeks);
	ok(r.weeks[0].arrived == 1 && r.weeks[0].placed == 0 && r.weeks[0].waiting == 1 &&
	   r.weeks[10].placed == 1 && r.weeks[51].waiting == 1,
	   "weekly series: arrived, placed and waiting as the story goes");

	/* without the forecast the bid price policy is myopic */
	x.weight[0] = 0;
	ok(run(&x, SIM_BID_PRICE, bin, week, &r) == SIM_OK && bin[0] == 0 && week[0] == 0,
	   "with a zero forecast the bid price policy places at once");
	inst_free(&x);
}

/* sim_bid_prices alone (match_households' bid_price policy): one place, a
 * household waiting now worth 1, a forecast household in week 10 worth 3. */
static void
test_bid_prices_alone(void)
{
	inst		x;
	double		lam[2], margin[1];
	size_t		idx;
	long		before = live_bytes;

	inst_init(&x, 1, 1, 1, 1);
	x.capacity[0] = 1;
	arrive(&x, 0, 0, 1);
	x.score[0] = 1;
	x.demand[1] = 1;
	x.score[1] = 3;
	x.week[1] = 10;
	x.weight[0] = 2.0;
	ok(sim_bid_prices(&x.p, 0, 1, 60, &env, lam, margin, &idx) == SIM_OK
	   && lam[0] >= 1 && lam[0] <= 3 + 1e-9 && margin[0] <= 1e-12,
	   "the place is priced above the waiting household's score (price %g, margin %g): held back",
	   lam[0], margin[0]);
	ok(sim_bid_prices(&x.p, 10, 1, 60, &env, lam, margin, &idx) == SIM_OK
	   && lam[0] < 1 && margin[0] > 0,
	   "in week 10 the forecast household is no longer to come: price %g, margin %g", lam[0], margin[0]);
	x.weight[0] = 0;
	ok(sim_bid_prices(&x.p, 0, 1, 60, &env, lam, margin, &idx) == SIM_OK && lam[0] < 1 && margin[0] > 0,
	   "without a forecast nothing is held (price %g)", lam[0]);
	x.capacity[0] = 0;
	ok(sim_bid_prices(&x.p, 0, 1, 60, &env, lam, margin, &idx) == SIM_OK && isnan(margin[0]),
	   "a household that fits nowhere has no margin");
	x.weight[0] = -1;
	ok(sim_bid_prices(&x.p, 0, 1, 60, &env, lam, margin, &idx) == SIM_EBADWEIGHT && idx == 0,
	   "a negative forecast count is refused");
	x.weight[0] = 1;
	ok(sim_bid_prices(&x.p, 52, 1, 60, &env, lam, margin, &idx) == SIM_EBADSIZE,
	   "a week outside the year is refused");
	ok(live_bytes == before, "sim_bid_prices frees what it allocates");
	inst_free(&x);
}

/* 52 one-person households in week 0, one bin of 52: balanced places one a week. */
static void
test_balanced(void)
{
	inst		x;
	int			bin[52], week[52], i, steady = 1;
	sim_result	r, rm;

	inst_init(&x, 52, 0, 1, 1);
	x.capacity[0] = 52;
	for (i = 0; i < 52; i++)
	{
		arrive(&x, i, 0, 1);
		x.score[i] = 1;
	}
	ok(run(&x, SIM_MYOPIC, bin, week, &rm) == SIM_OK && rm.weeks[0].placed == 52,
	   "myopic places all 52 in week 0");
	ok(run(&x, SIM_BALANCED, bin, week, &r) == SIM_OK && r.placed == 52,
	   "balanced places all 52 by the end of the year");
	for (i = 0; i < 52; i++)
		steady &= r.weeks[i].placed == 1;
	ok(steady, "balanced places one a week");
	ok(fabs(rm.objective - r.objective - 0.01 * (51 * 52 / 2)) < 1e-6,
	   "the loss of balancing is the delay cost (%g vs %g)", rm.objective, r.objective);
	ok(r.weeks[51].within_target < 1 && r.weeks[51].within_target > 0.45 && rm.weeks[51].within_target == 1,
	   "within target: all for myopic, about half for balanced (%g)", r.weeks[51].within_target);
	ok(rm.weeks[0].median_wait_days == 3 && isnan(rm.weeks[1].median_wait_days),
	   "median wait: 3 days in week 0 (permit on day 3, match on day 6), none placed in week 1");
	inst_free(&x);
}

/* Random years: feasible, placed after arrival, at most the bound. */
static void
test_random_years(void)
{
	int			trial, all_ok = 1, order_ok = 1, bound_ok = 1, sums_ok = 1, better = 0;
	long		before = live_bytes;

	for (trial = 0; trial < 12; trial++)
	{
		int			n = 40 + rnd(80), F = 30, m = 3 + rnd(6), D = 2, i, j, t;
		inst		x;
		int		   *bin = malloc(sizeof(int) * n), *week = malloc(sizeof(int) * n);
		double		obj[3];
		sim_policy	pol;

		inst_init(&x, n + 0, F, m, D);
		for (j = 0; j < m; j++)
		{
			x.capacity[j * D] = 5 + rnd(30);
			x.capacity[j * D + 1] = rnd(3);
		}
		for (i = 0; i < n + F; i++)
		{
			int			persons = 1 + rnd(5), minor = rnd(10) == 0;

			if (i < n)
				arrive(&x, i, rnd(52), minor ? 1 : persons);
			else
			{
				x.week[i] = rnd(52);
				x.weight[i - n] = (double) n / F;
				x.demand[(size_t) i * D] = minor ? 1 : persons;
			}
			x.demand[(size_t) i * D + 1] = minor;
			for (j = 0; j < m; j++)
				x.score[(size_t) i * m + j] = rnd(8) == 0 ? -INFINITY
					: (minor ? 1 : persons) + (rnd(5) == 0 ? 2.0 : 0) + rnd(10) / 20.0;
		}
		for (pol = SIM_MYOPIC; pol <= SIM_BALANCED; pol++)
		{
			sim_result	r;
			sim_options o = opts(pol);
			size_t		idx;
			int		   *used = calloc((size_t) m * D, sizeof(int));
			int			placed = 0, sum = 0;

			all_ok &= sim_run(&x.p, &o, &env, bin, week, NULL, &r, &idx) == SIM_OK;
			for (i = 0; i < n; i++)
				if (bin[i] >= 0)
				{
					placed++;
					order_ok &= week[i] >= x.week[i];
					order_ok &= x.score[(size_t) i * m + bin[i]] != -INFINITY;
					used[bin[i] * D] += x.demand[(size_t) i * D];
					used[bin[i] * D + 1] += x.demand[(size_t) i * D + 1];
				}
			for (j = 0; j < m * D; j++)
				all_ok &= used[j] <= x.capacity[j];
			for (t = 0; t < 52; t++)
				sum += r.weeks[t].placed;
			sums_ok &= sum == placed && placed == r.placed && r.weeks[51].waiting == n - placed;
			bound_ok &= r.objective <= r.hindsight_bound + 1e-9 && r.hindsight <= r.hindsight_bound + 1e-9;
			obj[pol] = r.objective;
			free(used);
		}
		better += obj[SIM_BID_PRICE] >= obj[SIM_MYOPIC] - 1e-9;
		free(bin);
		free(week);
		inst_free(&x);
	}
	ok(all_ok, "random years: every policy runs and keeps within capacity");
	ok(order_ok, "random years: nobody is placed before arriving or in a forbidden bin");
	ok(sums_ok, "random years: the weekly placed sum to the total, the rest wait at the end");
	ok(bound_ok, "random years: no policy beats the hindsight bound");
	ok(better >= 8, "random years: bid price at least as good as myopic in %d of 12", better);
	ok(live_bytes == before, "all working memory is released (%ld bytes left)", live_bytes - before);
}

static void
test_validation(void)
{
	inst		x;
	int			bin[2];
	sim_result	r;
	sim_options o = opts(SIM_MYOPIC);
	size_t		idx = 99;

	inst_init(&x, 2, 1, 1, 1);
	x.capacity[0] = 1;
	arrive(&x, 0, 0, 1);
	arrive(&x, 1, 52, 1);
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_EBADWEEK && idx == 1,
	   "week 52 is refused, naming the item");
	x.week[1] = 3;
	x.weight[0] = -1;
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_EBADWEIGHT && idx == 0,
	   "a negative forecast count is refused");
	x.weight[0] = 1;
	x.score[1] = NAN;
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_EBADVALUE,
	   "a NaN score is refused");
	x.score[1] = 0;
	x.capacity[0] = -1;
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_EBADVALUE,
	   "a negative capacity is refused");
	x.capacity[0] = 1;
	x.p.D = 0;
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_EBADSIZE,
	   "zero dimensions is refused");
	x.p.D = 1;
	x.p.n = 0;
	x.p.F = 0;
	ok(sim_run(&x.p, &o, &env, bin, NULL, NULL, &r, &idx) == SIM_OK && r.placed == 0 &&
	   r.weeks[51].waiting == 0, "an empty year runs");
	inst_free(&x);
}

static void
test_determinism_and_interrupts(void)
{
	inst		x;
	int			n = 300, m = 20, i, j, b1[300], b2[300];
	sim_result	r1, r2;
	int			before = interrupts;

	inst_init(&x, n, 50, m, 1);
	for (j = 0; j < m; j++)
		x.capacity[j] = 10 + rnd(10);
	for (i = 0; i < n + 50; i++)
	{
		if (i < n)
			arrive(&x, i, rnd(52), 1 + rnd(4));
		else
		{
			x.week[i] = rnd(52);
			x.weight[i - n] = 6;
			x.demand[i] = 1 + rnd(4);
		}
		for (j = 0; j < m; j++)
			x.score[(size_t) i * m + j] = x.demand[i] + (rnd(10) == 0 ? 2 : 0);
	}
	run(&x, SIM_BID_PRICE, b1, NULL, &r1);
	ok(interrupts > before, "the interrupt callback is called (%d times)", interrupts - before);
	run(&x, SIM_BID_PRICE, b2, NULL, &r2);
	ok(memcmp(b1, b2, sizeof(b1)) == 0 && r1.objective == r2.objective,
	   "the same input gives the same answer");
	ok(r1.objective <= r1.hindsight_bound && r1.objective / r1.hindsight_bound > 0.8,
	   "capacity short: bid price reaches %.1f %% of the hindsight bound",
	   100 * r1.objective / r1.hindsight_bound);
	inst_free(&x);
}

int
main(void)
{
	test_hold_for_later();
	test_bid_prices_alone();
	test_balanced();
	test_random_years();
	test_validation();
	test_determinism_and_interrupts();
	return tap_done();
}
