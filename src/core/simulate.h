/*
 * simulate.h: a settlement year replayed week by week, without PostgreSQL.
 *
 * Items (households) i = 0..n-1 arrive in week week[i] (0..SIM_WEEKS-1) and
 * wait until a policy places them in a bin (municipality) with room left in
 * every dimension, or until the year ends.  Placing i in j in week t is worth
 * score[i][j] (the static score of match_households: placed, ties, outcome)
 * minus delay_cost * persons[i] * (t - week[i]).  Capacity is for the whole
 * year (no schedule), so the hindsight optimum (every arrival known in
 * advance) places each item in its arrival week: it is the assignment
 * problem of all items, solved by assign_solve.
 *
 * Policies, each week after the arrivals:
 *   SIM_MYOPIC    assign the waiting items to the remaining capacity,
 *                 maximising score + waiting priority (match_households).
 *   SIM_BID_PRICE price capacity with the duals of the LP of the waiting
 *                 items plus the forecast items of later weeks (each with an
 *                 expected count) over the remaining capacity; assign the
 *                 waiting items on score minus price; an item whose every
 *                 reduced score is <= 0 waits.  The last week is myopic.
 *   SIM_BALANCED  myopic, but bin j may have used by the end of week t at
 *                 most ceil(capacity * (t + 1) / SIM_WEEKS) in each dimension
 *                 (a steady pace, Bansak and Paulson's allocation balancing).
 *
 * Forecast items f = n..n+F-1 share the demand and score arrays; they are
 * used by SIM_BID_PRICE only and never placed.
 */
#ifndef BOSETTING_SIMULATE_H
#define BOSETTING_SIMULATE_H

#include "assign.h"

#define SIM_WEEKS 52

typedef enum sim_policy
{
	SIM_MYOPIC = 0,
	SIM_BID_PRICE,
	SIM_BALANCED
} sim_policy;

typedef enum sim_error
{
	SIM_OK = 0,
	SIM_EBADSIZE,				/* n, F, m or D out of range */
	SIM_EBADWEEK,				/* week outside 0..SIM_WEEKS-1: index = item */
	SIM_EBADWEIGHT,				/* forecast count negative or not finite: index */
	SIM_EBADVALUE,				/* demand/capacity/score invalid (assign_validate) */
	SIM_ENOMEM
} sim_error;

typedef struct sim_problem
{
	int			n;				/* arriving items */
	int			F;				/* forecast items (after the n) */
	int			m;				/* bins */
	int			D;				/* dimensions */
	const int32_t *demand;		/* (n + F) * D */
	const int32_t *capacity;	/* m * D */
	const double *score;		/* (n + F) * m; -INFINITY = forbidden */
	const int  *week;			/* n + F: arrival week */
	const double *weight;		/* F: expected count of each forecast item */
	const int  *permit_day;		/* n: permit date as days from 1 January */
	const int  *target_days;	/* n: settlement target (183, or 91 for minors) */
	const int  *persons;		/* n */
	int			year_days;		/* 365 or 366 */
} sim_problem;

typedef struct sim_options
{
	sim_policy	policy;
	double		delay_cost;		/* per person and week waited */
	double		w_waiting;		/* myopic priority: w * persons * min(days/target, cap) */
	double		waiting_cap;
	int			price_iterations;	/* first week; later weeks a third (warm start) */
	int			hindsight;		/* 1: also solve the hindsight problem */
	assign_options solver;		/* seed and time limit of every assign_solve */
} sim_options;

typedef struct sim_week
{
	int			arrived;
	int			placed;
	int			waiting;		/* after the week's placements */
	double		objective;		/* so far */
	double		within_target;	/* placed within target so far / arrived so far */
	double		median_wait_days;	/* of those placed this week; NaN if none */
} sim_week;

typedef struct sim_result
{
	sim_week	weeks[SIM_WEEKS];
	double		objective;
	int			placed;
	int			within_target;	/* items placed within their target */
	double		hindsight;		/* objective of the hindsight solution */
	double		hindsight_bound;	/* its upper bound */
	double		hindsight_weeks[SIM_WEEKS];	/* its objective so far, each placed on arrival */
	int			hindsight_placed;
	long		held_item_weeks;	/* bid price: an item fitted but waited */
	int			held_items;		/* distinct items held at least one week */
	int			held_placed;	/* of those, placed later */
	double		delay_total;	/* the delay cost in the objective */
	double		elapsed_ms;
	double		cpu_ms;			/* process CPU time (clock()), steadier than wall time on a busy machine */
	size_t		work_bytes;		/* largest working memory, excluding the input */
} sim_result;

/*
 * Run the simulation.  bin_out[i] / week_out[i] (may be NULL) receive the bin
 * and week of item i, or -1.  price_out (may be NULL, m entries) receives per
 * bin the mean over the weeks of the price of one person place.
 */
sim_error	sim_run(const sim_problem *p, const sim_options *o, const assign_env *env,
					int *bin_out, int *week_out, double *price_out,
					sim_result *r, size_t *err_index);

/*
 * The bid prices of one matching in week t (match_households' bid_price
 * policy, the same LP and method as SIM_BID_PRICE): items 0..n-1 wait now,
 * forecast items n..n+F-1 are expected in their weeks; p->capacity is the
 * capacity open now; arrived = households of the year arrived by now (what
 * is still to come is the forecast's volume less these).  permit_day,
 * target_days, persons and year_days are not used.  lam_out (m * D)
 * receives the price of a unit of each bin's capacity, margin_out (n, may
 * be NULL) each waiting item's best score less the price of its places over
 * the bins it fits (NAN: it fits nowhere); <= 0 means the prices hold it back.
 */
sim_error	sim_bid_prices(const sim_problem *p, int t, int arrived, int iterations,
						   const assign_env *env, double *lam_out, double *margin_out,
						   size_t *err_index);

/* Day of the year (0-based) on which week t's matching runs. */
int			sim_run_day(const sim_problem *p, int t);

#endif
