/*
 * assign_glue.c: solve_assignment() and last_assignment_stats(), the SQL face
 * of the assignment solver in src/core/assign.c.
 */
#include "postgres.h"

#include <math.h>

#include "core/assign.h"
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
#include "utils/numeric.h"

/* bosetting.solver_max_pairs: items × bins beyond which the solver refuses */
static int	solver_max_pairs = 10000000;

/* The statistics of the last solve in this session. */
static bool last_valid = false;
static assign_stats last_stats;
static int	last_items, last_bins, last_dims;
static char *last_constraints = NULL;	/* jsonb text of the balance report */

void
match_define_gucs(void)
{
	DefineCustomIntVariable("bosetting.solver_max_pairs",
							"Largest assignment problem (items × bins) solve_assignment accepts.",
							"Larger problems fail with SQLSTATE 54000. The solver keeps one "
							"8-byte score per pair in memory, so the default of 10 million "
							"pairs needs about 80 MB.",
							&solver_max_pairs, 10000000, 1, INT_MAX,
							PGC_SUSET, 0, NULL, NULL, NULL);
}

static void *
glue_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void
glue_release(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

static void
glue_interrupt(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
}

void
match_check_pairs(int64 items, int64 bins, int dims, const char *func)
{
	if (items * bins > solver_max_pairs)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: assignment problem too large: %lld items × %lld bins = %lld pairs",
						func, (long long) items, (long long) bins, (long long) (items * bins)),
				 errhint("The limit is bosetting.solver_max_pairs = %d; raise it if the memory (about %zu MB) is available.",
						 solver_max_pairs,
						 assign_work_bytes((int) Min(items, INT_MAX), (int) Min(bins, INT_MAX),
										   Max(dims, 1)) >> 20)));
}

void
match_one_dim(ArrayType *a, const char *name)
{
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d-dimensional", name, ARR_NDIM(a))));
	if (ARR_NDIM(a) == 1 && ARR_LBOUND(a)[0] != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be indexed from 1, not from %d", name, ARR_LBOUND(a)[0])));
}

int32 *
match_int_matrix(ArrayType *a, const char *name, int *rows, int *cols)
{
	int			ndim = ARR_NDIM(a), i, n;
	int32	   *out;
	int32	   *data;

	if (ndim == 0)
	{
		*rows = 0;
		*cols = 0;
		return NULL;
	}
	if (ndim > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have one or two dimensions, not %d", name, ndim),
				 errhint("Use one row per %s and one column per capacity dimension.",
						 strcmp(name, "demand") == 0 ? "item" : "bin")));
	for (i = 0; i < ndim; i++)
		if (ARR_LBOUND(a)[i] != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be indexed from 1, not from %d", name, ARR_LBOUND(a)[i])));
	*rows = ARR_DIMS(a)[0];
	*cols = ndim == 2 ? ARR_DIMS(a)[1] : 1;
	n = *rows * *cols;
	if (ARR_HASNULL(a))
	{
		bits8	   *bm = ARR_NULLBITMAP(a);

		for (i = 0; i < n; i++)
			if (!(bm[i / 8] & (1 << (i % 8))))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s[%d][%d] is NULL", name, i / *cols + 1, i % *cols + 1),
						 errhint("Demands and capacities must be known; use 0 for none.")));
	}
	data = (int32 *) ARR_DATA_PTR(a);
	out = palloc(sizeof(int32) * Max(n, 1));
	memcpy(out, data, sizeof(int32) * n);
	return out;
}

typedef struct solve_opts
{
	int64		seed;
	double		time_limit_ms;
	JsonbContainer *constraints;	/* option "constraints" or NULL */
} solve_opts;

static double
jnum(JsonbValue *v, const char *key)
{
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a number", key)));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(v->val.numeric)));
}

static void
parse_options(Jsonb *j, solve_opts *o)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	o->seed = 0;
	o->time_limit_ms = 0;
	o->constraints = NULL;
	if (!JB_ROOT_IS_OBJECT(j))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object such as '{\"seed\": 1, \"time_limit_ms\": 2000}'")));
	it = JsonbIteratorInit(&j->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
		{
			if (strcmp(key, "seed") == 0)
			{
				double		d = jnum(&v, key);

				if (d < 0 || d != floor(d) || d > 9007199254740992.0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("option \"seed\" must be a non-negative integer, not %g", d)));
				o->seed = (int64) d;
			}
			else if (strcmp(key, "time_limit_ms") == 0)
			{
				double		d = jnum(&v, key);

				if (!(d > 0) || d > MATCH_MAX_TIME_LIMIT_MS)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("option \"time_limit_ms\" must be above 0 and at most %.0f (one day), not %.15g",
									MATCH_MAX_TIME_LIMIT_MS, d)));
				o->time_limit_ms = d;
			}
			else if (strcmp(key, "constraints") == 0)
			{
				if (v.type != jbvBinary || !JsonContainerIsArray(v.val.binary.data) ||
					JsonContainerIsScalar(v.val.binary.data))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("option \"constraints\" must be a JSON array of objects")));
				o->constraints = v.val.binary.data;
			}
			else
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unknown option \"%s\" for solve_assignment", key),
						 errhint("Known options: constraints, seed, time_limit_ms.")));
		}
	}
}

