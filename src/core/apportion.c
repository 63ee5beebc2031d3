/*
 * apportion.c: exact apportionment (see apportion.h for the semantics).
 */
#include "apportion.h"

#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128;

#define CHECK_EVERY 65536

static const char *const method_names[] = {
	"hamilton", "dhondt", "sainte_lague", "modified_sainte_lague",
	"huntington_hill", "adams"
};

apportion_method
apportion_method_from_name(const char *name, size_t len)
{
	size_t		i;

	for (i = 0; i < sizeof(method_names) / sizeof(method_names[0]); i++)
		if (strlen(method_names[i]) == len && memcmp(method_names[i], name, len) == 0)
			return (apportion_method) i;
	return APM_INVALID;
}

const char *
apportion_method_name(apportion_method m)
{
	if (m < APM_HAMILTON || m > APM_ADAMS)
		return "invalid";
	return method_names[m];
}

const char *
apportion_method_names(void)
{
	return "hamilton, dhondt, sainte_lague, modified_sainte_lague, huntington_hill, adams";
}

const char *
apportion_error_text(apportion_error e)
{
	switch (e)
	{
		case APR_OK:
			return "ok";
		case APR_NO_UNITS:
			return "there are no units to apportion over";
		case APR_TOO_MANY_UNITS:
			return "too many units";
		case APR_WEIGHT_TOO_LARGE:
			return "weight too large";
		case APR_ALL_ZERO:
			return "every weight is zero";
		case APR_NEGATIVE_TOTAL:
			return "the total is negative";
		case APR_NEGATIVE_LOWER:
			return "a lower bound is negative";
		case APR_NEGATIVE_UPPER:
			return "an upper bound is negative";
		case APR_LOWER_ABOVE_UPPER:
			return "a lower bound is above its upper bound";
		case APR_TOTAL_BELOW_LOWER:
			return "the total is below the sum of the lower bounds";
		case APR_TOTAL_ABOVE_UPPER:
			return "the total is above the sum of the upper bounds";
		case APR_CANCELLED:
			return "cancelled";
	}
	return "unknown error";
}

/* ---------------------------------------------------------------- 256-bit */

typedef struct u256
{
	uint64_t	w[4];			/* little-endian limbs */
} u256;

static u256
mul128(u128 a, u128 b)
{
	uint64_t	a0 = (uint64_t) a, a1 = (uint64_t) (a >> 64);
	uint64_t	b0 = (uint64_t) b, b1 = (uint64_t) (b >> 64);
	u128		p00 = (u128) a0 * b0, p01 = (u128) a0 * b1;
	u128		p10 = (u128) a1 * b0, p11 = (u128) a1 * b1;
	u128		mid;
	u256		r;

	r.w[0] = (uint64_t) p00;
	/* column 1: hi(p00) + lo(p01) + lo(p10) */
	mid = (p00 >> 64) + (uint64_t) p01 + (uint64_t) p10;
	r.w[1] = (uint64_t) mid;
	/* column 2: carry + hi(p01) + hi(p10) + lo(p11) */
	mid = (mid >> 64) + (p01 >> 64) + (p10 >> 64) + (uint64_t) p11;
	r.w[2] = (uint64_t) mid;
	r.w[3] = (uint64_t) ((mid >> 64) + (p11 >> 64));
	return r;
}

int
apportion_cmp_products(u128 a, u128 b, u128 c, u128 d)
{
	u256		x = mul128(a, b), y = mul128(c, d);
	int			i;

	for (i = 3; i >= 0; i--)
		if (x.w[i] != y.w[i])
			return x.w[i] < y.w[i] ? -1 : 1;
	return 0;
}

/* ------------------------------------------------------ divisor methods */

/*
 * Integer divisor of slot k (the (k+1)-th unit of a unit), scaled so that
 * all are integers: quotient = w / dd(k).  Huntington-Hill uses the square
 * dd(k) = k(k+1) and compares squared weights.
 */
