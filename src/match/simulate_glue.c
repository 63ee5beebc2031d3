/*
 * simulate_glue.c: _simulate_run(), last_simulation_stats() and
 * _last_simulation_detail(), the SQL face of the year simulator in
 * src/core/simulate.c.  simulate_year() (simulate.sql) reads the register
 * and the arrivals and calls _simulate_run() with plain arrays; nothing is
 * written, so a simulation also runs on a hot standby.
 */
#include "postgres.h"

#include <math.h>

#include "core/simulate.h"
#include "match.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

/* The last simulation of the session. */
static bool last_valid = false;
static char last_policy[16];
static sim_result last;
static int	last_n, last_m, last_hindsight;
static double *last_price;		/* m, in TopMemoryContext */

static void *
sim_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void
sim_release(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

static void
sim_interrupt(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
}

/* The elements of a one-dimensional array without NULLs. */
static void *
plain(ArrayType *a, Oid type, const char *name, int *count)
{
	if (ARR_NDIM(a) > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have at most two dimensions", name)));
	if (ARR_ELEMTYPE(a) != type)
		elog(ERROR, "%s has the wrong element type", name);
	if (array_contains_nulls(a))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not contain NULL", name)));
	*count = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	return ARR_DATA_PTR(a);
}

/*
 * The (items × bins) score of the simulator: base[i] everywhere, plus the
 * sparse bonuses (1-based; a NULL bonus forbids the pair: -INFINITY).  The
 * size is refused (54000) before the array is allocated.
 */
static double *
dense_scores(int items, int m, const float8 *base, const int32 *bi, const int32 *bj,
			 const Datum *bv, const bool *bv_null, int nb, const char *what)
{
	const char *lim = GetConfigOption("bosetting.solver_max_pairs", true, false);
	long		max_pairs = lim ? atol(lim) : 10000000L;
	size_t		cells = (size_t) items * m, c;
	double	   *score;
	int			x;

	if ((int64) items * m > max_pairs)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s too large: %d households (with the forecast) × %d municipalities", what, items, m),
				 errhint("The limit is bosetting.solver_max_pairs = %ld pairs (8 bytes each).", max_pairs)));
	score = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (cells ? cells : 1));
	for (x = 0; x < items; x++)
	{
		if (!isfinite(base[x]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("base[%d] is not a finite number", x + 1)));
		for (c = (size_t) x * m; c < (size_t) (x + 1) * m; c++)
			score[c] = base[x];
		CHECK_FOR_INTERRUPTS();
	}
	for (x = 0; x < nb; x++)
	{
		if (bi[x] < 1 || bi[x] > items || bj[x] < 1 || bj[x] > m)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bonus %d is for item %d and bin %d, outside %d × %d", x + 1, bi[x], bj[x], items, m)));
		c = (size_t) (bi[x] - 1) * m + (bj[x] - 1);
		if (bv_null[x])
			score[c] = -INFINITY;
		else if (score[c] != -INFINITY)
		{
			score[c] += DatumGetFloat8(bv[x]);
			if (!isfinite(score[c]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("bonus %d makes a score that is not finite", x + 1)));
		}
	}
	return score;
}

/* The simulator's problem of the arrays (weeks 1-based in SQL, 0-based in C). */
static void
problem_of(sim_problem *p, int n, int F, int m, int D, const int32 *dem, const int32 *cap,
		   const double *score, const int32 *week, const float8 *weight)
{
	int		   *wk = palloc(sizeof(int) * Max(n + F, 1));
	int			x;

	for (x = 0; x < n + F; x++)
		wk[x] = week[x] - 1;
	memset(p, 0, sizeof(*p));
	p->n = n;
	p->F = F;
	p->m = m;
	p->D = D;
	p->demand = dem;
	p->capacity = cap;
	p->score = score;
	p->week = wk;
	p->weight = weight;
}

static sim_policy
parse_policy(const char *s)
{
	if (strcmp(s, "myopic") == 0)
		return SIM_MYOPIC;
	if (strcmp(s, "bid_price") == 0)
		return SIM_BID_PRICE;
	if (strcmp(s, "balanced") == 0)
		return SIM_BALANCED;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown policy \"%s\"", s),
			 errhint("Known policies: myopic, bid_price, balanced.")));
	return SIM_MYOPIC;
}

static Datum
numeric_of(double v, int scale)
{
	return DirectFunctionCall2(numeric_round,
							   DirectFunctionCall1(float8_numeric, Float8GetDatum(v)),
							   Int32GetDatum(scale));
}

