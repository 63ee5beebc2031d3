/*
 * grants_glue.c: SQL-callable functions over the grant rule engine
 * (src/core/grants.c).  Rates come from @extschema@.grant_rate, read once per
 * call site and query (cached in fn_extra).
 */
#include "postgres.h"

#include "core/grants.h"
#include "args.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#define LOADER_HINT "Add the rates with bosetting.load_grant_rates(); bosetting.grant_rates_missing(%d) lists what budget year %d lacks."

/* ---- rates ---- */

static grant_rates *
rates_for(FunctionCallInfo fcinfo)
{
	grant_rates *t = (grant_rates *) fcinfo->flinfo->fn_extra;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	char	   *schema;
	StringInfoData q;
	grant_rate *rows;

	if (t != NULL)
		return t;
	schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT budget_year, scheme, component, category, "
					 "(amount OPERATOR(pg_catalog.*) 100)::pg_catalog.int8 "
					 "FROM %s.grant_rate", quote_identifier(schema));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read %s.grant_rate", schema);
	rows = MemoryContextAllocZero(mcxt, sizeof(grant_rate) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *s = SPI_getvalue(tup, td, 2);
		char	   *c = SPI_getvalue(tup, td, 3);
		char	   *k = SPI_getvalue(tup, td, 4);
		int			si = grant_scheme_lookup(s),
					ci = grant_component_lookup(c),
					ki = grant_category_lookup(k);

		if (si < 0 || ci < 0 || ki < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("grant_rate row (%s, %s, %s) is not a known kind of rate", s, c, k)));
		rows[i].budget_year = DatumGetInt32(SPI_getbinval(tup, td, 1, &isnull));
		rows[i].scheme = si;
		rows[i].component = ci;
		rows[i].category = ki;
		rows[i].amount = DatumGetInt64(SPI_getbinval(tup, td, 5, &isnull));
	}
	t = MemoryContextAlloc(mcxt, sizeof(grant_rates));
	t->rows = rows;
	t->nrows = (int) SPI_processed;
	SPI_finish();
	fcinfo->flinfo->fn_extra = t;
	return t;
}

static void
report(const grant_error *e)
{
	if (e->code == GE_BEFORE_FIRST)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", e->message),
				 errdetail("A budget year without its own rate uses the nearest earlier published year's rate; there is none before %d.",
						   e->first_year),
				 errhint(LOADER_HINT, e->year, e->year)));
	if (e->code == GE_NO_RATE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", e->message),
				 errdetail("The rate table holds no rate of this kind for any budget year."),
				 errhint("Add the published rates of %s with bosetting.load_grant_rates().",
						 grant_scheme_name(e->scheme))));
	ereport(ERROR,
			(errcode(e->code == GE_OVERFLOW ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
					 : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", e->message)));
}

/* A year parameter the engine computes with (GRANT_MIN_YEAR..GRANT_MAX_YEAR). */
static void
year_arg(const char *name, int year)
{
	if (year < GRANT_MIN_YEAR || year > GRANT_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %d is outside the years %d to %d", name, year,
						GRANT_MIN_YEAR, GRANT_MAX_YEAR)));
}

static void
amount_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("grant total out of range"),
			 errdetail("A sum of persons or of amounts in øre passes 9223372036854775807.")));
}

/* øre -> numeric in kroner (whole kroner print without decimals) */
static Datum
ore_numeric(int64 ore)
{
	char		buf[48];
	uint64		mag = ore < 0 ? (uint64) (-(ore + 1)) + 1 : (uint64) ore;

	if (mag % 100 == 0)
		snprintf(buf, sizeof(buf), "%s" UINT64_FORMAT, ore < 0 ? "-" : "", mag / 100);
	else
		snprintf(buf, sizeof(buf), "%s" UINT64_FORMAT ".%02d", ore < 0 ? "-" : "",
				 mag / 100, (int) (mag % 100));
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static Datum
basis_text(int budget_year, int basis_year)
{
	char		buf[64];

	if (basis_year == budget_year)
		return CStringGetTextDatum("published");
	snprintf(buf, sizeof(buf), "carried forward from %d", basis_year);
	return CStringGetTextDatum(buf);
}

static grant_date
date_arg(FunctionCallInfo fcinfo, int n, const char *name)
{
	DateADT		d = PG_GETARG_DATEADT(n);
	grant_date	r;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite date", name)));
	j2date(d + POSTGRES_EPOCH_JDATE, &r.year, &r.month, &r.day);
	return r;
}

static int
scheme_arg(const char *name)
{
	int			s = grant_scheme_lookup(name);

	if (s < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown grant scheme \"%s\"", name),
				 errhint("bosetting.grant_schemes() lists the schemes.")));
	return s;
}