static inline uint64_t
divisor(apportion_method m, uint64_t k)
{
	switch (m)
	{
		case APM_DHONDT:
			return k + 1;
		case APM_SAINTE_LAGUE:
			return 2 * k + 1;
		case APM_MODIFIED_SAINTE_LAGUE:
			return k == 0 ? 7 : 10 * k + 5;
		case APM_ADAMS:
			return k;
		case APM_HUNTINGTON_HILL:
			return k * (k + 1);
		default:
			return 1;
	}
}

/* Quotient of (i, slot ki) <=> quotient of (j, slot kj): >0, 0, <0. */
static inline int
cmp_quotient(apportion_method m, const uint64_t *w, size_t i, uint64_t ki,
			 size_t j, uint64_t kj)
{
	uint64_t	wi = w[i], wj = w[j];

	if (wi == 0 || wj == 0)
		return (wi != 0) - (wj != 0);
	if (m == APM_HUNTINGTON_HILL)
		return apportion_cmp_products((u128) wi * wi, divisor(m, kj),
									  (u128) wj * wj, divisor(m, ki));
	else
	{
		u128		l = (u128) wi * divisor(m, kj);
		u128		r = (u128) wj * divisor(m, ki);

		return l > r ? 1 : (l < r ? -1 : 0);
	}
}

/* Does unit i (at a[i]) get the next unit before unit j (at a[j])? */
static inline bool
before(apportion_method m, const uint64_t *w, const int32_t *a, uint32_t i,
	   uint32_t j)
{
	int			c = cmp_quotient(m, w, i, (uint64_t) a[i], j, (uint64_t) a[j]);

	return c > 0 || (c == 0 && i < j);
}

/*
 * How many slots k >= 0 of a unit with weight w have quotient strictly above
 * the threshold W/t, i.e. w*t > W*dd(k); capped at cap.
 */
static uint64_t
slots_above(apportion_method m, uint64_t w, u128 W, uint64_t t, uint64_t cap)
{
	u128		L = (u128) w * t;
	u128		D;
	u128		c;

	if (L == 0)
		return 0;
	if (m == APM_HUNTINGTON_HILL)
	{
		/* k(k+1) < (L/W)^2: k = 0..c-1 always, k = c if c(c+1)W^2 < L^2 */
		c = L / W;
		if (c >= cap)
			return cap;
		if (apportion_cmp_products(c * W, (c + 1) * W, L, L) < 0)
			c++;
		return c > cap ? cap : (uint64_t) c;
	}
	D = (L - 1) / W;			/* dd(k) <= D */
	switch (m)
	{
		case APM_DHONDT:
			c = D;
			break;
		case APM_SAINTE_LAGUE:
			c = D == 0 ? 0 : (D - 1) / 2 + 1;
			break;
		case APM_MODIFIED_SAINTE_LAGUE:
			c = D < 7 ? 0 : 1 + (D >= 15 ? (D - 15) / 10 + 1 : 0);
			break;
		case APM_ADAMS:
			c = D + 1;
			break;
		default:
			c = 0;
	}
	return c > cap ? cap : (uint64_t) c;
}

typedef struct run_ctx
{
	apportion_method m;
	const uint64_t *w;
	size_t		n;
	int32_t		total;
	const int32_t *lo;
	const int32_t *hi;
	const apportion_callback *cb;
	size_t		ticks;
} run_ctx;

static inline int32_t
lo_of(const run_ctx *c, size_t i)
{
	return c->lo ? c->lo[i] : 0;
}

/* Upper bound, capped at the total (a unit can never take more). */
static inline int32_t
hi_of(const run_ctx *c, size_t i)
{
	return (c->hi && c->hi[i] < c->total) ? c->hi[i] : c->total;
}

static inline bool
tick(run_ctx *c)
{
	if (++c->ticks % CHECK_EVERY == 0 && c->cb && c->cb->check)
		return c->cb->check(c->cb->arg) != 0;
	return false;
}

