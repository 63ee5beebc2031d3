/*
 * apportion_glue.c: apportion(weights numeric[], total integer, method text,
 * lower integer[], upper integer[]) → integer[] over src/core/apportion.c.
 * Decimal weights are read exactly (as their decimal text) and scaled to
 * integers over a common denominator; nothing passes through floating point.
 */
#include "postgres.h"

#include "core/apportion.h"
#include "args.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/*
 * Working memory is refused above this, before anything is allocated: per
 * unit, the deconstructed weights and bounds (9 bytes each), the scaled
 * weight and its exponent (12), the bounds (8), the result and its Datums
 * (16 + 4), and the core's workspace (apportion_work_size).
 */
#define APPORTION_MAX_WORK_BYTES	((size_t) 256 * 1024 * 1024)
#define APPORTION_GLUE_BYTES_PER_UNIT	(3 * 9 + 12 + 8 + 16 + 4)

static size_t
apportion_memory(size_t n)
{
	return n * APPORTION_GLUE_BYTES_PER_UNIT + apportion_work_size(n);
}

static int
apportion_interrupt(void *arg)
{
	CHECK_FOR_INTERRUPTS();
	return 0;
}

/* A one-dimensional int4[] of exactly n non-NULL elements, or NULL. */
static int32 *
bounds_arg(FunctionCallInfo fcinfo, int argno, const char *name, int n)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			len, i;
	int32	   *out;

	if (PG_ARGISNULL(argno))
		return NULL;
	arr = PG_GETARG_ARRAYTYPE_P(argno);
	args_vector(arr, name);
	deconstruct_array(arr, INT4OID, sizeof(int32), true, TYPALIGN_INT,
					  &elems, &nulls, &len);
	if (len != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %d elements but weights has %d", name, len, n),
				 errhint("Give one %s bound per weight, in the same order, or pass NULL for none.",
						 name)));
	out = palloc(sizeof(int32) * (n > 0 ? n : 1));
	for (i = 0; i < len; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("element %d of %s is NULL", i + 1, name),
					 errhint("Use 0 for no lower bound and the total for no upper bound.")));
		out[i] = DatumGetInt32(elems[i]);
	}
	return out;
}

