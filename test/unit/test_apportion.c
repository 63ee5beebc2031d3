/*
 * test_apportion.c: unit and property tests of src/core/apportion.c.
 * Published results (Storting seats, textbook cases) are checked against the
 * oracle files in sql/alloc_apportion_oracles.sql; here: properties over
 * many random inputs, against naive reference implementations written
 * independently (sequential allocation, the iterative Swiss procedure).
 */
#include "apportion.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128;

#define MAXN 64
#define ROUNDS 3000

static const apportion_method divisor_methods[] = {
	APM_DHONDT, APM_SAINTE_LAGUE, APM_MODIFIED_SAINTE_LAGUE,
	APM_HUNTINGTON_HILL, APM_ADAMS
};

/* xorshift64*: deterministic random numbers */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}
static int64_t
rnd_in(int64_t lo, int64_t hi)
{
	return lo + (int64_t) (rnd() % (uint64_t) (hi - lo + 1));
}

static void *workspace;
static apportion_result
run(apportion_method m, const uint64_t *w, size_t n, int32_t total,
	const int32_t *lo, const int32_t *hi, int32_t *out)
{
	return apportion_run(m, w, n, total, lo, hi, out, workspace, NULL);
}

/*
 * Reference divisor method: from the lower bounds, one unit at a time to the
 * highest quotient (independent arithmetic: rational divisors as num/den in
 * int64, small inputs only; Huntington-Hill compares squares).
 */
static void
divisor_nd(apportion_method m, int64_t k, int64_t *num, int64_t *den)
{
	*den = 1;
	switch (m)
	{
		case APM_DHONDT:
			*num = k + 1;
			break;
		case APM_SAINTE_LAGUE:
			*num = 2 * k + 1;
			*den = 2;
			break;
		case APM_MODIFIED_SAINTE_LAGUE:
			if (k == 0)
			{
				*num = 14;
				*den = 10;
			}
			else
				*num = 2 * k + 1;
			break;
		case APM_ADAMS:
			*num = k;
			break;
		default:				/* huntington-hill, squared */
			*num = k * (k + 1);
			break;
	}
}

static int
ref_cmp(apportion_method m, int64_t wi, int64_t ki, int64_t wj, int64_t kj)
{
	int64_t		ni, di, nj, dj, l, r;

	if (wi == 0 || wj == 0)
		return (wi != 0) - (wj != 0);
	divisor_nd(m, ki, &ni, &di);
	divisor_nd(m, kj, &nj, &dj);
	if (m == APM_HUNTINGTON_HILL)
	{
		wi *= wi;
		wj *= wj;
	}
	/* wi*di/ni vs wj*dj/nj, ni or nj may be 0 (infinite quotient) */
	if (ni == 0 || nj == 0)
		return (ni == 0) - (nj == 0);
	l = wi * di * nj;
	r = wj * dj * ni;
	return (l > r) - (l < r);
}

static void
ref_divisor(apportion_method m, const uint64_t *w, int n, int32_t total,
			const int32_t *lo, const int32_t *hi, int32_t *a)
{
	int			i, s = 0;

	for (i = 0; i < n; i++)
		s += a[i] = lo ? lo[i] : 0;
	for (; s < total; s++)
	{
		int			best = -1;

		for (i = 0; i < n; i++)
		{
			if (a[i] >= (hi ? hi[i] : total))
				continue;
			if (best < 0 || ref_cmp(m, (int64_t) w[i], a[i], (int64_t) w[best], a[best]) > 0)
				best = i;
		}
		a[best]++;
	}
}

/*
 * Reference Hamilton with lower bounds only (Swiss BPR Art. 17 pattern):
 * fix units whose quota is below their lower bound, recompute, until stable;
 * then floors and largest remainders, lower index first on ties.
 */