/* ---- catalogue functions ---- */

PG_FUNCTION_INFO_V1(grant_schemes);
Datum
grant_schemes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int s = 0; s < GS_NSCHEMES; s++)
	{
		const grant_scheme_info *i = grant_scheme_get(s);
		Datum		v[6];
		bool		n[6] = {false};

		v[0] = CStringGetTextDatum(grant_scheme_name(s));
		v[1] = Int32GetDatum(i->first_year);
		n[1] = i->first_year == 0;
		v[2] = Int32GetDatum(i->last_year);
		n[2] = i->last_year == 0;
		v[3] = BoolGetDatum(i->used_by_rules);
		v[4] = CStringGetTextDatum(i->description);
		v[5] = CStringGetTextDatum(i->source);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(grant_rate_kinds_srf);
Datum
grant_rate_kinds_srf(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			nk;
	const grant_rate_kind *k = grant_rate_kinds(&nk);

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < nk; i++)
	{
		Datum		v[7];
		bool		n[7] = {false};

		v[0] = CStringGetTextDatum(grant_scheme_name(k[i].scheme));
		v[1] = CStringGetTextDatum(grant_component_name(k[i].component));
		v[2] = CStringGetTextDatum(grant_category_name(k[i].category));
		v[3] = CStringGetTextDatum(k[i].unit);
		/* the kind's own years, narrowed by the scheme's */
		{
			const grant_scheme_info *si = grant_scheme_get(k[i].scheme);
			int			first = k[i].first_year,
						last = k[i].last_year;

			if (si->first_year && (!first || si->first_year > first))
				first = si->first_year;
			if (si->last_year && (!last || si->last_year < last))
				last = si->last_year;
			v[4] = Int32GetDatum(first);
			n[4] = first == 0;
			v[5] = Int32GetDatum(last);
			n[5] = last == 0;
		}
		v[6] = BoolGetDatum(k[i].required);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
	return (Datum) 0;
}

/*
 * _grant_rate_problem(budget_year, scheme, component, category, unit): NULL
 * when the row is a known kind of rate for that year, else what is wrong.
 */
PG_FUNCTION_INFO_V1(grant_rate_problem);
Datum
grant_rate_problem(PG_FUNCTION_ARGS)
{
	int			year = PG_GETARG_INT32(0);
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *c = text_to_cstring(PG_GETARG_TEXT_PP(2));
	char	   *k = text_to_cstring(PG_GETARG_TEXT_PP(3));
	char	   *u = text_to_cstring(PG_GETARG_TEXT_PP(4));
	int			si = grant_scheme_lookup(s),
				ci = grant_component_lookup(c),
				ki = grant_category_lookup(k);
	const grant_rate_kind *kind;

	if (si < 0)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("unknown scheme \"%s\"", s)));
	if (ci < 0)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("unknown component \"%s\"", c)));
	if (ki < 0)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("unknown category \"%s\"", k)));
	kind = grant_rate_kind_find(si, ci, ki);
	if (kind == NULL)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s has no rate %s for category %s", s, c, k)));
	if (strcmp(kind->unit, u) != 0)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %s %s is in unit %s, not \"%s\"", s, c, k, kind->unit, u)));
	if (!grant_scheme_in_force(si, year))
	{
		const grant_scheme_info *i = grant_scheme_get(si);

		if (i->first_year && year < i->first_year)
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("budget year %d is before the scheme %s existed (from %d)", year, s, i->first_year)));
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("budget year %d is after the scheme %s ended (in %d)", year, s, i->last_year)));
	}
	if (kind->first_year && year < kind->first_year)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %s %s exists from budget year %d, not %d", s, c, k, kind->first_year, year)));
	if (kind->last_year && year > kind->last_year)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %s %s exists up to budget year %d, not %d", s, c, k, kind->last_year, year)));
	PG_RETURN_NULL();
}

/* ---- rate look-ups ---- */