PG_FUNCTION_INFO_V1(bosetting_apportion);
Datum
bosetting_apportion(PG_FUNCTION_ARGS)
{
	ArrayType  *warr;
	int32		total;
	text	   *mtext;
	apportion_method method;
	Datum	   *elems;
	bool	   *nulls;
	int			n, i;
	uint64	   *w;
	int32	   *exps, *lower, *upper, *out;
	size_t		bad;
	void	   *work;
	apportion_callback cb = {apportion_interrupt, NULL};
	apportion_result r;
	Datum	   *outd;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	warr = PG_GETARG_ARRAYTYPE_P(0);
	total = PG_GETARG_INT32(1);
	mtext = PG_GETARG_TEXT_PP(2);

	method = apportion_method_from_name(VARDATA_ANY(mtext), VARSIZE_ANY_EXHDR(mtext));
	if (method == APM_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown apportionment method \"%s\"", text_to_cstring(mtext)),
				 errhint("Use one of: %s.", apportion_method_names())));
	n = args_vector(warr, "weights");
	if (total < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("total must not be negative: %d", total),
				 errhint("Give the number of units to hand out, 0 or more.")));
	if ((size_t) n > APPORTION_MAX_UNITS ||
		apportion_memory((size_t) n) > APPORTION_MAX_WORK_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many units: %d", n),
				 errdetail("apportion of %d units needs %zu MB of working memory; the limit is %zu MB (about %zu units).",
						   n, apportion_memory((size_t) n) >> 20,
						   APPORTION_MAX_WORK_BYTES >> 20,
						   APPORTION_MAX_WORK_BYTES / apportion_memory(1))));

	deconstruct_array(warr, NUMERICOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights must have at least one element")));
	lower = bounds_arg(fcinfo, 3, "lower", n);
	upper = bounds_arg(fcinfo, 4, "upper", n);

	w = palloc_extended(sizeof(uint64) * n, MCXT_ALLOC_HUGE);
	exps = palloc_extended(sizeof(int32) * n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		char	   *s;
		apportion_decimal_error e;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weight %d is NULL", i + 1),
					 errhint("Give every unit a weight; use 0 for a unit that should get only its lower bound.")));
		s = DatumGetCString(DirectFunctionCall1(numeric_out, elems[i]));
		e = apportion_decimal_parse(s, strlen(s), &w[i], &exps[i]);
		switch (e)
		{
			case APD_OK:
				break;
			case APD_NEGATIVE:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weight %d is negative: %s", i + 1, s),
						 errhint("Weights must be zero or positive.")));
				break;
			case APD_NOT_FINITE:
			case APD_SYNTAX:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weight %d is not a finite number: %s", i + 1, s),
						 errhint("Weights must be finite numbers, zero or positive.")));
				break;
			case APD_TOO_PRECISE:
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("weight %d has more than 18 significant digits: %s", i + 1, s),
						 errhint("Round the weights to at most 18 significant digits.")));
				break;
		}
		pfree(s);
		if ((i & 0xfff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	if (!apportion_decimal_scale(w, exps, n, &bad))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("weights span too many decimal places: weight %zu does not fit beside the most precise weight",
						bad + 1),
				 errdetail("Scaled to a common number of decimals, every weight must stay below 2^63."),
				 errhint("Round the weights to fewer decimals.")));
	pfree(exps);

	work = palloc_extended(apportion_work_size(n), MCXT_ALLOC_HUGE);
	out = palloc_extended(sizeof(int32) * n, MCXT_ALLOC_HUGE);
	r = apportion_run(method, w, n, total, lower, upper, out, work, &cb);
	switch (r.error)
	{
		case APR_OK:
			break;
		case APR_NO_UNITS:
		case APR_NEGATIVE_TOTAL:
		case APR_WEIGHT_TOO_LARGE:
			elog(ERROR, "apportion: %s", apportion_error_text(r.error));
			break;
		case APR_TOO_MANY_UNITS:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many units: %d", n)));
			break;
		case APR_ALL_ZERO:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("every weight is zero"),
					 errhint("Give at least one unit a positive weight.")));
			break;
		case APR_NEGATIVE_LOWER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lower bound %d of unit %zu is negative", (int) r.value, r.unit + 1),
					 errhint("Lower bounds must be 0 or more.")));
			break;
		case APR_NEGATIVE_UPPER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("upper bound %d of unit %zu is negative", (int) r.value, r.unit + 1),
					 errhint("Upper bounds must be 0 or more.")));
			break;
		case APR_LOWER_ABOVE_UPPER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unit %zu has lower bound %d above its upper bound %d",
							r.unit + 1, (int) r.value, (int) r.value2),
					 errhint("Make every lower bound at most its upper bound.")));
			break;
		case APR_TOTAL_BELOW_LOWER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("total %d is below the sum of the lower bounds, %lld",
							total, (long long) r.value2),
					 errhint("Raise the total to at least %lld or lower some lower bounds.",
							 (long long) r.value2)));
			break;
		case APR_TOTAL_ABOVE_UPPER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("total %d is above the sum of the upper bounds, %lld",
							total, (long long) r.value2),
					 errhint("Lower the total to at most %lld or raise some upper bounds.",
							 (long long) r.value2)));
			break;
		case APR_CANCELLED:
			ereport(ERROR,
					(errcode(ERRCODE_QUERY_CANCELED),
					 errmsg("canceling apportionment")));
			break;
	}
	pfree(work);
	pfree(w);

	outd = palloc_extended(sizeof(Datum) * n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		outd[i] = Int32GetDatum(out[i]);
		if ((i & 0xfff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(outd, n, INT4OID, sizeof(int32), true,
										  TYPALIGN_INT));
}