/*
 * With balance constraints: solve again with the upper limits as dimensions,
 * repair towards the lower limits, and report against the solution without
 * them (free_bins, already in bins).  Returns the report; st and bins become
 * those of the constrained solution.
 */
static char *
solve_balanced(side_set *side, const assign_problem *p, const assign_options *ao,
			   const assign_env *env, int *bins, assign_stats *st)
{
	assign_problem p2 = *p;
	assign_stats st2;
	int32	   *dem2, *cap2;
	int		   *free_bins = palloc(sizeof(int) * Max(p->n, 1));
	double		free_obj = st->objective;
	size_t		idx;
	int			i;

	memcpy(free_bins, bins, sizeof(int) * p->n);
	p2.D = side_extend(side, p->n, p->m, p->D, p->demand, p->capacity, &dem2, &cap2);
	p2.demand = dem2;
	p2.capacity = cap2;
	if (assign_solve(&p2, ao, env, bins, &st2, &idx) != ASSIGN_OK)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in solve_assignment")));
	side_repair(side, &p2, env, bins);
	st2.objective = assign_objective(p, bins);
	st2.assigned = 0;
	for (i = 0; i < p->n; i++)
		st2.assigned += bins[i] >= 0;
	st2.elapsed_ms += st->elapsed_ms;
	st2.time_limited |= st->time_limited;
	st2.work_bytes = Max(st2.work_bytes, st->work_bytes);
	*st = st2;
	return side_report(side, p->m, bins, free_bins, st2.objective, free_obj);
}

/*
 * Solve; bins[i] receives the 0-based bin of item i or -1.  Returns n.
 */