/*
 * _simulate_run(policy, demand (n+F) × D, capacity m × D, base n+F,
 *   bonus_item, bonus_bin, bonus (sparse, 1-based; NULL bonus = forbidden),
 *   week n+F (1-based), weight F, permit_day n, target_days n, persons n,
 *   year_days, params float8[7]: delay_cost, w_waiting, waiting_cap, seed,
 *   time_limit_ms, hindsight (0/1), price_iterations)
 */
PG_FUNCTION_INFO_V1(bosetting_simulate_run);
Datum
bosetting_simulate_run(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *policy = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ArrayType  *dem_a = PG_GETARG_ARRAYTYPE_P(1),
			   *cap_a = PG_GETARG_ARRAYTYPE_P(2);
	int			nd, nc, nbase, nbi, nbj, nweek, nweight, npd, ntd, npe, npar;
	int32	   *dem = plain(dem_a, INT4OID, "demand", &nd);
	int32	   *cap = plain(cap_a, INT4OID, "capacity", &nc);
	float8	   *base = plain(PG_GETARG_ARRAYTYPE_P(3), FLOAT8OID, "base", &nbase);
	int32	   *bi = plain(PG_GETARG_ARRAYTYPE_P(4), INT4OID, "bonus_item", &nbi);
	int32	   *bj = plain(PG_GETARG_ARRAYTYPE_P(5), INT4OID, "bonus_bin", &nbj);
	ArrayType  *bv_a = PG_GETARG_ARRAYTYPE_P(6);
	int32	   *week = plain(PG_GETARG_ARRAYTYPE_P(7), INT4OID, "week", &nweek);
	float8	   *weight = plain(PG_GETARG_ARRAYTYPE_P(8), FLOAT8OID, "weight", &nweight);
	int32	   *pday = plain(PG_GETARG_ARRAYTYPE_P(9), INT4OID, "permit_day", &npd);
	int32	   *tdays = plain(PG_GETARG_ARRAYTYPE_P(10), INT4OID, "target_days", &ntd);
	int32	   *persons = plain(PG_GETARG_ARRAYTYPE_P(11), INT4OID, "persons", &npe);
	int32		year_days = PG_GETARG_INT32(12);
	float8	   *par = plain(PG_GETARG_ARRAYTYPE_P(13), FLOAT8OID, "params", &npar);
	Datum	   *bv;
	bool	   *bv_null;
	int			nbv, n = npd, F = nweight, D, m, t;
	double	   *score;
	int		   *bins;
	double	   *price;
	sim_problem p;
	sim_options o;
	sim_result	r;
	sim_error	e;
	size_t		idx = 0;
	assign_env	env;
	MemoryContext work;

	deconstruct_array(bv_a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &bv, &bv_null, &nbv);
	if (npar != 7 || nbase != n + F || nweek != n + F || ntd != n || npe != n ||
		nbi != nbj || nbi != nbv)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("_simulate_run: array lengths do not agree (%d arrivals, %d forecast)", n, F)));
	D = ARR_NDIM(cap_a) == 2 ? ARR_DIMS(cap_a)[1] : 1;
	m = D > 0 ? nc / D : 0;
	if (D < 1 || D > ASSIGN_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d capacity dimensions is more than the %d supported", D, ASSIGN_MAX_DIMS)));
	if (nd != (n + F) * D)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demand must be (arrivals + forecast) × %d, not %d values", D, nd)));
	score = dense_scores(n + F, m, base, bi, bj, bv, bv_null, nbi, "simulation");
	problem_of(&p, n, F, m, D, dem, cap, score, week, weight);
	p.permit_day = pday;
	p.target_days = tdays;
	p.persons = persons;
	p.year_days = year_days;
	memset(&o, 0, sizeof(o));
	o.policy = parse_policy(policy);
	o.delay_cost = par[0];
	o.w_waiting = par[1];
	o.waiting_cap = par[2];
	o.solver.seed = (uint64_t) par[3];
	o.solver.time_limit_ms = par[4];
	o.hindsight = par[5] != 0;
	o.price_iterations = (int) par[6];

	bins = palloc(sizeof(int) * Max(n, 1));
	price = palloc0(sizeof(double) * Max(m, 1));
	work = AllocSetContextCreate(CurrentMemoryContext, "simulate_year",
								 ALLOCSET_DEFAULT_SIZES);
	env.alloc = sim_alloc;
	env.release = sim_release;
	env.interrupt = sim_interrupt;
	env.ctx = work;
	e = sim_run(&p, &o, &env, bins, NULL, price, &r, &idx);
	MemoryContextDelete(work);
	switch (e)
	{
		case SIM_OK:
			break;
		case SIM_EBADWEEK:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("week %d of item %zu is outside 1..%d", week[idx], idx + 1, SIM_WEEKS)));
			break;
		case SIM_EBADWEIGHT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("forecast count %g (forecast row %zu) is negative or not finite",
							weight[idx], idx + 1)));
			break;
		case SIM_EBADSIZE:
		case SIM_EBADVALUE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bad simulation input (%d arrivals, %d municipalities, %d dimensions; item or value %zu)",
							n, m, D, idx + 1)));
			break;
		case SIM_ENOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory in simulate_year")));
			break;
	}

	last = r;
	strlcpy(last_policy, policy, sizeof(last_policy));
	last_n = n;
	last_m = m;
	last_hindsight = o.hindsight;
	if (last_price)
		pfree(last_price);
	last_price = MemoryContextAlloc(TopMemoryContext, sizeof(double) * Max(m, 1));
	memcpy(last_price, price, sizeof(double) * m);
	last_valid = true;

	InitMaterializedSRF(fcinfo, 0);
	for (t = 0; t < SIM_WEEKS; t++)
	{
		Datum		values[7];
		bool		nulls[7] = {0};
		sim_week   *w = &r.weeks[t];

		values[0] = Int32GetDatum(t + 1);
		values[1] = Int32GetDatum(w->arrived);
		values[2] = Int32GetDatum(w->placed);
		values[3] = Int32GetDatum(w->waiting);
		values[4] = Float8GetDatum(w->objective);
		values[5] = numeric_of(w->within_target, 4);
		if (isnan(w->median_wait_days))
			nulls[6] = true;
		else
			values[6] = numeric_of(w->median_wait_days, 1);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * last_simulation_stats(): the policy's row and the hindsight row.  The
 * ratio divides by the hindsight bound unless the hindsight solution is
 * proven optimal (bound = objective), so it never exceeds 1 by a heuristic's
 * luck.
 */
PG_FUNCTION_INFO_V1(bosetting_last_simulation_stats);
Datum
bosetting_last_simulation_stats(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[6];
	bool		nulls[6] = {0};
	double		denom;
	bool		proven;

	InitMaterializedSRF(fcinfo, 0);
	if (!last_valid)
		return (Datum) 0;
	proven = last.hindsight_bound - last.hindsight <= 1e-9 * fabs(last.hindsight_bound);
	denom = proven ? last.hindsight : last.hindsight_bound;

	values[0] = CStringGetTextDatum(last_policy);
	values[1] = Float8GetDatum(last.objective);
	values[2] = Float8GetDatum(denom);
	nulls[2] = nulls[3] = !last_hindsight;
	values[3] = Float8GetDatum(denom > 0 ? last.objective / denom : 1.0);
	values[4] = Int32GetDatum(last.placed);
	values[5] = numeric_of(last_n > 0 ? (double) last.within_target / last_n : 0, 4);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	if (last_hindsight)
	{
		values[0] = CStringGetTextDatum(proven ? "hindsight" : "hindsight (solution; ratio to its bound)");
		values[1] = Float8GetDatum(last.hindsight);
		values[2] = Float8GetDatum(denom);
		values[3] = Float8GetDatum(denom > 0 ? last.hindsight / denom : 1.0);
		values[4] = Int32GetDatum(last.hindsight_placed);
		nulls[2] = nulls[3] = false;
		nulls[5] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* _last_simulation_detail(): timing, memory, what the bid prices held back,
 * and the hindsight solution's objective week by week. */
PG_FUNCTION_INFO_V1(bosetting_last_simulation_detail);
Datum
bosetting_last_simulation_detail(PG_FUNCTION_ARGS)
{
	ArrayType  *prices, *series;
	Datum	   *d, hw[SIM_WEEKS];
	int			j;
	StringInfoData s;

	if (!last_valid)
		PG_RETURN_NULL();
	d = palloc(sizeof(Datum) * Max(last_m, 1));
	for (j = 0; j < last_m; j++)
		d[j] = Float8GetDatum(last_price[j]);
	prices = construct_array(d, last_m, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	for (j = 0; j < SIM_WEEKS; j++)
		hw[j] = Float8GetDatum(last.hindsight_weeks[j]);
	series = construct_array(hw, SIM_WEEKS, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"elapsed_ms\": %.1f, \"cpu_ms\": %.1f, \"work_bytes\": %zu, \"arrivals\": %d, "
					 "\"municipalities\": %d, \"hindsight_objective\": %.6f, "
					 "\"hindsight_bound\": %.6f, \"held_households\": %d, \"held_household_weeks\": %ld, "
					 "\"held_placed_later\": %d, \"delay_cost\": %.6f}",
					 last.elapsed_ms, last.cpu_ms, last.work_bytes, last_n, last_m, last.hindsight,
					 last.hindsight_bound, last.held_items, last.held_item_weeks,
					 last.held_placed, last.delay_total);
	{
		TupleDesc	tupdesc;
		Datum		values[3];
		bool		nulls[3] = {0};

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		tupdesc = BlessTupleDesc(tupdesc);
		values[0] = DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data));
		values[1] = PointerGetDatum(prices);
		values[2] = PointerGetDatum(series);
		nulls[2] = !last_hindsight;
		PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
	}
}

/*
 * _match_bid_prices(n, demand (n+F) × D, capacity m × D, base n+F,
 *   bonus_item, bonus_bin, bonus (sparse, 1-based; NULL = forbidden),
 *   week n+F (1-based), weight F, arrived, as_of_week (1-based), iterations)
 *   → (prices m × D, priced n × m, margin n)
 * match_households' bid_price policy: the prices of sim_bid_prices (the same
 * LP and method as simulate_year), the waiting households' scores less the
 * price of their places (NULL where forbidden or worth nothing after the
 * price: those places are held for the expected later arrivals), and each
 * household's best margin (NULL: it fits nowhere).
 */
PG_FUNCTION_INFO_V1(bosetting_match_bid_prices);
Datum
bosetting_match_bid_prices(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0);
	ArrayType  *cap_a = PG_GETARG_ARRAYTYPE_P(2);
	ArrayType  *bv_a = PG_GETARG_ARRAYTYPE_P(6);
	int			nd, nc, nbase, nbi, nbj, nweek, nweight, nbv, F, D, m, x, j, k;
	int32	   *dem = plain(PG_GETARG_ARRAYTYPE_P(1), INT4OID, "demand", &nd);
	int32	   *cap = plain(cap_a, INT4OID, "capacity", &nc);
	float8	   *base = plain(PG_GETARG_ARRAYTYPE_P(3), FLOAT8OID, "base", &nbase);
	int32	   *bi = plain(PG_GETARG_ARRAYTYPE_P(4), INT4OID, "bonus_item", &nbi);
	int32	   *bj = plain(PG_GETARG_ARRAYTYPE_P(5), INT4OID, "bonus_bin", &nbj);
	int32	   *week = plain(PG_GETARG_ARRAYTYPE_P(7), INT4OID, "week", &nweek);
	float8	   *weight = plain(PG_GETARG_ARRAYTYPE_P(8), FLOAT8OID, "weight", &nweight);
	int32		arrived = PG_GETARG_INT32(9);
	int32		as_of_week = PG_GETARG_INT32(10);
	int32		iterations = PG_GETARG_INT32(11);
	Datum	   *bv, *lam_d, *priced_d, *margin_d;
	bool	   *bv_null, *priced_null, *margin_null;
	double	   *score, *lam, *margin;
	sim_problem p;
	sim_error	e;
	size_t		idx = 0;
	assign_env	env;
	MemoryContext work;
	int			pdims[2], lbs[2] = {1, 1};
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {0};

	deconstruct_array(bv_a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &bv, &bv_null, &nbv);
	F = nweight;
	D = ARR_NDIM(cap_a) == 2 ? ARR_DIMS(cap_a)[1] : 1;
	m = D > 0 ? nc / D : 0;
	if (n < 0 || nbase != n + F || nweek != n + F || nbi != nbj || nbi != nbv || nd != (n + F) * D)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("_match_bid_prices: array lengths do not agree (%d waiting, %d forecast, %d dimensions)",
						n, F, D)));
	if (D < 1 || D > ASSIGN_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d capacity dimensions is more than the %d supported", D, ASSIGN_MAX_DIMS)));
	if (as_of_week < 1 || as_of_week > SIM_WEEKS || iterations < 1 || iterations > 100000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("_match_bid_prices: week %d must be 1-%d and iterations %d 1-100000",
						as_of_week, SIM_WEEKS, iterations)));
	score = dense_scores(n + F, m, base, bi, bj, bv, bv_null, nbi, "bid-price matching");
	problem_of(&p, n, F, m, D, dem, cap, score, week, weight);
	p.year_days = 365;
	lam = palloc0(sizeof(double) * Max((size_t) m * D, 1));
	margin = palloc(sizeof(double) * Max(n, 1));
	work = AllocSetContextCreate(CurrentMemoryContext, "match bid prices", ALLOCSET_DEFAULT_SIZES);
	env.alloc = sim_alloc;
	env.release = sim_release;
	env.interrupt = sim_interrupt;
	env.ctx = work;
	e = sim_bid_prices(&p, as_of_week - 1, arrived, iterations, &env, lam, margin, &idx);
	MemoryContextDelete(work);
	if (e == SIM_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory in the bid prices")));
	if (e == SIM_EBADWEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("forecast count %g (forecast row %zu) is negative or not finite", weight[idx], idx + 1)));
	if (e != SIM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bad bid-price input (%d waiting, %d forecast, %d municipalities, %d dimensions; item or value %zu)",
						n, F, m, D, idx + 1)));

	/* the prices, m × D */
	lam_d = palloc(sizeof(Datum) * Max((size_t) m * D, 1));
	for (x = 0; x < m * D; x++)
		lam_d[x] = Float8GetDatum(lam[x]);
	pdims[0] = m;
	pdims[1] = D;
	values[0] = PointerGetDatum(m > 0
								? construct_md_array(lam_d, NULL, 2, pdims, lbs, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)
								: construct_empty_array(FLOAT8OID));
	/* the priced scores of the waiting households, n × m */
	priced_d = palloc(sizeof(Datum) * Max((size_t) n * m, 1));
	priced_null = palloc(sizeof(bool) * Max((size_t) n * m, 1));
	for (x = 0; x < n; x++)
	{
		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < m; j++)
		{
			size_t		c = (size_t) x * m + j;
			double		v = score[c];

			for (k = 0; k < D && v != -INFINITY; k++)
				v -= lam[(size_t) j * D + k] * dem[(size_t) x * D + k];
			priced_null[c] = !(v > 1e-12);	/* as the simulator: worth more to later arrivals */
			priced_d[c] = Float8GetDatum(priced_null[c] ? 0 : v);
		}
	}
	pdims[0] = n;
	pdims[1] = m;
	values[1] = PointerGetDatum(n > 0 && m > 0
								? construct_md_array(priced_d, priced_null, 2, pdims, lbs, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)
								: construct_empty_array(FLOAT8OID));
	margin_d = palloc(sizeof(Datum) * Max(n, 1));
	margin_null = palloc(sizeof(bool) * Max(n, 1));
	for (x = 0; x < n; x++)
	{
		margin_null[x] = isnan(margin[x]);
		margin_d[x] = Float8GetDatum(margin_null[x] ? 0 : margin[x]);
	}
	pdims[0] = n;
	values[2] = PointerGetDatum(n > 0
								? construct_md_array(margin_d, margin_null, 1, pdims, lbs, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)
								: construct_empty_array(FLOAT8OID));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * What the last match_households of the session held back by its policy
 * (bid prices or a steady pace) and what that cost: kept here by
 * _match_policy_note(jsonb), read by last_match_policy().
 */
static Jsonb *last_policy_note = NULL;	/* in TopMemoryContext */

PG_FUNCTION_INFO_V1(bosetting_match_policy_note);
Datum
bosetting_match_policy_note(PG_FUNCTION_ARGS)
{
	Jsonb	   *note = PG_GETARG_JSONB_P(0);
	Jsonb	   *copy = MemoryContextAlloc(TopMemoryContext, VARSIZE(note));

	memcpy(copy, note, VARSIZE(note));
	if (last_policy_note)
		pfree(last_policy_note);
	last_policy_note = copy;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(bosetting_last_match_policy);
Datum
bosetting_last_match_policy(PG_FUNCTION_ARGS)
{
	Jsonb	   *copy;

	if (!last_policy_note)
		PG_RETURN_NULL();
	copy = palloc(VARSIZE(last_policy_note));
	memcpy(copy, last_policy_note, VARSIZE(last_policy_note));
	PG_RETURN_JSONB_P(copy);
}
