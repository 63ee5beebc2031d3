/*
 * capacity.h: the bookkeeping of capacity checks, without PostgreSQL.
 *
 * A change to a booking, a person or a need turns into a list of deltas,
 * one per (year, kommunenr, dimension) counter.  The list is merged (equal
 * keys summed) and sorted in one total order, so that every transaction
 * locks the counters it touches in the same order and opposite moves cannot
 * deadlock.  cap_check() says whether a delta fits a counter and why not.
 */
#ifndef BOSETTING_CAPACITY_H
#define BOSETTING_CAPACITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The two dimensions counted from person rows against the decision. */
#define CAP_DIM_PERSONS		"persons"
#define CAP_DIM_MINORS		"unaccompanied_minors"

typedef struct cap_delta
{
	int32_t		year;
	int16_t		kommunenr;
	const char *dimension;		/* not owned; compared bytewise */
	int64_t		amount;			/* > 0 consumes, < 0 releases */
	bool		required;		/* check the counter even if amount is 0 */
} cap_delta;

/*
 * Merge equal keys (amounts summed, required or-ed), drop entries that are
 * zero and not required, and sort by year, kommunenr, dimension.  Returns
 * the new length.  Fails (returns -1) only if a sum overflows int64.
 */
int			cap_deltas_normalize(cap_delta *d, int n);

/* Total order of counter keys (the lock order). */
int			cap_key_cmp(const cap_delta *a, const cap_delta *b);

/* Whether a settlement status books capacity: 1 yes, 0 no (withdrawn), -1 unknown. */
int			cap_status_books(const char *status);

/* Whether a dimension name is reserved for the counts taken from persons. */
bool		cap_dimension_reserved(const char *dimension);

typedef enum cap_verdict
{
	CAP_FITS = 0,
	CAP_NO_COUNTER,				/* no decision / no capacity row */
	CAP_NO_LIMIT,				/* the limit is unknown (NULL: suppressed, awaiting) */
	CAP_EXCEEDS,				/* booked + asked > limit */
	CAP_BELOW_ZERO,				/* a release larger than what is booked */
	CAP_OVERFLOW				/* booked + asked does not fit */
} cap_verdict;

/*
 * Whether `asked` (may be negative) fits a counter with `booked` booked and
 * limit `limit` (`has_limit` false: NULL).  *left gets limit - booked (0
 * when the limit is unknown or already exceeded).  A release never needs a
 * limit; asking 0 needs a known limit only when `required`.
 */
cap_verdict cap_check(bool has_counter, bool has_limit, int64_t limit,
					  int64_t booked, int64_t asked, bool required, int64_t *left);

/* Whether a counter may get the new limit given what is booked. */
cap_verdict cap_check_limit(bool has_limit, int64_t limit, int64_t booked);

#endif
