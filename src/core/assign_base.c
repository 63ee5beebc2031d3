/*
 * assign_base.c: the solver's allocator, clock and the public checks
 * (validation, objective, feasibility, working-memory estimate).
 */
#define _POSIX_C_SOURCE 200809L

#include "assign_int.h"

#include <stdlib.h>

double
assign_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void *
salloc(solver *s, size_t size)
{
	void	   *ptr = s->env->alloc(s->env->ctx, size ? size : 1);

	if (ptr && s->nallocs >= MAX_ALLOCS)
	{
		s->env->release(s->env->ctx, ptr);
		return NULL;
	}
	if (ptr)
	{
		s->bytes += size;
		s->allocs[s->nallocs++] = ptr;
	}
	return ptr;
}

size_t
assign_work_bytes(int n, int m, int D)
{
	size_t		nn = n > 0 ? (size_t) n : 0,
				mm = m > 0 ? (size_t) m : 0,
				dd = D > 0 ? (size_t) D : 0;

	return nn * mm * (sizeof(double) + sizeof(float))	/* w, wt */
		+ nn * dd * sizeof(int)
		+ mm * dd * (sizeof(int64_t) * 2 + sizeof(double) * 8)	/* with the preconditioner */
		+ mm * (sizeof(double) + sizeof(int) * 2)
		+ nn * (sizeof(int) * 8 + sizeof(double) * 2 + sizeof(int) * CAND_K)
		+ nn * (sizeof(double) * 2 + sizeof(double) * 3)	/* knapsack bound */
		+ nn * (sizeof(int) * 3 + sizeof(double) * 2 + 24)	/* its classes, picks, candidates */
		+ nn * (dd > 1 ? dd - 1 : 0) * sizeof(double)	/* its demands k >= 1 */
		+ mm * dd * sizeof(double) * 2
		+ (size_t) DP_CELLS * (sizeof(double) + 1)	/* its largest exact knapsack */
		+ nn * (sizeof(int) * 4 + sizeof(double) + sizeof(unsigned))	/* re-packing */
		+ mm * dd * sizeof(double) * 2	/* the prices' subgradient steps */
		+ (size_t) REPACK_STATES * (sizeof(double) + sizeof(int32_t) * 4) + REPACK_CELLS
		+ MAX_ALLOCS * sizeof(void *);
}

assign_error
assign_validate(const assign_problem *p, size_t *index)
{
	size_t		x;

	if (p->n < 0 || p->m < 0 || p->D < 1 || p->D > ASSIGN_MAX_DIMS)
		return ASSIGN_EBADSIZE;
	for (x = 0; x < (size_t) p->n * p->D; x++)
		if (p->demand[x] < 0)
		{
			if (index)
				*index = x;
			return ASSIGN_ENEGDEMAND;
		}
	for (x = 0; x < (size_t) p->m * p->D; x++)
		if (p->capacity[x] < 0)
		{
			if (index)
				*index = x;
			return ASSIGN_ENEGCAPACITY;
		}
	for (x = 0; x < (size_t) p->n * p->m; x++)
	{
		double		v = p->score[x];

		if (isnan(v) || (isinf(v) && v > 0))
		{
			if (index)
				*index = x;
			return ASSIGN_EBADSCORE;
		}
	}
	return ASSIGN_OK;
}

double
assign_objective(const assign_problem *p, const int *bin)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < p->n; i++)
		if (bin[i] >= 0)
			sum += p->score[(size_t) i * p->m + bin[i]];
	return sum;
}

int
assign_is_feasible(const assign_problem *p, const int *bin)
{
	int			i, k, j;
	int			ok = 1;

	for (j = 0; j < p->m && ok; j++)
		for (k = 0; k < p->D && ok; k++)
		{
			int64_t		used = 0;

			for (i = 0; i < p->n; i++)
				if (bin[i] == j)
					used += p->demand[(size_t) i * p->D + k];
			if (used > p->capacity[(size_t) j * p->D + k])
				ok = 0;
		}
	for (i = 0; i < p->n && ok; i++)
		if (bin[i] >= p->m || bin[i] < -1 ||
			(bin[i] >= 0 && isinf(p->score[(size_t) i * p->m + bin[i]])))
			ok = 0;
	return ok;
}