PG_FUNCTION_INFO_V1(grant_rate_at_sql);
Datum
grant_rate_at_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			year = PG_GETARG_INT32(0);
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *c = text_to_cstring(PG_GETARG_TEXT_PP(2));
	char	   *k = text_to_cstring(PG_GETARG_TEXT_PP(3));
	int			si = scheme_arg(s),
				ci = grant_component_lookup(c),
				ki = grant_category_lookup(k);
	grant_rates *t;
	grant_error e = {0};
	int64_t		amount;
	int			basis;
	Datum		v[2];
	bool		n[2] = {false};

	if (ci < 0 || ki < 0 || grant_rate_kind_find(si, ci, ki) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has no rate %s for category %s", s, c, k),
				 errhint("bosetting.grant_rate_kinds() lists the kinds of rate.")));
	if (!grant_scheme_in_force(si, year))
	{
		const grant_scheme_info *i = grant_scheme_get(si);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 (i->first_year && year < i->first_year)
				 ? errmsg("budget year %d is before the scheme %s existed (from %d)", year, s, i->first_year)
				 : errmsg("budget year %d is after the scheme %s ended (in %d)", year, s, i->last_year)));
	}
	t = rates_for(fcinfo);
	InitMaterializedSRF(fcinfo, 0);
	if (!grant_rate_at(t, si, ci, ki, year, &amount, &basis, &e))
		report(&e);
	v[0] = ore_numeric(amount);
	v[1] = basis_text(year, basis);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(grant_cross_section_sql);
Datum
grant_cross_section_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			year = PG_GETARG_INT32(0);
	char	   *k = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			ki = grant_category_lookup(k);
	grant_rates *t = rates_for(fcinfo);
	grant_error e = {0};
	int64_t		amount;
	int			basis;
	bool		from_sum;
	Datum		v[3];
	bool		n[3] = {false};

	if (ki < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown category \"%s\": use enslig_voksen, voksen, barn or enslig_mindrearig", k)));
	InitMaterializedSRF(fcinfo, 0);
	if (!grant_cross_section(t, year, ki, &amount, &basis, &from_sum, &e))
		report(&e);
	v[0] = ore_numeric(amount);
	v[1] = basis_text(year, basis);
	v[2] = CStringGetTextDatum(from_sum ? "published five-year total" : "år 1-5 rates added up");
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	return (Datum) 0;
}

/* ---- schedules ---- */

static uint32
scheme_mask_arg(FunctionCallInfo fcinfo, int argno)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	uint32		mask = 0;

	if (PG_ARGISNULL(argno))
		return GRANT_ALL_SCHEMES;
	a = PG_GETARG_ARRAYTYPE_P(argno);
	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("schemes must not contain NULL")));
		mask |= 1u << scheme_arg(TextDatumGetCString(elems[i]));
	}
	return mask;
}

static void
schedule_common(FunctionCallInfo fcinfo, grant_person *p, int disability_arg)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	grant_rates *t;
	grant_line	lines[GRANT_MAX_LINES];
	grant_error e = {0};
	int			n;
	uint32		mask;

	if (!PG_ARGISNULL(disability_arg))
	{
		char	   *d = text_to_cstring(PG_GETARG_TEXT_PP(disability_arg));

		if (strcmp(d, "tilskudd1") == 0)
			p->disability = GD_TILSKUDD1;
		else if (strcmp(d, "tilskudd2") == 0)
			p->disability = GD_TILSKUDD2;
		else if (strcmp(d, "none") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown disability grant \"%s\"", d),
					 errhint("Use 'tilskudd1' (one-time), 'tilskudd2' (yearly, capped) or NULL.")));
	}
	p->beyond_request = !PG_ARGISNULL(disability_arg + 1) && PG_GETARG_BOOL(disability_arg + 1);
	p->from_institution = !PG_ARGISNULL(disability_arg + 2) && PG_GETARG_BOOL(disability_arg + 2);
	mask = scheme_mask_arg(fcinfo, disability_arg + 3);

	t = rates_for(fcinfo);
	n = grant_person_schedule(t, p, mask, lines, &e);
	if (n < 0)
		report(&e);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < n; i++)
	{
		Datum		v[6];
		bool		nulls[6] = {false};

		v[0] = Int32GetDatum(lines[i].budget_year);
		v[1] = Int32GetDatum(lines[i].year_index);
		v[2] = CStringGetTextDatum(grant_scheme_name(lines[i].scheme));
		v[3] = CStringGetTextDatum(grant_component_name(lines[i].component));
		v[4] = ore_numeric(lines[i].amount);
		v[5] = basis_text(lines[i].budget_year, lines[i].basis_year);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
}