/* Units above the lower bounds that threshold W/t gives; -1 if cancelled. */
static int64_t
count_at(run_ctx *c, u128 W, uint64_t t)
{
	int64_t		sum = 0;
	size_t		i;

	for (i = 0; i < c->n; i++)
	{
		uint64_t	s = slots_above(c->m, c->w[i], W, t, (uint64_t) hi_of(c, i));

		if (s > (uint64_t) lo_of(c, i))
			sum += (int64_t) (s - (uint64_t) lo_of(c, i));
		if (tick(c))
			return -1;
	}
	return sum;
}

static void
sift_down(run_ctx *c, uint32_t *heap, size_t len, size_t pos, const int32_t *a)
{
	uint32_t	x = heap[pos];

	for (;;)
	{
		size_t		l = 2 * pos + 1, best;

		if (l >= len)
			break;
		best = l;
		if (l + 1 < len && before(c->m, c->w, a, heap[l + 1], heap[l]))
			best = l + 1;
		if (!before(c->m, c->w, a, heap[best], x))
			break;
		heap[pos] = heap[best];
		pos = best;
	}
	heap[pos] = x;
}

static apportion_result
run_divisor(run_ctx *c, int32_t *a, void *work)
{
	apportion_result res = {APR_OK, 0, 0, 0};
	uint32_t   *heap = (uint32_t *) work;
	size_t		n = c->n, len = 0, i;
	int64_t		K = c->total, got = 0;
	u128		W = 0;

	for (i = 0; i < n; i++)
	{
		a[i] = lo_of(c, i);
		K -= a[i];
		W += c->w[i];
	}

	/*
	 * Jump start.  All slots with quotient strictly above a threshold W/t
	 * belong to the answer as long as there are at most K of them (they beat
	 * every other slot).  Look for a t that gives close to K (within n/64),
	 * so that the heap hands out few units.
	 */
	if (K > 64)
	{
		uint64_t	scale = c->m == APM_SAINTE_LAGUE ? 2 :
			c->m == APM_MODIFIED_SAINTE_LAGUE ? 10 : 1;
		const uint64_t tmax = (uint64_t) 1 << 60;
		uint64_t	t = scale * (uint64_t) c->total, lo_t = 0, hi_t = 0;
		int64_t		lo_c = 0, hi_c = 0, slack = (int64_t) (n / 64) + 8;
		int			iter;

		if (t == 0)
			t = 1;
		for (iter = 0; iter < 64; iter++)
		{
			int64_t		cnt = count_at(c, W, t);
			uint64_t	next;

			if (cnt < 0)
			{
				res.error = APR_CANCELLED;
				return res;
			}
			if (cnt <= K)
			{
				lo_t = t;
				lo_c = cnt;
				if (K - cnt <= slack)
					break;
			}
			else
			{
				hi_t = t;
				hi_c = cnt;
			}
			if (hi_t == 0)
			{
				/* no upper side yet: grow in proportion, at least double */
				if (t >= tmax)
					break;
				next = cnt > 0 && t < tmax / 4 ?
					(uint64_t) ((u128) t * (uint64_t) K / (uint64_t) cnt) + 1 : 2 * t;
				if (next <= t)
					next = t + 1;
				if (next > tmax)
					next = tmax;
			}
			else
			{
				if (hi_t - lo_t <= 1)
					break;
				if (iter % 2 == 0 && hi_c > lo_c)
					next = lo_t + (uint64_t) ((u128) (hi_t - lo_t) *
											  (uint64_t) (K - lo_c) /
											  (uint64_t) (hi_c - lo_c));
				else
					next = lo_t + (hi_t - lo_t) / 2;
				if (next <= lo_t)
					next = lo_t + 1;
				if (next >= hi_t)
					next = hi_t - 1;
			}
			t = next;
		}
		if (lo_t > 0)
		{
			for (i = 0; i < n; i++)
			{
				uint64_t	s = slots_above(c->m, c->w[i], W, lo_t,
											(uint64_t) hi_of(c, i));

				if (s > (uint64_t) a[i])
				{
					got += (int64_t) s - a[i];
					a[i] = (int32_t) s;
				}
			}
			K -= got;
		}
	}

	/* The rest one by one: highest quotient first, lower index on ties. */
	for (i = 0; i < n; i++)
		if (a[i] < hi_of(c, i))
			heap[len++] = (uint32_t) i;
	for (i = len / 2; i-- > 0;)
	{
		sift_down(c, heap, len, i, a);
		if (tick(c))
		{
			res.error = APR_CANCELLED;
			return res;
		}
	}
	while (K > 0 && len > 0)
	{
		uint32_t	top = heap[0];

		a[top]++;
		K--;
		if (a[top] >= hi_of(c, top))
			heap[0] = heap[--len];
		if (len > 0)
			sift_down(c, heap, len, 0, a);
		if (tick(c))
		{
			res.error = APR_CANCELLED;
			return res;
		}
	}
	return res;
}