static void
ref_hamilton_lower(const uint64_t *w, int n, int32_t total, const int32_t *lo,
				   int32_t *a)
{
	bool		fixed[MAXN] = {false};
	bool		changed = true;
	int64_t		H = total, W = 0, rem[MAXN];
	int			i, j, s = 0;

	while (changed)
	{
		changed = false;
		H = total;
		W = 0;
		for (i = 0; i < n; i++)
			if (fixed[i])
				H -= lo[i];
			else
				W += (int64_t) w[i];
		for (i = 0; i < n; i++)
			if (!fixed[i] && (W == 0 || H * (int64_t) w[i] < (int64_t) lo[i] * W))
				fixed[i] = changed = true;
	}
	for (i = 0; i < n; i++)
	{
		if (fixed[i])
			a[i] = lo[i];
		else
		{
			a[i] = (int32_t) (H * (int64_t) w[i] / W);
			rem[i] = H * (int64_t) w[i] % W;
		}
		s += a[i];
	}
	for (; s < total; s++)
	{
		j = -1;
		for (i = 0; i < n; i++)
			if (!fixed[i] && (j < 0 || rem[i] > rem[j]))
				j = i;
		a[j]++;
		rem[j] = -1;
	}
}

/* Do two units of different weight tie at the margin (last given vs next)? */
static bool
margin_tie(apportion_method m, const uint64_t *w, int n, const int32_t *a,
		   const int32_t *lo, const int32_t *hi)
{
	int			i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (w[i] != w[j] && a[i] > lo[i] && a[j] < hi[j] &&
				ref_cmp(m, (int64_t) w[i], a[i] - 1, (int64_t) w[j], a[j]) == 0)
				return true;
	return false;
}

static int
sum_of(const int32_t *a, int n)
{
	int			i, s = 0;

	for (i = 0; i < n; i++)
		s += a[i];
	return s;
}

/* Reference 128x128 product in 32-bit limbs (schoolbook). */
static void
mul_ref(u128 x, u128 y, uint32_t out[8])
{
	uint32_t	a[4], b[4];
	uint64_t	acc[8] = {0};
	int			i, j;

	for (i = 0; i < 4; i++)
	{
		a[i] = (uint32_t) (x >> (32 * i));
		b[i] = (uint32_t) (y >> (32 * i));
	}
	for (i = 0; i < 4; i++)
	{
		uint64_t	carry = 0;

		for (j = 0; j < 4; j++)
		{
			uint64_t	t = (uint64_t) a[i] * b[j] + acc[i + j] + carry;

			acc[i + j] = (uint32_t) t;
			carry = t >> 32;
		}
		acc[i + 4] += carry;
	}
	for (i = 0; i < 8; i++)
		out[i] = (uint32_t) acc[i];
}

static int
check_cancel(void *arg)
{
	return ++*(int *) arg >= 2;
}

