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

/* Run the solver on SQL arrays; *bins gets the 0-based bin per item or -1. */
extern int	match_run_solver(ArrayType *dem, ArrayType *cap, ArrayType *score,
							 Jsonb *opts, int **bins);

#endif
