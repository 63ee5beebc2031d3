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

static void
order_by_household(cap_hh_change *c, int n)
{
	if (n == 2 && c[1].hh < c[0].hh)
	{
		cap_hh_change t = c[0];

		c[0] = c[1];
		c[1] = t;
	}
}

static cap_hh_change
hh_change(int64_t hh, int64_t dpersons, int64_t dminors, int64_t dneeds,
		  const char *dim, int64_t damount)
{
	cap_hh_change c = {hh, dpersons, dminors, dneeds, dim, damount};

	return c;
}

int
cap_person_changes(bool old_in, int64_t ohh, bool om,
				   bool new_in, int64_t nhh, bool nm, cap_hh_change out[2])
{
	int			n = 0;

	if (old_in && new_in && ohh == nhh)
	{
		if (om == nm)
			return 0;
		out[n++] = hh_change(ohh, 0, (int) nm - (int) om, 0, NULL, 0);
		return n;
	}
	if (old_in)
		out[n++] = hh_change(ohh, -1, om ? -1 : 0, 0, NULL, 0);
	if (new_in)
		out[n++] = hh_change(nhh, 1, nm ? 1 : 0, 0, NULL, 0);
	order_by_household(out, n);
	return n;
}

int
cap_need_changes(bool old_in, int64_t ohh, const char *odim, int64_t oamount,
				 bool new_in, int64_t nhh, const char *ndim, int64_t namount,
				 cap_hh_change out[2])
{
	int			n = 0;

	old_in = old_in && odim != NULL;
	new_in = new_in && ndim != NULL;
	if (old_in && new_in && ohh == nhh)
	{
		if (strcmp(odim, ndim) == 0 && oamount == namount)
			return 0;
		/* one household, its need count unchanged: release the old, add the new */
		out[n++] = hh_change(ohh, 0, 0, 0, odim, -oamount);
		out[n++] = hh_change(nhh, 0, 0, 0, ndim, namount);
		return n;
	}
	if (old_in)
		out[n++] = hh_change(ohh, 0, 0, -1, odim, -oamount);
	if (new_in)
		out[n++] = hh_change(nhh, 0, 0, 1, ndim, namount);
	order_by_household(out, n);
	return n;
}

int
cap_booking_steps(const cap_booking *o, const cap_booking *n, cap_step out[2])
{
	int			k = 0;

	if (!o->books && !n->books)
		return 0;
	if (o->books && n->books && o->hh == n->hh)
	{
		if (o->year == n->year && o->kommunenr == n->kommunenr)
			return 0;			/* proposed -> accepted -> settled */
		out[k].kind = CAP_STEP_MOVE;
		out[k].from = o;
		out[k++].to = n;
		return k;
	}
	if (o->books)
	{
		out[k].kind = CAP_STEP_RELEASE;
		out[k].from = o;
		out[k++].to = NULL;
	}
	if (n->books)
	{
		out[k].kind = CAP_STEP_BOOK;
		out[k].from = NULL;
		out[k++].to = n;
	}
	if (k == 2 && n->hh < o->hh)
	{
		cap_step	t = out[0];

		out[0] = out[1];
		out[1] = t;
	}
	return k;
}
