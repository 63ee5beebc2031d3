/*
 * test_suppress.c: unit and property tests of src/core/suppress.c.  The
 * "no hidden cell is derivable" property is checked here by linear algebra
 * written independently of the graph method: a hidden cell x_k is fixed by
 * the published figures iff removing its column from the constraint matrix
 * (restricted to hidden cells) lowers the rank.  Ranks are computed modulo a
 * prime, which is exact here because the matrix is totally unimodular.  The
 * LP audit (test/oracle/suppress_audit) adds non-negativity and HiGHS.
 */
#include "suppress.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define P 1000003

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int64_t
modinv(int64_t a)
{
	int64_t		r = 1, e = P - 2;

	a %= P;
	while (e)
	{
		if (e & 1)
			r = r * a % P;
		a = a * a % P;
		e >>= 1;
	}
	return r;
}

/* rank of an m x n matrix mod P (destroys it) */
static int
rank_mod(int64_t *a, int m, int n)
{
	int			rank = 0, c, r, k, q;

	for (c = 0; c < n && rank < m; c++)
	{
		int			piv = -1;

		for (r = rank; r < m; r++)
			if (a[r * n + c] % P)
			{
				piv = r;
				break;
			}
		if (piv < 0)
			continue;
		for (k = 0; k < n; k++)
		{
			int64_t		t = a[rank * n + k];

			a[rank * n + k] = a[piv * n + k];
			a[piv * n + k] = t;
		}
		for (r = 0; r < m; r++)
		{
			int64_t		f;

			if (r == rank || a[r * n + c] % P == 0)
				continue;
			f = (a[r * n + c] % P + P) % P * modinv((a[rank * n + c] % P + P) % P) % P;
			for (q = 0; q < n; q++)
				a[r * n + q] = ((a[r * n + q] - f * a[rank * n + q]) % P + P) % P;
		}
		rank++;
	}
	return rank;
}

/*
 * Hidden cells exactly derivable from the published ones, by ranks.  The
 * constraints: each row's cells minus its total = 0, each column's cells
 * minus its total = 0, the row totals minus the grand total = 0.
 */
static int
derivable_by_rank(int rows, int cols, const uint8_t *status)
{
	int			R = rows + 1, C = cols + 1, N = R * C, m = rows + cols + 1;
	int			hidden[4096], h = 0, k, i, j, full, bad = 0;
	int64_t    *a;

	for (k = 0; k < N; k++)
		if (status[k])
			hidden[h++] = k;
	if (h == 0)
		return 0;
	a = malloc(sizeof(int64_t) * m * h);
	for (k = -1; k < h; k++)
	{
		int			col = 0, x, h_ = k < 0 ? h : h - 1;

		memset(a, 0, sizeof(int64_t) * m * h);
		for (x = 0; x < h; x++)
		{
			int			cell = hidden[x];

			if (x == k)
				continue;
			i = cell / C;
			j = cell % C;
			/* the row equation of row i (or, for the total row, of the totals) */
			if (i < rows && j < cols)
			{
				a[i * h_ + col] = 1;
				a[(rows + j) * h_ + col] = 1;
			}
			else if (i < rows)	/* row total */
			{
				a[i * h_ + col] = P - 1;
				a[(rows + cols) * h_ + col] = 1;
			}
			else if (j < cols)	/* column total */
				a[(rows + j) * h_ + col] = P - 1;
			else				/* grand total */
				a[(rows + cols) * h_ + col] = P - 1;
			col++;
		}
		if (k < 0)
			full = rank_mod(a, m, h);
		else if (rank_mod(a, m, h - 1) < full)
			bad++;
	}
	free(a);
	return bad;
}

static void *work;
static int64_t value[8192];
static uint8_t status[8192];

static suppress_error
run(const int32_t *counts, int rows, int cols, bool secondary)
{
	return suppress_run(counts, rows, cols, 5, secondary, value, status, work, NULL, NULL);
}

static int
count_status(int rows, int cols, uint8_t s)
{
	int			k, n = 0;

	for (k = 0; k < (rows + 1) * (cols + 1); k++)
		n += status[k] == s;
	return n;
}