/* ------------------------------------------------------------- hamilton */

typedef struct event
{
	uint32_t	unit;
	uint32_t	is_end;			/* 0: lo/w (starts moving), 1: hi/w (stops) */
} event;


/* A unit that is free to take one more unit by its remainder. */
typedef struct remainder
{
	u128		rem;
	uint32_t	unit;
} remainder;

/* Does a come before b: larger remainder, then lower index? */
static inline bool
rem_before(const remainder *a, const remainder *b)
{
	return a->rem > b->rem || (a->rem == b->rem && a->unit < b->unit);
}

static inline void
rem_swap(remainder *a, remainder *b)
{
	remainder	t = *a;

	*a = *b;
	*b = t;
}

/*
 * Move the k first (by rem_before) of r[0..n) to r[0..k): quickselect with
 * a median-of-three pivot, O(n) on average.
 */
static bool
select_first(run_ctx *c, remainder *r, size_t n, size_t k)
{
	size_t		lo = 0, hi = n;

	while (hi - lo > 1 && k > lo && k < hi)
	{
		size_t		mid = lo + (hi - lo) / 2, i, store;

		/* median of three to r[hi-1] */
		if (rem_before(&r[mid], &r[lo]))
			rem_swap(&r[mid], &r[lo]);
		if (rem_before(&r[hi - 1], &r[lo]))
			rem_swap(&r[hi - 1], &r[lo]);
		if (rem_before(&r[mid], &r[hi - 1]))
			rem_swap(&r[mid], &r[hi - 1]);
		store = lo;
		for (i = lo; i < hi - 1; i++)
		{
			if (rem_before(&r[i], &r[hi - 1]))
				rem_swap(&r[i], &r[store++]);
			if (tick(c))
				return false;
		}
		rem_swap(&r[store], &r[hi - 1]);
		/* r[lo..store) before the pivot, r[store] the pivot */
		if (store == k || store + 1 == k)
			return true;
		if (k < store)
			hi = store;
		else
			lo = store + 1;
	}
	return true;
}

static inline int32_t
event_x(const run_ctx *c, const event *e)
{
	return e->is_end ? hi_of(c, e->unit) : lo_of(c, e->unit);
}

static int
cmp_event(const run_ctx *c, const event *a, const event *b)
{
	u128		l = (u128) (uint64_t) event_x(c, a) * c->w[b->unit];
	u128		r = (u128) (uint64_t) event_x(c, b) * c->w[a->unit];

	return l < r ? -1 : (l > r ? 1 : 0);
}

/*
 * Sort the events by position: a bottom-up merge sort into tmp and back
 * (O(n log n), as fast as qsort here, and unlike qsort it can stop for a
 * cancel between steps).  Returns the sorted array (ev or tmp), or NULL if
 * cancelled.
 */
