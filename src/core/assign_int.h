/*
 * assign_int.h: internals shared by the files of the assignment solver
 * (assign.c the driver, assign_base.c checks and helpers, assign_dual.c the
 * capacity prices, assign_knap.c the knapsack bound, assign_primal.c the
 * construction and local search, assign_repack.c the exact re-packing of one
 * bin).  Not for callers: they use assign.h.
 */
#ifndef BOSETTING_ASSIGN_INT_H
#define BOSETTING_ASSIGN_INT_H

#include "assign.h"

#include <math.h>
#include <string.h>
#include <time.h>

#ifdef ASSIGN_DEBUG
#include <stdio.h>
#define DBG(...) fprintf(stderr, __VA_ARGS__)
#define DBG_MS() ((double) clock() * 1000.0 / CLOCKS_PER_SEC)	/* CPU */
#else
#define DBG(...) ((void) 0)
#define DBG_MS() 0.0
#endif

#define CAND_K 12				/* candidate bins per item for swaps */
#define EPS 1e-12
#define MAX_ALLOCS 128			/* allocations of one solve */
#define DP_CELLS 4000000		/* items x capacity of one exact knapsack (bytes) */

typedef struct solver
{
	const assign_problem *p;
	const assign_env *env;
	int			n, m, D;
	const int32_t *dem;
	int64_t    *cap;
	double	   *w;				/* n*m normalised, -INFINITY if not allowed */
	float	   *wt;				/* m*n: w transposed, for column scans */
	int		   *kidx;			/* per dimension k: the items with d[i][k] > 0 */
	int			kstart[ASSIGN_MAX_DIMS + 1];
	double		work_per_pass;	/* bins x (items + nonzero demands): the budgets' unit */
	double		scale;
	double	   *rbuf;			/* m */
	uint64_t	rng;
	double		t0, limit_ms;
	int			time_up;
	size_t		bytes;
	unsigned	tick;
	void	  **allocs;
	int			nallocs;
} solver;

/* A primal solution with per-bin usage and member lists. */
typedef struct state
{
	int		   *bin;			/* n */
	int64_t    *used;			/* m*D */
	int		   *head;			/* m: first item of each bin */
	int		   *next, *prev;	/* n: bin member lists */
} state;

/* The exact re-packing of one bin (assign_repack.c) and its tables. */
#ifndef REPACK_SWEEPS
#define REPACK_SWEEPS 3			/* sweeps over the bins after each construction */
#endif
#define REPACK_STATES 65536		/* cells of one bin's table */
#ifndef REPACK_CELLS
#define REPACK_CELLS (1 << 18)	/* candidates x states (bytes of choices) */
#endif
struct rcand;
typedef struct repack
{
	double	   *dp;				/* states: best value within each capacity */
	int32_t    *digit;			/* states x 4: each state's capacities */
	unsigned char *take;		/* candidates x states: the choices */
	int		   *out;			/* 2n: items left out (may hold stale ones) */
	struct rcand *cand;			/* n: the current bin's candidates */
	int		   *chosen;			/* n */
	unsigned   *mark;			/* n: listed for the current bin */
	unsigned	stamp;
	size_t		cells, states;
} repack;

/* sort helper: keys descending, ties by a seeded hash (deterministic) */
typedef struct keyed
{
	double		key;
	uint64_t	tie;
	int			i;
} keyed;

/* The primal search's working set, and the best solution found so far
 * (the knapsack bound feeds it solutions of its own). */
typedef struct primal
{
	state	   *st;
	int		   *best;			/* n: best assignment */
	double		best_obj;		/* its normalised objective */
	const int  *cand, *ncand;
	int		   *order;
	repack	   *rp;				/* the tables of the exact re-packing */
	keyed	   *ord, *tmp;
} primal;


double		assign_now_ms(void);

/* Interrupt check and time limit, cheap enough to call in inner loops. */
static inline int
check(solver *s)
{
	if ((++s->tick & 15) != 0)
		return s->time_up;
	if (s->env && s->env->interrupt)
		s->env->interrupt(s->env->ctx);
	if (s->limit_ms > 0 && assign_now_ms() - s->t0 > s->limit_ms)
		s->time_up = 1;
	return s->time_up;
}

static inline uint64_t
next_rand(solver *s)
{
	/* splitmix64 */
	uint64_t	z = (s->rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* assign_base.c */
void	   *salloc(solver *s, size_t size);

/* assign_dual.c: the Lagrangian of the capacities (the LP bound) */
void		reduced_top2(const solver *s, const double *lam, int i, double *v1, int *b1,
						 double *v2);
double		dual_solve(solver *s, double *lam, double *best_lam, int *iters);
double		dual_coordinate(solver *s, double *lam, double *best_lam, double best,
							int sweeps, int *iters);
double		dual_subgradient(solver *s, double *lam, double *best_lam, double best,
							 double lower, int steps, int *iters);

/* assign_knap.c: the Lagrangian of the one-bin-per-item constraints */
double		knap_bound(solver *s, const double *lam, double lp_bound, primal *pr,
					   int *iters);

/* assign_repack.c */
int			repack_init(solver *s, repack *rp);
double		repack_sweeps(solver *s, state *st, repack *rp, int sweeps);

/* assign_primal.c */
void		place(solver *s, state *st, int i, int j);
void		state_reset(solver *s, state *st);
double		state_objective(const solver *s, const state *st);
void		sort_keyed(keyed *a, int n, keyed *tmp);
void		construct(solver *s, state *st, const double *lam, keyed *ord, keyed *tmp);
double		knap_primal(solver *s, primal *pr, const int *pick);
int			search_passes(const solver *s, int most);
void		build_candidates(solver *s, int *cand, int *ncand);
int			local_search(solver *s, state *st, const int *cand, const int *ncand,
						 int *order, int max_passes);
int			ruin_recreate(solver *s, state *st, int *keep, const int *cand,
						  const int *ncand, int *order, keyed *ord, keyed *tmp, int rounds);

#endif
