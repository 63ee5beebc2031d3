/*
 * tap.h: the smallest TAP producer for the C unit tests of src/core.  One
 * ok() per behaviour; test/run-all.sh counts the lines.
 */
#ifndef BOSETTING_TAP_H
#define BOSETTING_TAP_H

#include <stdio.h>

static int	tap_count = 0;
static int	tap_failures = 0;

#define ok(cond, ...) \
	do { \
		int ok_ = (cond) ? 1 : 0; \
		tap_count++; \
		if (!ok_) \
			tap_failures++; \
		printf("%sok %d - ", ok_ ? "" : "not ", tap_count); \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} while (0)

/* Print the plan; the exit status says whether every test passed. */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