static event *
sort_events(run_ctx *c, event *ev, event *tmp, size_t n)
{
	for (size_t width = 1; width < n; width *= 2)
	{
		for (size_t lo = 0; lo < n; lo += 2 * width)
		{
			size_t		mid = lo + width < n ? lo + width : n,
						hi = lo + 2 * width < n ? lo + 2 * width : n,
						a = lo, b = mid, k = lo;

			while (a < mid && b < hi)
			{
				tmp[k++] = cmp_event(c, &ev[b], &ev[a]) < 0 ? ev[b++] : ev[a++];
				if (tick(c))
					return NULL;
			}
			while (a < mid)
				tmp[k++] = ev[a++];
			while (b < hi)
				tmp[k++] = ev[b++];
		}
		{
			event	   *swap = ev;

			ev = tmp;
			tmp = swap;
		}
	}
	return ev;
}

static apportion_result
run_hamilton(run_ctx *c, int32_t *a, void *work)
{
	apportion_result res = {APR_OK, 0, 0, 0};
	size_t		n = c->n, i, nfree = 0;
	/* 16-byte alignment for the 128-bit remainders (palloc gives 8) */
	remainder  *rem = (remainder *) (((uintptr_t) work + 15) & ~(uintptr_t) 15);
	event	   *ev = (event *) (rem + n);
	u128		W = 0, P = 0, Q = 1;
	int64_t		H = c->total, sum = 0, cap_all = 0;
	bool		fast = true;

	for (i = 0; i < n; i++)
	{
		W += c->w[i];
		cap_all += c->w[i] ? hi_of(c, i) : lo_of(c, i);
	}

	/* Positive units all at their upper bound, zero weights fill the rest. */
	if (H >= cap_all)
	{
		int64_t		left = H - cap_all;

		for (i = 0; i < n; i++)
			a[i] = c->w[i] ? hi_of(c, i) : lo_of(c, i);
		for (i = 0; i < n && left > 0; i++)
			if (c->w[i] == 0)
			{
				int64_t		more = hi_of(c, i) - a[i];

				if (more > left)
					more = left;
				a[i] += (int32_t) more;
				left -= more;
			}
		return res;
	}

	/* Is lambda = H/W inside every unit's bounds? (no bounds: always) */
	for (i = 0; i < n && fast; i++)
	{
		u128		hw = (u128) (uint64_t) H * c->w[i];

		if (hw < (u128) (uint64_t) lo_of(c, i) * W ||
			hw > (u128) (uint64_t) hi_of(c, i) * W)
			fast = false;
	}
	if (fast)
	{
		P = (u128) (uint64_t) H;
		Q = W;
	}
	else
	{
		/*
		 * f(lambda) = sum clamp(lambda*w, lo, hi) is piecewise linear; sweep
		 * its breakpoints lo/w and hi/w to the segment where it reaches H.
		 */
		size_t		nev = 0, g, k;
		int64_t		C = 0;
		u128		S = 0;
		bool		found = false;

		for (i = 0; i < n; i++)
		{
			C += lo_of(c, i);
			if (c->w[i])
			{
				ev[nev].unit = (uint32_t) i;
				ev[nev++].is_end = 0;
				ev[nev].unit = (uint32_t) i;
				ev[nev++].is_end = 1;
			}
		}
		ev = sort_events(c, ev, ev + 2 * n, nev);
		if (ev == NULL)
		{
			res.error = APR_CANCELLED;
			return res;
		}
		for (g = 0; g < nev && !found; g = k)
		{
			uint64_t	x = (uint64_t) event_x(c, &ev[g]);
			uint64_t	wv = c->w[ev[g].unit];

			/* f(v) = C + v*S >= H ? */
			if ((u128) (uint64_t) C * wv + (u128) x * S >= (u128) (uint64_t) H * wv)
			{
				if (S > 0)
				{
					P = (u128) (uint64_t) (H - C);
					Q = S;
				}
				else
				{
					P = x;
					Q = wv;
				}
				found = true;
				break;
			}
			for (k = g; k < nev && cmp_event(c, &ev[g], &ev[k]) == 0; k++)
			{
				uint32_t	u = ev[k].unit;

				if (ev[k].is_end)
				{
					C += hi_of(c, u);
					S -= c->w[u];
				}
				else
				{
					C -= lo_of(c, u);
					S += c->w[u];
				}
			}
			if (tick(c))
			{
				res.error = APR_CANCELLED;
				return res;
			}
		}
		if (!found)
		{
			/* cannot happen: f reaches cap_all > H at the last breakpoint */
			P = 0;
			Q = 1;
		}
	}

	/* Quotas P*w/Q: fixed at a bound, or floor + remainder. */
	for (i = 0; i < n; i++)
	{
		u128		N = P * c->w[i];

		if (c->w[i] == 0 || N <= (u128) (uint64_t) lo_of(c, i) * Q)
			a[i] = lo_of(c, i);
		else if (N >= (u128) (uint64_t) hi_of(c, i) * Q)
			a[i] = hi_of(c, i);
		else
		{
			u128		q = N / Q;

			a[i] = (int32_t) q;
			rem[nfree].rem = N - q * Q;
			rem[nfree++].unit = (uint32_t) i;
		}
		sum += a[i];
		if (tick(c))
		{
			res.error = APR_CANCELLED;
			return res;
		}
	}
	if (H > sum)
	{
		size_t		left = (size_t) (H - sum);

		/* the largest remainders, lower index first on ties */
		if (left > nfree)
			left = nfree;
		if (!select_first(c, rem, nfree, left))
		{
			res.error = APR_CANCELLED;
			return res;
		}
		for (i = 0; i < left; i++)
			a[rem[i].unit]++;
	}
	return res;
}

