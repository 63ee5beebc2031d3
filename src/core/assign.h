/*
 * assign.h: the assignment solver of bosetting, without PostgreSQL.
 *
 * The problem (a multidimensional generalised assignment problem):
 *   items i = 0..n-1 with demand d[i][k] >= 0 in D dimensions,
 *   bins  j = 0..m-1 with capacity c[j][k] >= 0,
 *   score s[i][j]: finite, or -INFINITY for a forbidden pair;
 *   maximise the sum of s[i][j] over assigned pairs, each item in at most one
 *   bin, and for every bin and dimension the demands assigned to it at most
 *   its capacity.  Leaving an item unassigned is worth 0, so a pair with a
 *   negative score is never chosen; a pair with score 0 is chosen when there
 *   is room.
 *
 * Method: the Lagrangian dual of the capacity constraints (whose optimum is
 * the LP bound, because the remaining problem has the integrality property)
 * is minimised over prices lambda >= 0 by a spectral projected gradient
 * method (diagonally preconditioned) on a log-sum-exp smoothing with
 * decreasing temperature, then by subgradient steps; every
 * evaluated lambda gives a valid upper bound, and the least one is reported.
 * A primal solution is built from the prices (items in order of regret, each
 * to its best fitting bin by reduced score), then improved by local search
 * (shifts to any bin with room, swaps and ejections between bins) on the true
 * scores, and by re-packing each bin exactly (dynamic programming over its
 * capacities, among its members and the items left out).  Then a second
 * Lagrangian (of the one-bin-per-item constraints: one 0-1 knapsack per bin)
 * tightens the bound by subgradient steps, and its knapsacks' choices seed
 * further solutions (a Lagrangian heuristic).
 * Deterministic for a given seed unless the time limit stops it.
 */
#ifndef BOSETTING_ASSIGN_H
#define BOSETTING_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#define ASSIGN_MAX_DIMS 16

typedef enum assign_error
{
	ASSIGN_OK = 0,
	ASSIGN_EBADSIZE,			/* n, m or D out of range */
	ASSIGN_ENEGDEMAND,			/* demand negative: index = i * D + k */
	ASSIGN_ENEGCAPACITY,		/* capacity negative: index = j * D + k */
	ASSIGN_EBADSCORE,			/* NaN or +infinity: index = i * m + j */
	ASSIGN_ENOMEM				/* the allocator returned NULL */
} assign_error;

/* Memory and interrupts are the caller's: alloc may return NULL (then the
 * solver fails with ASSIGN_ENOMEM) or not return at all; interrupt is called
 * regularly and may not return either (PostgreSQL's CHECK_FOR_INTERRUPTS). */
typedef struct assign_env
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*release) (void *ctx, void *ptr);
	void		(*interrupt) (void *ctx);
	void	   *ctx;
} assign_env;

typedef struct assign_problem
{
	int			n;				/* items */
	int			m;				/* bins */
	int			D;				/* dimensions, 1..ASSIGN_MAX_DIMS */
	const int32_t *demand;		/* n * D, row-major */
	const int32_t *capacity;	/* m * D, row-major */
	const double *score;		/* n * m, row-major; -INFINITY = forbidden */
} assign_problem;

typedef struct assign_options
{
	uint64_t	seed;
	double		time_limit_ms;	/* <= 0: no limit */
} assign_options;

typedef struct assign_stats
{
	double		objective;		/* sum of the scores of assigned pairs */
	double		bound;			/* upper bound (the least of the two Lagrangians) */
	int			assigned;
	int			dual_iterations;
	int			search_passes;
	int			search_rounds;	/* ruin-and-recreate rounds */
	double		elapsed_ms;
	int			time_limited;	/* 1 if the time limit cut the search */
	size_t		work_bytes;		/* memory the solver allocated */
} assign_stats;

/* Bytes of working memory the solver needs for a problem of this size (the
 * caller may refuse a problem beyond its limits before calling). */
size_t		assign_work_bytes(int n, int m, int D);

/* Check values: ASSIGN_OK or the first error, with its flat index. */
assign_error assign_validate(const assign_problem *p, size_t *index);

/* Solve.  bin_out[i] is the 0-based bin of item i, or -1.  Validates first. */
assign_error assign_solve(const assign_problem *p, const assign_options *o,
						  const assign_env *env, int *bin_out,
						  assign_stats *stats, size_t *err_index);

/* A lower-bound side constraint: at least `min` of the items (0-based) in
 * the bins (0-based) listed.  Upper limits are capacity dimensions. */
typedef struct assign_lower
{
	int			nitems;
	const int  *items;
	int			nbins;
	const int  *bins;
	int			min;
} assign_lower;

/* Repair a feasible solution bin[] (from assign_solve) towards the lower
 * bounds by cheapest single moves (with one ejection) that keep every
 * capacity; shortfall[c] receives how many items constraint c still lacks
 * (0: met).  ASSIGN_ENOMEM if the allocator fails; bin[] is then unchanged. */
assign_error assign_repair_lower(const assign_problem *p, const assign_lower *lo,
								 int nlo, const assign_env *env, int *bin,
								 int *shortfall);

/* Helpers for callers and tests. */
double		assign_objective(const assign_problem *p, const int *bin);
int			assign_is_feasible(const assign_problem *p, const int *bin);

#endif