/*
 * grant_schedule(birth_date, settled_on, single_adult, unaccompanied,
 * disability, beyond_request, from_institution, schemes)
 */
PG_FUNCTION_INFO_V1(grant_schedule_flags);
Datum
grant_schedule_flags(PG_FUNCTION_ARGS)
{
	grant_person p;
	grant_error e = {0};

	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
		{
			InitMaterializedSRF(fcinfo, 0);
			return (Datum) 0;
		}
	if (!grant_person_from_dates(date_arg(fcinfo, 0, "birth_date"),
								 date_arg(fcinfo, 1, "settled_on"),
								 PG_GETARG_BOOL(2), PG_GETARG_BOOL(3), &p, &e))
		report(&e);
	schedule_common(fcinfo, &p, 4);
	return (Datum) 0;
}

/* grant_schedule(birth_date, settled_on, category, disability, ...) */
PG_FUNCTION_INFO_V1(grant_schedule_category);
Datum
grant_schedule_category(PG_FUNCTION_ARGS)
{
	grant_person p;
	grant_error e = {0};

	for (int i = 0; i < 3; i++)
		if (PG_ARGISNULL(i))
		{
			InitMaterializedSRF(fcinfo, 0);
			return (Datum) 0;
		}
	if (!grant_person_from_category(date_arg(fcinfo, 0, "birth_date"),
									date_arg(fcinfo, 1, "settled_on"),
									text_to_cstring(PG_GETARG_TEXT_PP(2)), &p, &e))
		report(&e);
	schedule_common(fcinfo, &p, 3);
	return (Datum) 0;
}

/* ---- totals over cohorts ---- */

typedef struct total_key
{
	int32		budget_year;
	int32		basis_year;
	int16		kommunenr;
	int16		scheme;
} total_key;

typedef struct total_entry
{
	total_key	key;
	int64		persons;
	int64		amount;
} total_entry;

typedef struct profile_key
{
	int32		settle_year;
	int32		birth_year;
	int8		category;
	int8		elderly;
	int8		small_child;
	int8		pad;
} profile_key;

typedef struct profile_entry
{
	profile_key key;
	int			nlines;
	grant_line *lines;			/* only the lines inside the years asked for */
} profile_entry;

static void *
array_values(ArrayType *a, Oid type, int expect, const char *name, Datum **out)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	bool	   *nulls;
	int			n;

	args_vector(a, name);
	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign, out, &nulls, &n);
	if (n != expect)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %d elements, expected %d", name, n, expect)));
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not contain NULL", name)));
	(void) type;
	return NULL;
}

/*
 * _grant_totals(from_year, to_year, kommunenr[], settle_year[], birth_year[],
 * unaccompanied[], alone[], elderly[], small_child[], persons[])
 *   -> (budget_year, kommunenr, scheme, rate_basis, persons, amount)
 *
 * One element per cohort of persons who bring the same grants: same
 * municipality, settlement year, birth year, category and age flags.  The
 * person category follows the rules: unaccompanied minor; else adult from
 * the calendar year of 18, single when settled alone; else child.
 */