static int
run_solver(ArrayType *dem_a, ArrayType *cap_a, ArrayType *score_a, Jsonb *opts,
		   int **bins_out)
{
	int			n, D, m, Dc;
	int32	   *dem, *cap;
	double	   *score;
	solve_opts	so;
	assign_problem p;
	assign_options ao;
	assign_stats st;
	assign_env	env;
	assign_error e;
	size_t		idx = 0;
	int		   *bins;
	MemoryContext work;
	side_set   *side = NULL;
	char	   *report = NULL;

	parse_options(opts, &so);
	dem = match_int_matrix(dem_a, "demand", &n, &D);
	cap = match_int_matrix(cap_a, "capacity", &m, &Dc);
	if (n > 0 && m > 0 && D != Dc)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demand has %d dimension(s) per item but capacity has %d per bin", D, Dc),
				 errhint("Both arrays need one column per capacity dimension.")));
	if (n == 0)
		D = Dc;
	if (D < 1)
		D = 1;
	if (D > ASSIGN_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d capacity dimensions is more than the %d supported", D, ASSIGN_MAX_DIMS)));
	match_check_pairs(n, m, D, "solve_assignment");
	if (so.constraints)
		side = side_parse(so.constraints, n, m);

	/* score: n × m, NULL = forbidden */
	if (n == 0 || m == 0)
	{
		if (ARR_NDIM(score_a) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score must be empty when there are %d items and %d bins", n, m)));
		score = NULL;
	}
	else
	{
		ArrayIterator ai;
		Datum		d;
		bool		isnull;
		size_t		x = 0;

		if (ARR_NDIM(score_a) != 2 || ARR_DIMS(score_a)[0] != n ||
			ARR_DIMS(score_a)[1] != m)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score must be a %d × %d array (items × bins), not %s", n, m,
							ARR_NDIM(score_a) == 2 ?
							psprintf("%d × %d", ARR_DIMS(score_a)[0], ARR_DIMS(score_a)[1]) :
							psprintf("%d-dimensional", ARR_NDIM(score_a)))));
		if (ARR_LBOUND(score_a)[0] != 1 || ARR_LBOUND(score_a)[1] != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score must be indexed from 1")));
		score = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (size_t) n * m);
		ai = array_create_iterator(score_a, 0, NULL);
		while (array_iterate(ai, &d, &isnull))
		{
			double		v = isnull ? -INFINITY : DatumGetFloat8(d);

			if (!isnull && (isnan(v) || isinf(v)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("score[%zu][%zu] is %s", x / m + 1, x % m + 1,
								isnan(v) ? "NaN" : "infinite"),
						 errhint("Scores must be finite; use NULL for a pair that is not allowed.")));
			score[x++] = v;
			if ((x & 65535) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		array_free_iterator(ai);
	}

	p.n = n;
	p.m = m;
	p.D = D;
	p.demand = dem;
	p.capacity = cap;
	p.score = score;
	ao.seed = (uint64_t) so.seed;
	ao.time_limit_ms = so.time_limit_ms;
	work = AllocSetContextCreate(CurrentMemoryContext, "solve_assignment",
								 ALLOCSET_DEFAULT_SIZES);
	env.alloc = glue_alloc;
	env.release = glue_release;
	env.interrupt = glue_interrupt;
	env.ctx = work;
	bins = palloc(sizeof(int) * Max(n, 1));
	e = assign_solve(&p, &ao, &env, bins, &st, &idx);
	if (e == ASSIGN_OK && side)
		report = solve_balanced(side, &p, &ao, &env, bins, &st);
	MemoryContextDelete(work);
	switch (e)
	{
		case ASSIGN_OK:
			break;
		case ASSIGN_ENEGDEMAND:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("demand[%zu][%zu] is negative (%d)", idx / D + 1, idx % D + 1, dem[idx])));
			break;
		case ASSIGN_ENEGCAPACITY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("capacity[%zu][%zu] is negative (%d)", idx / D + 1, idx % D + 1, cap[idx])));
			break;
		case ASSIGN_EBADSCORE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score[%zu][%zu] is not a finite number", idx / m + 1, idx % m + 1)));
			break;
		case ASSIGN_EBADSIZE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bad problem size: %d items, %d bins, %d dimensions", n, m, D)));
			break;
		case ASSIGN_ENOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory in solve_assignment")));
			break;
	}
	if (last_constraints)
		pfree(last_constraints);
	last_constraints = report ? MemoryContextStrdup(TopMemoryContext, report) : NULL;
	last_stats = st;
	last_items = n;
	last_bins = m;
	last_dims = D;
	last_valid = true;
	if (score)
		pfree(score);
	*bins_out = bins;
	return n;
}

/* Used by match_households' glue as well. */
int
match_run_solver(ArrayType *dem, ArrayType *cap, ArrayType *score, Jsonb *opts,
				 int **bins)
{
	return run_solver(dem, cap, score, opts, bins);
}

PG_FUNCTION_INFO_V1(bosetting_solve_assignment);
Datum
bosetting_solve_assignment(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int		   *bins;
	int			n, i;

	n = run_solver(PG_GETARG_ARRAYTYPE_P(0), PG_GETARG_ARRAYTYPE_P(1),
				   PG_GETARG_ARRAYTYPE_P(2), PG_GETARG_JSONB_P(3), &bins);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, bins[i] < 0};

		values[0] = Int32GetDatum(i + 1);
		values[1] = Int32GetDatum(bins[i] + 1);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(bosetting_last_assignment_stats);
Datum
bosetting_last_assignment_stats(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[13];
	bool		nulls[13] = {0};
	double		gap;

	if (!last_valid)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	gap = last_stats.bound != 0 ?
		(last_stats.bound - last_stats.objective) / fabs(last_stats.bound) : 0;
	values[0] = Int32GetDatum(last_items);
	values[1] = Int32GetDatum(last_bins);
	values[2] = Int32GetDatum(last_dims);
	values[3] = Int32GetDatum(last_stats.assigned);
	values[4] = Float8GetDatum(last_stats.objective);
	values[5] = Float8GetDatum(last_stats.bound);
	values[6] = Float8GetDatum(gap);
	values[7] = Float8GetDatum(last_stats.elapsed_ms);
	values[8] = BoolGetDatum(last_stats.time_limited != 0);
	values[9] = Int32GetDatum(last_stats.dual_iterations);
	values[10] = Int32GetDatum(last_stats.search_rounds);
	values[11] = Int64GetDatum((int64) last_stats.work_bytes);
	/* a database still on the 0.1 SQL has no column constraints */
	nulls[12] = last_constraints == NULL;
	if (last_constraints && tupdesc->natts > 12)
		values[12] = DirectFunctionCall1(jsonb_in, CStringGetDatum(last_constraints));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
