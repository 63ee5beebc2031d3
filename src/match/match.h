/*
 * match.h: glue of the matching module (solve_assignment, match_households).
 */
#ifndef BOSETTING_MATCH_H
#define BOSETTING_MATCH_H

#include "postgres.h"

#include "utils/array.h"
#include "utils/jsonb.h"

/* GUCs of the module (bosetting.solver_max_pairs); called from _PG_init. */
extern void match_define_gucs(void);

/* The largest time_limit_ms the solver accepts (one day). */
#define MATCH_MAX_TIME_LIMIT_MS 86400000.0

/* Refuse (54000) a problem of items x bins beyond bosetting.solver_max_pairs,
 * naming the function; called before anything of that size is allocated. */
extern void match_check_pairs(int64 items, int64 bins, int dims, const char *func);

/* A non-NULL int4 array of 1 or 2 dimensions indexed from 1, copied flat
 * (rows x cols); an empty array gives 0 x 0 and NULL. */
extern int32 *match_int_matrix(ArrayType *a, const char *name, int *rows, int *cols);

/* Refuse (22023) an array that is not one-dimensional from 1 (empty is fine). */
extern void match_one_dim(ArrayType *a, const char *name);

/* Run the solver on SQL arrays; *bins gets the 0-based bin per item or -1. */
extern int	match_run_solver(ArrayType *dem, ArrayType *cap, ArrayType *score,
							 Jsonb *opts, int **bins);

/* assign_side.c: the balance constraints of solve_assignment (option
 * "constraints"): parse (22023 naming the key), add the upper limits as
 * dimensions, repair towards the lower ones, report (jsonb text). */
struct assign_problem;
struct assign_env;
typedef struct side_set side_set;
extern side_set *side_parse(JsonbContainer *arr, int n, int m);
extern int	side_extend(side_set *s, int n, int m, int D, const int32 *dem,
						const int32 *cap, int32 **dem_out, int32 **cap_out);
extern void side_repair(side_set *s, const struct assign_problem *p,
						const struct assign_env *env, int *bins);
extern char *side_report(side_set *s, int m, const int *bins, const int *free_bins,
						 double objective, double free_objective);

#endif