/* ----------------------------------------------------------------- entry */

size_t
apportion_work_size(size_t n)
{
	/*
	 * hamilton: a remainder (32) and 2 events (16) per unit, 2 more events
	 * to merge-sort into (16), and room to align the start to 16 bytes; the
	 * divisor methods need less (a heap)
	 */
	return n * (sizeof(remainder) + 4 * sizeof(event)) + 16;
}

apportion_result
apportion_run(apportion_method method, const uint64_t *weights, size_t n,
			  int32_t total, const int32_t *lower, const int32_t *upper,
			  int32_t *out, void *work, const apportion_callback *cb)
{
	apportion_result res = {APR_OK, 0, 0, 0};
	run_ctx		c;
	int64_t		sum_lo = 0, sum_hi = 0;
	bool		any = false;
	size_t		i;

	if (n == 0)
	{
		res.error = APR_NO_UNITS;
		return res;
	}
	if (n > APPORTION_MAX_UNITS)
	{
		res.error = APR_TOO_MANY_UNITS;
		res.value = (int64_t) n;
		return res;
	}
	if (total < 0)
	{
		res.error = APR_NEGATIVE_TOTAL;
		res.value = total;
		return res;
	}
	for (i = 0; i < n; i++)
	{
		int32_t		lo = lower ? lower[i] : 0;

		if (weights[i] > APPORTION_MAX_WEIGHT)
		{
			res.error = APR_WEIGHT_TOO_LARGE;
			res.unit = i;
			return res;
		}
		any |= weights[i] != 0;
		if (lo < 0)
		{
			res.error = APR_NEGATIVE_LOWER;
			res.unit = i;
			res.value = lo;
			return res;
		}
		if (upper && upper[i] < 0)
		{
			res.error = APR_NEGATIVE_UPPER;
			res.unit = i;
			res.value = upper[i];
			return res;
		}
		if (upper && lo > upper[i])
		{
			res.error = APR_LOWER_ABOVE_UPPER;
			res.unit = i;
			res.value = lo;
			res.value2 = upper[i];
			return res;
		}
		sum_lo += lo;
		sum_hi += upper ? upper[i] : (int64_t) total;
	}
	if (!any)
	{
		res.error = APR_ALL_ZERO;
		return res;
	}
	if (sum_lo > total)
	{
		res.error = APR_TOTAL_BELOW_LOWER;
		res.value = total;
		res.value2 = sum_lo;
		return res;
	}
	if (sum_hi < total)
	{
		res.error = APR_TOTAL_ABOVE_UPPER;
		res.value = total;
		res.value2 = sum_hi;
		return res;
	}

	c.m = method;
	c.w = weights;
	c.n = n;
	c.total = total;
	c.lo = lower;
	c.hi = upper;
	c.cb = cb;
	c.ticks = 0;
	if (method == APM_HAMILTON)
		return run_hamilton(&c, out, work);
	return run_divisor(&c, out, work);
}

