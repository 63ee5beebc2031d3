/*
 * assign_raw.c: solve one instance written by assign_gen.write_raw with the
 * plain-C solver, outside PostgreSQL (for profiling with perf or callgrind,
 * and for CPU-time figures on a loaded machine).
 *   assign_raw FILE [SEED [TIME_LIMIT_MS]]
 * prints: objective bound gap% assigned cpu_s wall_s dual_iterations rounds
 * Build: clang -std=c99 -O2 -Isrc/core -o build/assign_raw
 *        test/bench/assign_raw.c src/core/assign*.c -lm
 * (add -DASSIGN_DEBUG for a trace of the phases with their CPU times).
 */
#define _POSIX_C_SOURCE 200809L

#include "assign.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *
a_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
a_release(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	int			n, m, D;
	size_t		x;
	int32_t    *dem, *cap;
	double	   *score;
	int		   *bin;
	char		tok[64];
	assign_problem p;
	assign_options o;
	assign_env	env = {a_alloc, a_release, NULL, NULL};
	assign_stats st;
	size_t		ei;
	clock_t		c0;
	double		cpu;

	if (argc < 2 || !(f = fopen(argv[1], "r")))
	{
		fprintf(stderr, "usage: assign_raw FILE [SEED [TIME_LIMIT_MS]]\n");
		return 2;
	}
	if (fscanf(f, "%d %d %d", &n, &m, &D) != 3 || n < 0 || m < 0 || D < 1 ||
		D > ASSIGN_MAX_DIMS)
		return 2;
	dem = malloc(sizeof(int32_t) * (size_t) n * D);
	cap = malloc(sizeof(int32_t) * (size_t) m * D);
	score = malloc(sizeof(double) * (size_t) n * m);
	bin = malloc(sizeof(int) * (size_t) (n ? n : 1));
	if (!dem || !cap || !score || !bin)
		return 2;
	for (x = 0; x < (size_t) n * D; x++)
		if (fscanf(f, "%d", &dem[x]) != 1)
			return 2;
	for (x = 0; x < (size_t) m * D; x++)
		if (fscanf(f, "%d", &cap[x]) != 1)
			return 2;
	for (x = 0; x < (size_t) n * m; x++)
	{
		if (fscanf(f, "%63s", tok) != 1)
			return 2;
		score[x] = strcmp(tok, "nan") == 0 ? -INFINITY : strtod(tok, NULL);
	}
	fclose(f);
	p = (assign_problem) {n, m, D, dem, cap, score};
	o.seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	o.time_limit_ms = argc > 3 ? atof(argv[3]) : 0;
	c0 = clock();
	if (assign_solve(&p, &o, &env, bin, &st, &ei) != ASSIGN_OK)
		return 1;
	cpu = (double) (clock() - c0) / CLOCKS_PER_SEC;
	printf("objective %.6f bound %.6f gap %.3f %% assigned %d cpu %.2f s wall %.2f s "
		   "iters %d rounds %d feasible %d mem %.0f MB\n",
		   st.objective, st.bound,
		   st.bound > 0 ? 100 * (st.bound - st.objective) / st.bound : 0.0,
		   st.assigned, cpu, st.elapsed_ms / 1000, st.dual_iterations,
		   st.search_rounds, assign_is_feasible(&p, bin), st.work_bytes / 1048576.0);
	free(dem);
	free(cap);
	free(score);
	free(bin);
	return 0;
}