int
main(void)
{
	uint64_t	w[MAXN], w2[MAXN];
	int32_t		a[MAXN], b[MAXN], lo[MAXN], hi[MAXN], lo2[MAXN], hi2[MAXN];
	int			perm[MAXN];
	int			r, i, j, mi;
	int			bad_sum = 0, bad_bounds = 0, bad_ref = 0, bad_mono = 0,
				bad_quota = 0, bad_perm = 0, bad_jump = 0, bad_ham_lo = 0,
				bad_ham_hi = 0, bad_ham_bounds = 0;
	apportion_result res;

	workspace = malloc(apportion_work_size(1 << 20));

	/* --- names */
	ok(apportion_method_from_name("sainte_lague", 12) == APM_SAINTE_LAGUE &&
	   apportion_method_from_name("hamilton", 8) == APM_HAMILTON &&
	   apportion_method_from_name("dhondt", 6) == APM_DHONDT &&
	   apportion_method_from_name("modified_sainte_lague", 21) == APM_MODIFIED_SAINTE_LAGUE &&
	   apportion_method_from_name("huntington_hill", 15) == APM_HUNTINGTON_HILL &&
	   apportion_method_from_name("adams", 5) == APM_ADAMS &&
	   apportion_method_from_name("webster", 7) == APM_INVALID,
	   "the six method names are known, others are not");

	/* --- 256-bit products against shift-and-add */
	{
		int			bad = 0;

		for (r = 0; r < 20000; r++)
		{
			u128		x = ((u128) rnd() << 64 | rnd()) >> (rnd() % 100);
			u128		y = ((u128) rnd() << 64 | rnd()) >> (rnd() % 100);
			u128		z = ((u128) rnd() << 64 | rnd()) >> (rnd() % 100);
			u128		v = (r % 3 == 0) ? x : ((u128) rnd() << 64 | rnd()) >> (rnd() % 100);
			uint32_t	p[8], q[8];
			int			k, c, expect;

			mul_ref(x, y, p);
			mul_ref(z, v, q);
			expect = 0;
			for (k = 7; k >= 0 && expect == 0; k--)
				if (p[k] != q[k])
					expect = p[k] < q[k] ? -1 : 1;
			c = apportion_cmp_products(x, y, z, v);
			if (c != expect)
				bad++;
		}
		ok(bad == 0, "128x128-bit products compare exactly (20000 random pairs, %d wrong)", bad);
	}

	/* --- decimal weights */
	{
		uint64_t	m;
		int32_t		e;
		uint64_t	ms[3];
		int32_t		es[3];
		size_t		badu;

		ok(apportion_decimal_parse("123.4500", 8, &m, &e) == APD_OK && m == 12345 && e == -2,
		   "123.4500 is 12345e-2");
		ok(apportion_decimal_parse("1200", 4, &m, &e) == APD_OK && m == 12 && e == 2,
		   "1200 is 12e2");
		ok(apportion_decimal_parse("10.5", 4, &m, &e) == APD_OK && m == 105 && e == -1 &&
		   apportion_decimal_parse("0.05", 4, &m, &e) == APD_OK && m == 5 && e == -2 &&
		   apportion_decimal_parse("0", 1, &m, &e) == APD_OK && m == 0,
		   "10.5, 0.05 and 0 are read exactly");
		ok(apportion_decimal_parse("-1", 2, &m, &e) == APD_NEGATIVE &&
		   apportion_decimal_parse("NaN", 3, &m, &e) == APD_NOT_FINITE &&
		   apportion_decimal_parse("Infinity", 8, &m, &e) == APD_NOT_FINITE &&
		   apportion_decimal_parse("1x", 2, &m, &e) == APD_SYNTAX &&
		   apportion_decimal_parse("1234567890123456789", 19, &m, &e) == APD_TOO_PRECISE,
		   "negative, NaN, Infinity, garbage and 19 significant digits are refused");
		ms[0] = 2;
		es[0] = 0;
		ms[1] = 18;
		es[1] = -1;
		ms[2] = 5;
		es[2] = 3;
		ok(apportion_decimal_scale(ms, es, 3, &badu) && ms[0] == 20 && ms[1] == 18 && ms[2] == 50000,
		   "2, 1.8 and 5000 scale to 20, 18, 50000 (tenths)");
		ms[0] = 1;
		es[0] = -10;
		ms[1] = 1;
		es[1] = 10;
		ok(!apportion_decimal_scale(ms, es, 2, &badu) && badu == 1,
		   "weights 20 decimal orders apart do not fit and the unit is named");
	}

	/* --- errors */
	w[0] = 1;
	w[1] = 2;
	ok(run(APM_SAINTE_LAGUE, w, 0, 1, NULL, NULL, a).error == APR_NO_UNITS, "no units: error");
	ok(run(APM_SAINTE_LAGUE, w, 2, -1, NULL, NULL, a).error == APR_NEGATIVE_TOTAL, "negative total: error");
	w2[0] = w2[1] = 0;
	ok(run(APM_HAMILTON, w2, 2, 3, NULL, NULL, a).error == APR_ALL_ZERO, "all-zero weights: error");
	lo[0] = 2;
	lo[1] = 2;
	res = run(APM_DHONDT, w, 2, 3, lo, NULL, a);
	ok(res.error == APR_TOTAL_BELOW_LOWER && res.value2 == 4, "total below the sum of lower bounds: error with the sum");
	hi[0] = 1;
	hi[1] = 1;
	res = run(APM_HAMILTON, w, 2, 3, NULL, hi, a);
	ok(res.error == APR_TOTAL_ABOVE_UPPER && res.value2 == 2, "total above the sum of upper bounds: error with the sum");
	lo[0] = 0;
	lo[1] = 3;
	hi[0] = 5;
	hi[1] = 2;
	res = run(APM_DHONDT, w, 2, 3, lo, hi, a);
	ok(res.error == APR_LOWER_ABOVE_UPPER && res.unit == 1, "lower above upper: error naming the unit");
	lo[1] = -1;
	ok(run(APM_DHONDT, w, 2, 3, lo, NULL, a).error == APR_NEGATIVE_LOWER, "negative lower bound: error");
	w2[0] = UINT64_MAX;
	w2[1] = 1;
	ok(run(APM_DHONDT, w2, 2, 3, NULL, NULL, a).error == APR_WEIGHT_TOO_LARGE, "weight of 2^64-1: error");

	/* --- tie rule: equal quotients at the margin go to the lower index */
	{
		int			bad = 0;

		w[0] = w[1] = w[2] = 7;
		for (mi = 0; mi <= APM_ADAMS; mi++)
		{
			if (run((apportion_method) mi, w, 3, 2, NULL, NULL, a).error != APR_OK ||
				a[0] != 1 || a[1] != 1 || a[2] != 0)
				bad++;
		}
		ok(bad == 0, "three equal weights, total 2: every method gives 1,1,0");
	}

	/* --- zero weights take only what the others cannot */
	w[0] = 0;
	w[1] = 5;
	w[2] = 0;
	hi[0] = 4;
	hi[1] = 3;
	hi[2] = 4;
	ok(run(APM_SAINTE_LAGUE, w, 3, 5, NULL, hi, a).error == APR_OK && a[0] == 2 && a[1] == 3 && a[2] == 0 &&
	   run(APM_HAMILTON, w, 3, 5, NULL, hi, b).error == APR_OK && b[0] == 2 && b[1] == 3 && b[2] == 0,
	   "zero weights get units only beyond the others' upper bounds, lowest index first");

	/* --- random properties */
	for (r = 0; r < ROUNDS; r++)
	{
		int			n = (int) rnd_in(1, 40);
		int32_t		total = (int32_t) rnd_in(0, r % 10 == 0 ? 3000 : 120);
		int			use_lo = r % 3 == 1, use_hi = r % 4 == 2;
		int64_t		slo = 0, shi = 0;
		int			dup = r % 5 == 0;

		for (i = 0; i < n; i++)
		{
			w[i] = (uint64_t) rnd_in(0, r % 7 == 0 ? 5 : 20000);
			if (dup && i > 0 && rnd() % 2)
				w[i] = w[rnd() % i];	/* equal weights */
			lo[i] = use_lo ? (int32_t) rnd_in(0, 6) : 0;
			hi[i] = use_hi ? lo[i] + (int32_t) rnd_in(0, 30) : total;
			if (hi[i] < lo[i])
				hi[i] = lo[i];
			slo += lo[i];
			shi += hi[i];
		}
		for (j = 0, i = 0; i < n; i++)
			j |= w[i] != 0;
		if (!j)
			w[rnd() % (uint64_t) n] += 1;	/* one positive weight */
		if (slo > total)
			total = (int32_t) slo;
		if (use_hi && shi < total)
			total = (int32_t) shi;
		if (!use_hi)
			for (i = 0; i < n; i++)
				hi[i] = total > lo[i] ? total : lo[i];

		for (mi = 0; mi <= APM_ADAMS; mi++)
		{
			apportion_method m = (apportion_method) mi;

			res = run(m, w, n, total, use_lo ? lo : NULL, use_hi ? hi : NULL, a);
			if (res.error != APR_OK)
			{
				bad_sum++;
				continue;
			}
			if (sum_of(a, n) != total)
				bad_sum++;
			for (i = 0; i < n; i++)
				if (a[i] < lo[i] || a[i] > hi[i])
					bad_bounds++;

			if (m != APM_HAMILTON)
			{
				/* equals the one-by-one reference */
				ref_divisor(m, w, n, total, use_lo ? lo : NULL, use_hi ? hi : NULL, b);
				if (memcmp(a, b, sizeof(int32_t) * n) != 0)
					bad_ref++;
				/* house monotone: one more never takes from anyone */
				if (!use_hi || total < shi)
				{
					res = run(m, w, n, total + 1, use_lo ? lo : NULL, use_hi ? hi : NULL, b);
					for (i = 0; i < n; i++)
						if (res.error != APR_OK || b[i] < a[i])
						{
							bad_mono++;
							break;
						}
				}
			}
			else if (!use_lo && !use_hi)
			{
				/* within quota: floor(q) <= a <= ceil(q), q = total*w/W */
				int64_t		W = 0;

				for (i = 0; i < n; i++)
					W += (int64_t) w[i];
				for (i = 0; i < n; i++)
				{
					int64_t		num = (int64_t) total * (int64_t) w[i];
					int64_t		fl = num / W, ce = (num + W - 1) / W;

					if (a[i] < fl || a[i] > ce)
						bad_quota++;
				}
			}
			else if (use_lo && !use_hi)
			{
				ref_hamilton_lower(w, n, total, lo, b);
				if (memcmp(a, b, sizeof(int32_t) * n) != 0)
					bad_ham_lo++;
			}
			else if (use_hi && !use_lo)
			{
				/* upper bounds only: fixed units are exactly those above */
				int64_t		W = 0, H = total;
				bool		fixed[MAXN] = {false};
				bool		changed = true;

				while (changed)
				{
					changed = false;
					H = total;
					W = 0;
					for (i = 0; i < n; i++)
						if (fixed[i])
							H -= hi[i];
						else
							W += (int64_t) w[i];
					for (i = 0; i < n; i++)
						if (!fixed[i] && W > 0 && H * (int64_t) w[i] > (int64_t) hi[i] * W)
							fixed[i] = changed = true;
				}
				for (i = 0; i < n; i++)
				{
					if (fixed[i] && a[i] != hi[i])
						bad_ham_hi++;
					else if (!fixed[i] && W > 0)
					{
						int64_t		num = H * (int64_t) w[i];

						if (a[i] < num / W || a[i] > (num + W - 1) / W)
							bad_ham_hi++;
					}
				}
			}
			else
			{
				/* both bounds: every unit within its clamped quota */
				for (i = 0; i < n; i++)
					if (a[i] < lo[i] || a[i] > hi[i])
						bad_ham_bounds++;
			}

			/*
			 * order: a permutation permutes the answer (equal weights: up to
			 * the tie rule).  Only with positive weights from a wide range,
			 * where unequal weights practically never tie at the margin.
			 */
			if (r % 7 == 0)
				continue;
			for (j = 0, i = 0; i < n; i++)
				j |= w[i] == 0 ||
				/* adams, huntington-hill: unfilled first units all tie (infinite quotient) */
					((m == APM_ADAMS || m == APM_HUNTINGTON_HILL) && a[i] == 0 && hi[i] > 0);
			if (j || (m != APM_HAMILTON && margin_tie(m, w, n, a, lo, hi)))
				continue;
			for (i = 0; i < n; i++)
				perm[i] = i;
			for (i = n - 1; i > 0; i--)
			{
				int			k = (int) (rnd() % (uint64_t) (i + 1)), t = perm[i];

				perm[i] = perm[k];
				perm[k] = t;
			}
			/*
			 * Keep the relative order of equal weights (their ties are the
			 * tie rule's business): sort perm's entries within each weight.
			 */
			for (i = 0; i < n; i++)
				for (j = i + 1; j < n; j++)
					if (w[perm[i]] == w[perm[j]] && perm[i] > perm[j])
					{
						int			t = perm[i];

						perm[i] = perm[j];
						perm[j] = t;
					}
			for (i = 0; i < n; i++)
			{
				w2[i] = w[perm[i]];
				lo2[i] = lo[perm[i]];
				hi2[i] = hi[perm[i]];
			}
			res = run(m, w2, n, total, use_lo ? lo2 : NULL, use_hi ? hi2 : NULL, b);
			for (i = 0; i < n && res.error == APR_OK; i++)
				if (b[i] != a[perm[i]])
				{
					bad_perm++;
					break;
				}
			/* equal weights and bounds: the lower index gets at least as much */
			for (i = 0; i < n; i++)
				for (j = i + 1; j < n; j++)
					if (w[i] == w[j] && lo[i] == lo[j] && hi[i] == hi[j] && a[i] < a[j])
						bad_perm++;
			if (res.error != APR_OK)
				bad_perm++;
		}
	}
	ok(bad_sum == 0, "every method sums exactly to the total (%d random cases x 6 methods, %d wrong)", ROUNDS, bad_sum);
	ok(bad_bounds == 0, "lower and upper bounds always hold (%d violations)", bad_bounds);
	ok(bad_ref == 0, "divisor methods equal the one-by-one highest-quotient reference (%d differ)", bad_ref);
	ok(bad_mono == 0, "divisor methods are house-monotone: total+1 never lowers a unit (%d violations)", bad_mono);
	ok(bad_quota == 0, "hamilton stays within quota: floor(q) <= a <= ceil(q) (%d violations)", bad_quota);
	ok(bad_ham_lo == 0, "hamilton with lower bounds equals the iterative fix-and-recompute reference (%d differ)", bad_ham_lo);
	ok(bad_ham_hi == 0, "hamilton with upper bounds: units above are fixed, the rest within their quota (%d violations)", bad_ham_hi);
	ok(bad_ham_bounds == 0, "hamilton with both bounds keeps them (%d violations)", bad_ham_bounds);
	ok(bad_perm == 0, "reordering the units reorders the answer; equal units differ only by the lower-index tie rule (%d violations)", bad_perm);

	/* --- jump start: large totals over few units equal the reference */
	for (r = 0; r < 300; r++)
	{
		int			n = (int) rnd_in(2, 12);
		int32_t		total = (int32_t) rnd_in(500, 4000);
		int			use_lo = r % 2, use_hi = r % 3 == 0;
		int64_t		shi = 0;

		for (i = 0; i < n; i++)
		{
			w[i] = (uint64_t) rnd_in(r % 4 ? 0 : 1, 3000);
			lo[i] = use_lo ? (int32_t) rnd_in(0, 60) : 0;
			hi[i] = use_hi ? lo[i] + (int32_t) rnd_in(0, 900) : total;
			shi += hi[i];
		}
		w[0] += 1;
		if (use_hi && shi < total)
			total = (int32_t) shi;
		for (mi = 0; mi < 5; mi++)
		{
			res = run(divisor_methods[mi], w, n, total, use_lo ? lo : NULL, use_hi ? hi : NULL, a);
			ref_divisor(divisor_methods[mi], w, n, total, use_lo ? lo : NULL, use_hi ? hi : NULL, b);
			if (res.error != APR_OK || memcmp(a, b, sizeof(int32_t) * n) != 0)
				bad_jump++;
		}
	}
	ok(bad_jump == 0, "the jump start (totals far above the number of units) equals one-by-one allocation (%d differ)", bad_jump);

	/* --- huge weights: 256-bit Huntington-Hill and 128-bit divisors */
	{
		int			bad = 0;

		for (r = 0; r < 200; r++)
		{
			int			n = (int) rnd_in(2, 30);
			int32_t		total = (int32_t) rnd_in(0, 5000);

			for (i = 0; i < n; i++)
				w[i] = rnd() >> (1 + rnd() % 3);
			for (mi = 0; mi <= APM_ADAMS; mi++)
			{
				res = run((apportion_method) mi, w, n, total, NULL, NULL, a);
				if (res.error != APR_OK || sum_of(a, n) != total)
					bad++;
				/* same answer with all weights halved and doubled back: scale invariance */
				for (i = 0; i < n; i++)
					w2[i] = w[i] & ~(uint64_t) 1;
				res = run((apportion_method) mi, w2, n, total, NULL, NULL, a);
				for (i = 0; i < n; i++)
					w2[i] /= 2;
				if (run((apportion_method) mi, w2, n, total, NULL, NULL, b).error != APR_OK ||
					memcmp(a, b, sizeof(int32_t) * n) != 0)
					bad++;
			}
		}
		ok(bad == 0, "weights up to 2^63: exact sums and scale invariance for all methods (%d wrong)", bad);
	}

	/* --- large n and cancellation */
	{
		size_t		n = 1 << 20, k;
		uint64_t   *bw = malloc(n * sizeof(uint64_t));
		int32_t    *ba = malloc(n * sizeof(int32_t));
		int64_t		s;
		int			calls = 0, bad = 0;
		apportion_callback cb = {check_cancel, &calls};

		for (k = 0; k < n; k++)
			bw[k] = 1 + rnd() % 100000;
		for (mi = 0; mi <= APM_ADAMS; mi++)
		{
			res = apportion_run((apportion_method) mi, bw, n, 3000000, NULL, NULL, ba, workspace, NULL);
			for (s = 0, k = 0; k < n; k++)
				s += ba[k];
			if (res.error != APR_OK || s != 3000000)
				bad++;
		}
		ok(bad == 0, "2^20 units, total 3 000 000: every method sums exactly");
		res = apportion_run(APM_SAINTE_LAGUE, bw, n, 3000000, NULL, NULL, ba, workspace, &cb);
		ok(res.error == APR_CANCELLED && calls == 2, "the callback can cancel a long computation");
		free(bw);
		free(ba);
	}

	free(workspace);
	return tap_done();
}
