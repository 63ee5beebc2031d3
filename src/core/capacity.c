/*
 * capacity.c: delta lists and checks of the capacity counters (capacity.h).
 */
#include "capacity.h"

#include <stdlib.h>
#include <string.h>

int
cap_key_cmp(const cap_delta *a, const cap_delta *b)
{
	int			c;

	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->kommunenr != b->kommunenr)
		return a->kommunenr < b->kommunenr ? -1 : 1;
	c = strcmp(a->dimension, b->dimension);
	return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

static int
qsort_cmp(const void *a, const void *b)
{
	return cap_key_cmp((const cap_delta *) a, (const cap_delta *) b);
}

int
cap_deltas_normalize(cap_delta *d, int n)
{
	int			i,
				out = 0;

	if (n <= 0)
		return 0;
	qsort(d, (size_t) n, sizeof(cap_delta), qsort_cmp);
	for (i = 0; i < n; i++)
	{
		if (out > 0 && cap_key_cmp(&d[out - 1], &d[i]) == 0)
		{
			int64_t		a = d[out - 1].amount,
						b = d[i].amount;

			if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
				return -1;
			d[out - 1].amount = a + b;
			d[out - 1].required = d[out - 1].required || d[i].required;
		}
		else
			d[out++] = d[i];
	}
	/* drop what changes nothing and checks nothing */
	n = out;
	out = 0;
	for (i = 0; i < n; i++)
		if (d[i].amount != 0 || d[i].required)
			d[out++] = d[i];
	return out;
}

int
cap_status_books(const char *status)
{
	if (status == NULL)
		return -1;
	if (strcmp(status, "proposed") == 0 || strcmp(status, "accepted") == 0 ||
		strcmp(status, "settled") == 0)
		return 1;
	if (strcmp(status, "withdrawn") == 0)
		return 0;
	return -1;
}

bool
cap_dimension_reserved(const char *dimension)
{
	return dimension != NULL &&
		(strcmp(dimension, CAP_DIM_PERSONS) == 0 || strcmp(dimension, CAP_DIM_MINORS) == 0);
}

cap_verdict
cap_check(bool has_counter, bool has_limit, int64_t limit,
		  int64_t booked, int64_t asked, bool required, int64_t *left)
{
	int64_t		l = 0;

	if (has_counter && has_limit && limit > booked)
		l = limit - booked;
	if (left)
		*left = l;
	if (asked < 0)
	{
		if (!has_counter)
			return CAP_NO_COUNTER;
		return booked + asked < 0 ? CAP_BELOW_ZERO : CAP_FITS;
	}
	if (asked == 0 && !required)
		return CAP_FITS;
	if (!has_counter)
		return CAP_NO_COUNTER;
	if (!has_limit)
		return CAP_NO_LIMIT;
	if (booked > INT64_MAX - asked)
		return CAP_OVERFLOW;
	return booked + asked <= limit ? CAP_FITS : CAP_EXCEEDS;
}

cap_verdict
cap_check_limit(bool has_limit, int64_t limit, int64_t booked)
{
	if (booked == 0)
		return CAP_FITS;
	if (!has_limit)
		return CAP_NO_LIMIT;
	return booked <= limit ? CAP_FITS : CAP_EXCEEDS;
}