/* -------------------------------------------------------- decimal input */

apportion_decimal_error
apportion_decimal_parse(const char *s, size_t len, uint64_t *mantissa,
						int32_t *exp10)
{
	size_t		p = 0, ndig = 0;
	bool		neg = false, seen_dot = false, any_digit = false;
	uint64_t	m = 0;
	int64_t		e = 0;
	int			pending_zeros = 0;	/* zeros not yet multiplied in */

	while (p < len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	while (len > p && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (p < len && (s[p] == '-' || s[p] == '+'))
		neg = s[p++] == '-';
	if (len - p >= 3 && (strncmp(s + p, "NaN", 3) == 0 ||
						 strncmp(s + p, "Inf", 3) == 0))
		return APD_NOT_FINITE;
	for (; p < len; p++)
	{
		char		ch = s[p];

		if (ch == '.' && !seen_dot)
		{
			seen_dot = true;
			continue;
		}
		if (ch < '0' || ch > '9')
			return APD_SYNTAX;
		any_digit = true;
		if (ch == '0')
		{
			/* defer zeros: trailing ones only change the exponent */
			if (ndig > 0)
				pending_zeros++;
			if (seen_dot)
				e--;
			continue;
		}
		/* a non-zero digit: multiply in the deferred zeros, then it */
		while (pending_zeros > 0)
		{
			if (++ndig > 18)
				return APD_TOO_PRECISE;
			m *= 10;
			pending_zeros--;
		}
		if (++ndig > 18)
			return APD_TOO_PRECISE;
		m = m * 10 + (uint64_t) (ch - '0');
		if (seen_dot)
			e--;
	}
	if (!any_digit)
		return APD_SYNTAX;
	/* deferred trailing zeros: in the integer part they raise the exponent */
	if (m == 0)
	{
		*mantissa = 0;
		*exp10 = 0;
		return APD_OK;
	}
	if (neg)
		return APD_NEGATIVE;
	/*
	 * e counted every fraction digit; trailing zeros (pending) were not put
	 * into m, so they add back to the exponent.
	 */
	e += pending_zeros;
	if (e < -1000000 || e > 1000000)
		return APD_TOO_PRECISE;
	*mantissa = m;
	*exp10 = (int32_t) e;
	return APD_OK;
}

bool
apportion_decimal_scale(uint64_t *mantissa, const int32_t *exp10, size_t n,
						size_t *bad)
{
	int32_t		e0 = INT32_MAX;
	size_t		i;

	for (i = 0; i < n; i++)
		if (mantissa[i] != 0 && exp10[i] < e0)
			e0 = exp10[i];
	for (i = 0; i < n; i++)
	{
		int64_t		d;
		uint64_t	v = mantissa[i];

		if (v == 0)
			continue;
		for (d = (int64_t) exp10[i] - e0; d > 0; d--)
		{
			if (v > APPORTION_MAX_WEIGHT / 10)
			{
				*bad = i;
				return false;
			}
			v *= 10;
		}
		mantissa[i] = v;
	}
	return true;
}
