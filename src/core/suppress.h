/*
 * suppress.h: small-cell suppression of a two-dimensional table of counts
 * with published row, column and grand totals (DESIGN.md "Reporting",
 * suppress_cells), without PostgreSQL.
 *
 * Primary suppression hides every cell and every total whose count is
 * 1 .. threshold-1 (0 is published as 0).  Secondary suppression then hides
 * further cells so that no hidden cell can be computed exactly from the
 * published cells and totals, by any linear combination of them.
 *
 * Why a graph: write the table with its totals as an (R+1) x (C+1) array and
 * negate the R row totals and C column totals; then every row and every
 * column of that array sums to 0.  The hidden cells are the edges of a
 * bipartite graph between the R+1 row nodes and C+1 column nodes, and the
 * solutions of the linear system an attacker can set up differ from the true
 * table exactly by the alternating circulations of that graph.  So a hidden
 * cell is exactly derivable iff it lies on no cycle of hidden cells (it is a
 * bridge).  Every hidden cell here is positive (primaries are 1-4, secondary
 * cells are chosen among positive cells), so moving a small amount around a
 * cycle keeps every cell non-negative: with no bridge, each hidden cell's
 * minimum and maximum over all non-negative tables that agree with the
 * published figures differ.  The test/oracle/suppress_audit check confirms
 * this by linear programming, independently of this code.
 *
 * Secondary cells: while the hidden graph has a bridge (u, v), add the
 * cheapest path from u to v that avoids the bridge (hidden cells cost 0, a
 * published positive inner cell costs its count + threshold, a total costs
 * 10^6 + its count, the grand total 10^12): the bridge and the path form a
 * cycle.  Afterwards each secondary cell, the costliest first, is dropped
 * again if the graph stays bridgeless without it.  This is a heuristic (the
 * least-cost problem is NP-hard), O(bridges x cells x log(rows + cols)).
 */
#ifndef BOSETTING_SUPPRESS_H
#define BOSETTING_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many inner cells (rows x cols); beyond: "program limit". */
#define SUPPRESS_MAX_CELLS	((size_t) 1000000)

/* Status of a cell of the table with its totals. */
#define SUPPRESS_PUBLISHED	0
#define SUPPRESS_PRIMARY	1
#define SUPPRESS_SECONDARY	2

typedef enum suppress_error
{
	SUP_OK = 0,
	SUP_EMPTY,					/* rows or cols is 0 */
	SUP_TOO_LARGE,				/* rows x cols above SUPPRESS_MAX_CELLS */
	SUP_NEGATIVE,				/* a count below 0 (cell: its index) */
	SUP_BAD_THRESHOLD,			/* threshold below 1 */
	SUP_CANCELLED,				/* the callback asked to stop */
	SUP_NO_CYCLE				/* internal: no protecting path (cannot happen) */
} suppress_error;

/*
 * Called now and then during long loops; non-zero stops with SUP_CANCELLED.
 * The glue calls CHECK_FOR_INTERRUPTS() here (the core holds no resources).
 */
typedef struct suppress_callback
{
	int			(*check) (void *arg);
	void	   *arg;
} suppress_callback;

/* Bytes of workspace suppress_run needs for a rows x cols table. */
size_t		suppress_work_size(size_t rows, size_t cols);

/*
 * counts: rows x cols, row-major.  Outputs, (rows+1) x (cols+1) row-major,
 * with the row totals in the last column, the column totals in the last row
 * and the grand total last: value (counts and their totals) and status
 * (SUPPRESS_*).  secondary = false does primary suppression only.  work:
 * suppress_work_size() bytes, suitably aligned (malloc/palloc).  *bad_cell
 * gets the index of a negative count.
 */
suppress_error suppress_run(const int32_t *counts, size_t rows, size_t cols,
							int32_t threshold, bool secondary,
							int64_t *value, uint8_t *status, void *work,
							const suppress_callback *cb, size_t *bad_cell);

/*
 * Exactly derivable hidden cells of a status array (the bridges of the hidden
 * graph): count returned, flags in derivable[(rows+1)*(cols+1)] if non-NULL.
 * For tests and for the primary-only report.  work as for suppress_run.
 */
size_t		suppress_derivable(size_t rows, size_t cols, const uint8_t *status,
							   uint8_t *derivable, void *work);

const char *suppress_error_text(suppress_error e);

#endif