PG_FUNCTION_INFO_V1(grant_totals);
Datum
grant_totals(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			from_year = PG_GETARG_INT32(0);
	int			to_year = PG_GETARG_INT32(1);
	ArrayType  *ka = PG_GETARG_ARRAYTYPE_P(2);
	int			n = ArrayGetNItems(ARR_NDIM(ka), ARR_DIMS(ka));
	Datum	   *knr,
			   *sy,
			   *by,
			   *um,
			   *al,
			   *el,
			   *sc,
			   *np;
	grant_rates *t;
	HASHCTL		ctl;
	HTAB	   *totals,
			   *profiles;
	MemoryContext work,
				old;
	HASH_SEQ_STATUS seq;
	total_entry *te;

	year_arg("from_year", from_year);
	year_arg("to_year", to_year);
	if (from_year > to_year)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("from_year %d is after to_year %d", from_year, to_year)));
	if (to_year - from_year > 200)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a projection over %d years is beyond the limit of 200", to_year - from_year + 1)));
	array_values(ka, 0, n, "kommunenr", &knr);
	array_values(PG_GETARG_ARRAYTYPE_P(3), 0, n, "settle_year", &sy);
	array_values(PG_GETARG_ARRAYTYPE_P(4), 0, n, "birth_year", &by);
	array_values(PG_GETARG_ARRAYTYPE_P(5), 0, n, "unaccompanied", &um);
	array_values(PG_GETARG_ARRAYTYPE_P(6), 0, n, "alone", &al);
	array_values(PG_GETARG_ARRAYTYPE_P(7), 0, n, "elderly", &el);
	array_values(PG_GETARG_ARRAYTYPE_P(8), 0, n, "small_child", &sc);
	array_values(PG_GETARG_ARRAYTYPE_P(9), 0, n, "persons", &np);
	t = rates_for(fcinfo);

	work = AllocSetContextCreate(CurrentMemoryContext, "grant totals", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(total_key);
	ctl.entrysize = sizeof(total_entry);
	ctl.hcxt = work;
	totals = hash_create("grant totals", 4096, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(profile_key);
	ctl.entrysize = sizeof(profile_entry);
	ctl.hcxt = work;
	profiles = hash_create("grant profiles", 1024, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	for (int i = 0; i < n; i++)
	{
		profile_key pk;
		profile_entry *pe;
		bool		found;
		int64		persons = DatumGetInt64(np[i]);
		int16		kommunenr = DatumGetInt16(knr[i]);

		CHECK_FOR_INTERRUPTS();
		if (persons <= 0)
			continue;
		memset(&pk, 0, sizeof(pk));
		pk.settle_year = DatumGetInt32(sy[i]);
		pk.birth_year = DatumGetInt32(by[i]);
		year_arg("settle_year", pk.settle_year);
		year_arg("birth_year", pk.birth_year);
		pk.category = grant_category_of(pk.birth_year, pk.settle_year,
										DatumGetBool(um[i]), DatumGetBool(al[i]));
		pk.elderly = DatumGetBool(el[i]);
		pk.small_child = DatumGetBool(sc[i]);
		pe = hash_search(profiles, &pk, HASH_ENTER, &found);
		if (!found)
		{
			grant_person p;
			grant_line	lines[GRANT_MAX_LINES];
			grant_error e = {0};
			int			nl,
						keep = 0;

			memset(&p, 0, sizeof(p));
			p.birth_year = pk.birth_year;
			p.settle_year = pk.settle_year;
			p.category = pk.category;
			p.elderly = pk.elderly;
			p.small_child = pk.small_child;
			pe->nlines = 0;
			pe->lines = NULL;
			if (pk.settle_year <= to_year && pk.birth_year <= pk.settle_year)
			{
				nl = grant_person_schedule_range(t, &p, GRANT_ALL_SCHEMES,
												 from_year, to_year, lines, &e);
				if (nl < 0)
					report(&e);
				for (int j = 0; j < nl; j++)
					if (lines[j].budget_year >= from_year && lines[j].budget_year <= to_year)
						keep++;
				if (keep > 0)
				{
					pe->lines = palloc(sizeof(grant_line) * keep);
					for (int j = 0; j < nl; j++)
						if (lines[j].budget_year >= from_year && lines[j].budget_year <= to_year)
							pe->lines[pe->nlines++] = lines[j];
				}
			}
		}
		for (int j = 0; j < pe->nlines; j++)
		{
			total_key	tk;

			memset(&tk, 0, sizeof(tk));
			tk.budget_year = pe->lines[j].budget_year;
			tk.basis_year = pe->lines[j].basis_year;
			tk.kommunenr = kommunenr;
			tk.scheme = pe->lines[j].scheme;
			te = hash_search(totals, &tk, HASH_ENTER, &found);
			if (!found)
			{
				te->persons = 0;
				te->amount = 0;
			}
			if (!grant_add_product(&te->persons, persons, 1) ||
				!grant_add_product(&te->amount, persons, pe->lines[j].amount))
				amount_overflow();
		}
	}
	MemoryContextSwitchTo(old);

	InitMaterializedSRF(fcinfo, 0);
	hash_seq_init(&seq, totals);
	while ((te = hash_seq_search(&seq)) != NULL)
	{
		Datum		v[6];
		bool		nulls[6] = {false};

		v[0] = Int32GetDatum(te->key.budget_year);
		v[1] = Int16GetDatum(te->key.kommunenr);
		v[2] = CStringGetTextDatum(grant_scheme_name(te->key.scheme));
		v[3] = basis_text(te->key.budget_year, te->key.basis_year);
		v[4] = Int64GetDatum(te->persons);
		v[5] = ore_numeric(te->amount);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}

/*
 * _grant_municipal(year, kommunenr[], settled[], requested_for_bonus[],
 * requested[], decided[]) -> (kommunenr, scheme, persons, amount, rate_basis):
 * the schemes paid per municipality rather than per person: persons settled
 * beyond the request (2016-2017) and unused decided places (2022).
 */
PG_FUNCTION_INFO_V1(grant_municipal);
Datum
grant_municipal(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			year = PG_GETARG_INT32(0);
	ArrayType  *ka = PG_GETARG_ARRAYTYPE_P(1);
	int			n = ArrayGetNItems(ARR_NDIM(ka), ARR_DIMS(ka));
	Datum	   *knr,
			   *settled,
			   *rbonus,
			   *req,
			   *dec;
	grant_rates *t;

	year_arg("year", year);
	t = rates_for(fcinfo);
	array_values(ka, 0, n, "kommunenr", &knr);
	array_values(PG_GETARG_ARRAYTYPE_P(2), 0, n, "settled", &settled);
	array_values(PG_GETARG_ARRAYTYPE_P(3), 0, n, "requested_for_bonus", &rbonus);
	array_values(PG_GETARG_ARRAYTYPE_P(4), 0, n, "requested", &req);
	array_values(PG_GETARG_ARRAYTYPE_P(5), 0, n, "decided", &dec);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < n; i++)
	{
		int64_t		persons,
					amount;
		int			basis;
		grant_error e = {0};
		Datum		v[5];
		bool		nulls[5] = {false};

		CHECK_FOR_INTERRUPTS();
		v[0] = knr[i];
		if (!grant_beyond_request(t, year, DatumGetInt64(settled[i]),
								  DatumGetInt64(rbonus[i]), &persons, &amount, &basis, &e))
			report(&e);
		if (persons > 0)
		{
			v[1] = CStringGetTextDatum(grant_scheme_name(GS_EKSTRA_BOSETTING));
			v[2] = Int64GetDatum(persons);
			v[3] = ore_numeric(amount);
			v[4] = basis_text(year, basis);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
		}
		if (!grant_unused_places(t, year, DatumGetInt64(dec[i]), DatumGetInt64(req[i]),
								 DatumGetInt64(settled[i]), &persons, &amount, &basis, &e))
			report(&e);
		if (persons > 0)
		{
			v[1] = CStringGetTextDatum(grant_scheme_name(GS_KOMPENSASJON));
			v[2] = Int64GetDatum(persons);
			v[3] = ore_numeric(amount);
			v[4] = basis_text(year, basis);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
		}
	}
	return (Datum) 0;
}

/* _grant_split(total, weights[]) -> int8[]: largest remainder, ties to the lower index */
PG_FUNCTION_INFO_V1(grant_split_sql);
Datum
grant_split_sql(PG_FUNCTION_ARGS)
{
	int64		total = PG_GETARG_INT64(0);
	ArrayType  *wa = PG_GETARG_ARRAYTYPE_P(1);
	int			n = ArrayGetNItems(ARR_NDIM(wa), ARR_DIMS(wa));
	Datum	   *wd;
	int64_t    *w,
			   *o;
	Datum	   *od;

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot split %lld places over an empty composition", (long long) total)));
	if (n > GRANT_SPLIT_MAX_SHARES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot split places over %d weights: the limit is %d", n,
						GRANT_SPLIT_MAX_SHARES)));
	array_values(wa, 0, n, "weights", &wd);
	w = palloc(sizeof(int64_t) * n);
	o = palloc(sizeof(int64_t) * n);
	od = palloc(sizeof(Datum) * n);
	for (int i = 0; i < n; i++)
		w[i] = DatumGetInt64(wd[i]);
	if (!grant_split(total, w, n, o, palloc(grant_split_work_size(n))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot split %lld places: the composition weights must be non-negative, not all zero, and the places at most 1048576", (long long) total)));
	for (int i = 0; i < n; i++)
		od[i] = Int64GetDatum(o[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(od, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
