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

/*
 * What changed in a household.  A trigger reads the row before and after
 * the change; these functions say which household tallies move and by how
 * much (at most two households, in household_id order: the lock order).
 */
typedef struct cap_hh_change
{
	int64_t		hh;
	int64_t		dpersons;
	int64_t		dminors;
	int64_t		dneeds;
	const char *dim;			/* a need dimension, or NULL */
	int64_t		damount;		/* units of `dim` */
} cap_hh_change;

/* A person row (in: has a household; hh; minor); returns 0, 1 or 2 changes. */
int			cap_person_changes(bool old_in, int64_t ohh, bool om,
							   bool new_in, int64_t nhh, bool nm, cap_hh_change out[2]);

/* A household_need row (dim NULL: no row); returns 0, 1 or 2 changes. */
int			cap_need_changes(bool old_in, int64_t ohh, const char *odim, int64_t oamount,
							 bool new_in, int64_t nhh, const char *ndim, int64_t namount,
							 cap_hh_change out[2]);

/* Where a settlement row books (books false: withdrawn, or no row). */
typedef struct cap_booking
{
	bool		books;
	int64_t		hh;
	int32_t		year;
	int16_t		kommunenr;
} cap_booking;

typedef enum cap_step_kind
{
	CAP_STEP_BOOK,				/* book household `to` at its place */
	CAP_STEP_RELEASE,			/* release household `from` from its place */
	CAP_STEP_MOVE				/* one household from `from`'s place to `to`'s */
} cap_step_kind;

typedef struct cap_step
{
	cap_step_kind kind;
	const cap_booking *from;
	const cap_booking *to;
} cap_step;

/*
 * The steps a settlement change takes, in household_id order: none (status
 * proposed -> accepted -> settled, or nothing booked), one move, or a
 * release and a booking.  Returns the number of steps (0..2).
 */
int			cap_booking_steps(const cap_booking *o, const cap_booking *n, cap_step out[2]);

#endif
