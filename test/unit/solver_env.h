/*
 * solver_env.h: what the unit tests of the solver and the simulator share: an
 * assign_env whose allocator counts the bytes still live (to prove every
 * allocation is released) and whose interrupt callback counts its calls, and
 * a seeded xorshift generator for random instances.  Include after assign.h.
 */
#ifndef SOLVER_ENV_H
#define SOLVER_ENV_H

#include <stdlib.h>

static int	interrupts = 0;
static long live_bytes = 0;

static void *
t_alloc(void *ctx, size_t size)
{
	size_t	   *p = malloc(size + sizeof(size_t) * 2);

	(void) ctx;
	if (!p)
		return NULL;
	p[0] = size;
	live_bytes += (long) size;
	return p + 2;
}

static void
t_release(void *ctx, void *ptr)
{
	size_t	   *p = (size_t *) ptr - 2;

	(void) ctx;
	live_bytes -= (long) p[0];
	free(p);
}

static void
t_interrupt(void *ctx)
{
	(void) ctx;
	interrupts++;
}

static const assign_env env = {t_alloc, t_release, t_interrupt, NULL};

static unsigned long long rs = 88172645463325252ULL;
static inline unsigned
rnd(unsigned mod)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (unsigned) (rs % mod);
}

#endif
