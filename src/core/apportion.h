/*
 * apportion.h: exact apportionment of an integer total over weighted units
 * (largest remainder and five divisor methods, with per-unit bounds), without
 * PostgreSQL.  research/allocation.md section 5; DESIGN.md "Allocation".
 *
 * Weights are non-negative integers below 2^63 (the glue scales decimal
 * weights to a common number of decimals).  Every comparison of quotients is
 * a cross-multiplication in 128-bit (or, for Huntington-Hill, 256-bit)
 * integers; no floating point is used anywhere.
 *
 * Semantics (DESIGN.md):
 * - divisor methods: start from the lower bounds; the next unit goes to the
 *   unit with the highest quotient w/d(a) among those below their upper
 *   bound.  Divisors d(a): dhondt a+1, sainte_lague 2a+1,
 *   modified_sainte_lague 1.4 then 2a+1 (scaled: 7, 15, 25, ...), adams a,
 *   huntington_hill sqrt(a(a+1)).  d(0) = 0 (adams, huntington_hill) gives
 *   every positive weight an infinitely high first quotient.  A zero weight
 *   has quotient 0.
 * - hamilton: the quotas are clamp(lambda*w, lower, upper) with the one
 *   common factor lambda for which they sum to the total (the stable point of
 *   "fix units whose quota is outside their bounds, recompute the rest");
 *   fixed units keep their bound, the others get the floor of their quota
 *   and the leftover units go to the largest remainders.
 * - ties at the margin (equal quotients, equal remainders): the lower index
 *   wins.  Units of weight 0 take only what the positive units cannot
 *   (their bounds), lowest index first.
 * The computation is O(n log n): the divisor methods jump to a divisor found
 * by counting (exact), and finish with a heap.
 */
#ifndef BOSETTING_APPORTION_H
#define BOSETTING_APPORTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum apportion_method
{
	APM_HAMILTON = 0,
	APM_DHONDT,
	APM_SAINTE_LAGUE,
	APM_MODIFIED_SAINTE_LAGUE,
	APM_HUNTINGTON_HILL,
	APM_ADAMS,
	APM_INVALID = -1
} apportion_method;

/* Limits: beyond them the caller reports "program limit exceeded". */
#define APPORTION_MAX_UNITS		((size_t) 1 << 26)	/* 67 108 864 */
#define APPORTION_MAX_WEIGHT	((uint64_t) INT64_MAX)	/* after scaling */

typedef enum apportion_error
{
	APR_OK = 0,
	APR_NO_UNITS,				/* n == 0 */
	APR_TOO_MANY_UNITS,			/* n > APPORTION_MAX_UNITS */
	APR_WEIGHT_TOO_LARGE,		/* unit: weight above APPORTION_MAX_WEIGHT */
	APR_ALL_ZERO,				/* every weight is 0 */
	APR_NEGATIVE_TOTAL,			/* value: the total */
	APR_NEGATIVE_LOWER,			/* unit, value: its lower bound */
	APR_NEGATIVE_UPPER,			/* unit, value: its upper bound */
	APR_LOWER_ABOVE_UPPER,		/* unit, value: lower, value2: upper */
	APR_TOTAL_BELOW_LOWER,		/* value: total, value2: sum of lower bounds */
	APR_TOTAL_ABOVE_UPPER,		/* value: total, value2: sum of upper bounds */
	APR_CANCELLED				/* the callback asked to stop */
} apportion_error;

typedef struct apportion_result
{
	apportion_error error;
	size_t		unit;			/* 0-based unit the error is about */
	int64_t		value;
	int64_t		value2;
} apportion_result;

/*
 * Called every few thousand steps of a long loop; a non-zero return stops
 * the computation with APR_CANCELLED.  The glue calls CHECK_FOR_INTERRUPTS()
 * here (which may also leave by longjmp: the core holds no resources).
 */
typedef struct apportion_callback
{
	int			(*check) (void *arg);
	void	   *arg;
} apportion_callback;

/* "hamilton", "dhondt", ... → method; APM_INVALID if unknown. */
apportion_method apportion_method_from_name(const char *name, size_t len);
const char *apportion_method_name(apportion_method m);
/* The accepted names, comma-separated, for error messages. */
const char *apportion_method_names(void);

/* Bytes of workspace apportion_run() needs for n units. */
size_t		apportion_work_size(size_t n);

/*
 * Apportion total over n units.  lower/upper may be NULL (0 / no bound).
 * out receives n counts.  work: apportion_work_size(n) bytes, suitably
 * aligned (malloc/palloc).  cb may be NULL.
 */
apportion_result apportion_run(apportion_method method, const uint64_t *weights,
							   size_t n, int32_t total, const int32_t *lower,
							   const int32_t *upper, int32_t *out, void *work,
							   const apportion_callback *cb);

/* Human-readable text of an error (without unit numbering context). */
const char *apportion_error_text(apportion_error e);

/*
 * Decimal weights.  apportion_decimal_parse reads a plain decimal string
 * ("123", "0.25", "1.8e3" is not accepted; numeric_out never writes it) into
 * mantissa * 10^exp10 with trailing zeros removed.  apportion_decimal_scale
 * rewrites the mantissas in place as integers over the common denominator
 * 10^-min(exp10).
 */
typedef enum apportion_decimal_error
{
	APD_OK = 0,
	APD_NEGATIVE,				/* a minus sign before a non-zero value */
	APD_NOT_FINITE,				/* NaN, Infinity */
	APD_SYNTAX,					/* anything else that is not a decimal */
	APD_TOO_PRECISE				/* more than 18 significant digits */
} apportion_decimal_error;

apportion_decimal_error apportion_decimal_parse(const char *s, size_t len,
												uint64_t *mantissa,
												int32_t *exp10);

/* Returns true, or false with *bad = the first unit that does not fit. */
bool		apportion_decimal_scale(uint64_t *mantissa, const int32_t *exp10,
									size_t n, size_t *bad);

/* Exposed for the unit tests: (a*b) <=> (c*d) on 128-bit operands. */
int			apportion_cmp_products(unsigned __int128 a, unsigned __int128 b,
								   unsigned __int128 c, unsigned __int128 d);

#endif