static void
test_examples(void)
{
	int32_t		t1[] = {3, 10, 10, 10};
	int32_t		t2[] = {3, 0, 0, 20};
	int32_t		t3[] = {0, 7, 8, 9, 0, 6};
	int32_t		neg[] = {1, -1};
	size_t		bad = 99;

	ok(run(t1, 2, 2, false) == SUP_OK && count_status(2, 2, 1) == 1 && status[0] == 1,
	   "primary only: the cell 3 is hidden, nothing else");
	ok(derivable_by_rank(2, 2, status) == 1 && suppress_derivable(2, 2, status, NULL, work) == 1,
	   "primary only: the lone hidden cell is derivable (rank and graph agree)");
	ok(run(t1, 2, 2, true) == SUP_OK && count_status(2, 2, 2) == 3 && status[1] == 2 && status[3] == 2 && status[4] == 2,
	   "2 x 2 with one small cell: the other three inner cells complete the rectangle");
	ok(derivable_by_rank(2, 2, status) == 0, "... and then no hidden cell is derivable");

	ok(run(t2, 2, 2, true) == SUP_OK && status[0] == 1 && status[2] == 1 && status[6] == 1,
	   "a row total and a column total of 3 are primary too");
	ok(derivable_by_rank(2, 2, status) == 0 && value[8] == 23, "... protected, grand total 23");
	ok(status[1] == 0 && status[3] == 0, "cells of 0 are never hidden (published as 0)");
	ok(run(t3, 2, 3, true) == SUP_OK && count_status(2, 3, 1) == 0 && count_status(2, 3, 2) == 0,
	   "no cell of 1-4: nothing hidden, zeros published");

	ok(suppress_run(neg, 1, 2, 5, true, value, status, work, NULL, &bad) == SUP_NEGATIVE && bad == 1,
	   "a negative count is refused and named");
	ok(suppress_run(neg, 0, 2, 5, true, value, status, work, NULL, NULL) == SUP_EMPTY, "an empty table is refused");
	ok(suppress_run(t1, 2, 2, 0, true, value, status, work, NULL, NULL) == SUP_BAD_THRESHOLD,
	   "threshold 0 is refused");
	ok(suppress_run(t1, SUPPRESS_MAX_CELLS, 2, 5, true, value, status, work, NULL, NULL) == SUP_TOO_LARGE,
	   "a table above the cell limit is refused before any work");
}

static int
cancel_now(void *arg)
{
	(void) arg;
	return 1;
}

static void
test_random(void)
{
	int			round, bad_primary = 0, derivable = 0, zero_hidden = 0, needless = 0;
	int			rounds = 600, pr_derivable = 0, agree = 1;
	int32_t		counts[4096];

	for (round = 0; round < rounds; round++)
	{
		int			rows = 1 + (int) (rnd() % 14), cols = 1 + (int) (rnd() % 7), k;
		int			R = rows + 1, C = cols + 1;

		for (k = 0; k < rows * cols; k++)
		{
			uint64_t	x = rnd() % 10;

			counts[k] = x < 3 ? 0 : x < 6 ? (int32_t) (1 + rnd() % 4) : (int32_t) (rnd() % 40);
		}
		run(counts, rows, cols, false);
		if ((size_t) derivable_by_rank(rows, cols, status) != suppress_derivable(rows, cols, status, NULL, work))
			agree = 0;
		pr_derivable += derivable_by_rank(rows, cols, status) > 0;
		if (run(counts, rows, cols, true) != SUP_OK)
		{
			derivable++;
			continue;
		}
		for (k = 0; k < R * C; k++)
		{
			if ((value[k] >= 1 && value[k] <= 4) != (status[k] == 1))
				bad_primary++;
			if (status[k] && value[k] <= 0)
				zero_hidden++;
		}
		derivable += derivable_by_rank(rows, cols, status) > 0;
		/* every secondary cell is needed: without it some cell is derivable */
		for (k = 0; k < R * C; k++)
			if (status[k] == 2)
			{
				status[k] = 0;
				if (derivable_by_rank(rows, cols, status) == 0)
					needless++;
				status[k] = 2;
			}
	}
	ok(agree, "graph bridges and ranks agree on which hidden cells are derivable (%d tables)", rounds);
	ok(pr_derivable > rounds / 3, "primary suppression alone leaves derivable cells in %d of %d tables", pr_derivable, rounds);
	ok(bad_primary == 0, "primary = exactly the cells and totals of 1-4 (%d wrong)", bad_primary);
	ok(derivable == 0, "after secondary suppression no hidden cell is derivable (%d tables failed)", derivable);
	ok(zero_hidden == 0, "every hidden cell is positive, so each can move both ways (%d zero)", zero_hidden);
	ok(needless == 0, "no secondary cell can be dropped alone (%d could)", needless);
}

static void
test_speed(void)
{
	static int32_t counts[357 * 10];
	int			k, sec = 0, prim = 0;
	clock_t		t0;
	double		ms;
	void	   *big = malloc(suppress_work_size(357, 10));
	static int64_t v[358 * 11];
	static uint8_t s[358 * 11];
	suppress_callback cb = {cancel_now, NULL};

	for (k = 0; k < 357 * 10; k++)
	{
		uint64_t	x = rnd() % 10;

		counts[k] = x < 3 ? 0 : x < 5 ? (int32_t) (1 + rnd() % 4) : (int32_t) (rnd() % 200);
	}
	t0 = clock();
	ok(suppress_run(counts, 357, 10, 5, true, v, s, big, NULL, NULL) == SUP_OK, "357 x 10 runs");
	ms = 1000.0 * (double) (clock() - t0) / CLOCKS_PER_SEC;
	for (k = 0; k < 358 * 11; k++)
	{
		prim += s[k] == 1;
		sec += s[k] == 2;
	}
	ok(suppress_derivable(357, 10, s, NULL, big) == 0,
	   "357 x 10: %d primary, %d secondary, none derivable", prim, sec);
	ok(ms < 2000, "357 x 10 in %.1f ms (with sanitizers; limit 2000)", ms);
	ok(suppress_run(counts, 357, 10, 5, true, v, s, big, &cb, NULL) == SUP_CANCELLED,
	   "the callback can cancel");
	free(big);
}

int
main(void)
{
	work = malloc(suppress_work_size(64, 64));
	test_examples();
	test_random();
	test_speed();
	free(work);
	return tap_done();
}
