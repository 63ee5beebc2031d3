/*
 * capacity_glue.c: the capacity triggers and capacity_rebuild().
 *
 * Two derived tables carry the state (capacity.sql):
 *   capacity_household: per household its person, minor and need counts and
 *     where it is booked.  A booking, a person change and a need change of
 *     the same household all UPDATE this one row first, so they serialise on
 *     it: at READ COMMITTED the later one waits and then sees the earlier one
 *     (EvalPlanQual re-reads the newest row version, and every following SPI
 *     query takes a fresh snapshot); at REPEATABLE READ and SERIALIZABLE the
 *     later one gets a serialization failure.
 *   capacity_booked: per (year, kommunenr, dimension) the limit and what is
 *     booked.  Every consumption is ONE guarded UPDATE
 *       SET booked = booked + asked WHERE key AND booked + asked <= decided
 *     so the check is made on the newest version of the row, under its row
 *     lock; decision and capacity changes update the limit in the same row.
 *     The counters a change touches are locked in one total order (year,
 *     kommunenr, dimension; src/core/capacity.c), after the household rows
 *     (in household_id order), so opposite moves cannot deadlock.
 */
#include "postgres.h"

#include "core/capacity.h"
#include "core/kommunenr.h"
#include "bosetting.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#define CAP_SCHEMA "bosetting"

/* ---------- saved plans ---------- */

typedef struct cap_plans
{
	Oid			knr;			/* the kommunenr type the plans were made for */
	SPIPlanPtr	tally_add;		/* (hh, dpersons, dminors, dneeds) -> year, knr */
	SPIPlanPtr	tally_book;		/* (hh, year, knr) -> persons, minors, needs */
	SPIPlanPtr	tally_unbook;	/* (hh, year, knr) -> persons, minors, needs */
	SPIPlanPtr	tally_move;		/* (hh, y0, k0, y1, k1) -> persons, minors, needs */
	SPIPlanPtr	tally_get;		/* (hh) -> year, knr */
	SPIPlanPtr	tally_create;	/* (hh) */
	SPIPlanPtr	tally_delete;	/* (hh) */
	SPIPlanPtr	tally_rename;	/* (old, new) */
	SPIPlanPtr	needs;			/* (hh) -> dimension, amount */
	SPIPlanPtr	counter_add;	/* (year, knr, dim, n) */
	SPIPlanPtr	counter_sub;	/* (year, knr, dim, n) */
	SPIPlanPtr	counter_get;	/* (year, knr, dim) -> decided, booked */
	SPIPlanPtr	limit_insert;	/* (year, knr, dim, decided) */
	SPIPlanPtr	limit_set;		/* (year, knr, dim, decided) */
	SPIPlanPtr	limit_drop;		/* (year, knr, dim) */
} cap_plans;

static cap_plans plans;

#define KEYQ " WHERE year OPERATOR(pg_catalog.=) $1 AND kommunenr OPERATOR(" CAP_SCHEMA ".=) $2" \
	" AND dimension OPERATOR(pg_catalog.=) $3"
#define TALLY "UPDATE " CAP_SCHEMA ".capacity_household SET "
#define HHQ " WHERE household_id OPERATOR(pg_catalog.=) $1"

static SPIPlanPtr
prepare(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	p = SPI_prepare(sql, nargs, types);

	if (p == NULL)
		elog(ERROR, "bosetting: SPI_prepare failed (%s): %s",
			 SPI_result_code_string(SPI_result), sql);
	if (SPI_keepplan(p) != 0)
		elog(ERROR, "bosetting: SPI_keepplan failed");
	return p;
}

/* The kommunenr type of the extension's schema (the schema of `rel`). */
static Oid
kommunenr_type(Relation rel)
{
	Oid			t = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									CStringGetDatum("kommunenr"),
									ObjectIdGetDatum(RelationGetNamespace(rel)));

	if (!OidIsValid(t))
		elog(ERROR, "bosetting: type kommunenr not found beside table \"%s\"",
			 RelationGetRelationName(rel));
	return t;
}

/*
 * Prepare the plans once per backend; again when the extension was dropped
 * and re-created (the kommunenr type has a new oid).
 */
static void
ensure_plans(Oid knr)
{
	SPIPlanPtr *all[] = {&plans.tally_add, &plans.tally_book, &plans.tally_unbook,
		&plans.tally_move, &plans.tally_get, &plans.tally_create, &plans.tally_delete,
		&plans.tally_rename, &plans.needs, &plans.counter_add, &plans.counter_sub,
		&plans.counter_get, &plans.limit_insert, &plans.limit_set, &plans.limit_drop};
	Oid			t_add[] = {INT8OID, INT4OID, INT4OID, INT4OID};
	Oid			t_hyk[] = {INT8OID, INT4OID, knr};
	Oid			t_move[] = {INT8OID, INT4OID, knr, INT4OID, knr};
	Oid			t_hh[] = {INT8OID};
	Oid			t_hh2[] = {INT8OID, INT8OID};
	Oid			t_key[] = {INT4OID, knr, TEXTOID};
	Oid			t_keyn[] = {INT4OID, knr, TEXTOID, INT8OID};
	Oid			t_keyd[] = {INT4OID, knr, TEXTOID, INT4OID};
	int			i;

	if (plans.knr == knr && plans.limit_drop != NULL)
		return;
	for (i = 0; i < (int) lengthof(all); i++)
	{
		if (*all[i] != NULL)
			SPI_freeplan(*all[i]);
		*all[i] = NULL;
	}
	plans.knr = InvalidOid;

	plans.tally_add = prepare(TALLY
							  "persons = persons OPERATOR(pg_catalog.+) $2, "
							  "minors = minors OPERATOR(pg_catalog.+) $3, "
							  "needs = needs OPERATOR(pg_catalog.+) $4" HHQ
							  " RETURNING booked_year, booked_kommunenr", 4, t_add);
	plans.tally_book = prepare(TALLY "booked_year = $2, booked_kommunenr = $3" HHQ
							   " AND booked_year IS NULL RETURNING persons, minors, needs",
							   3, t_hyk);
	plans.tally_unbook = prepare(TALLY "booked_year = NULL, booked_kommunenr = NULL" HHQ
								 " AND booked_year OPERATOR(pg_catalog.=) $2"
								 " AND booked_kommunenr OPERATOR(" CAP_SCHEMA ".=) $3"
								 " RETURNING persons, minors, needs", 3, t_hyk);
	plans.tally_move = prepare(TALLY "booked_year = $4, booked_kommunenr = $5" HHQ
							   " AND booked_year OPERATOR(pg_catalog.=) $2"
							   " AND booked_kommunenr OPERATOR(" CAP_SCHEMA ".=) $3"
							   " RETURNING persons, minors, needs", 5, t_move);
	plans.tally_get = prepare("SELECT booked_year, booked_kommunenr FROM "
							  CAP_SCHEMA ".capacity_household" HHQ, 1, t_hh);
	plans.tally_create = prepare("INSERT INTO " CAP_SCHEMA ".capacity_household (household_id)"
								 " VALUES ($1) ON CONFLICT (household_id) DO NOTHING", 1, t_hh);
	plans.tally_delete = prepare("DELETE FROM " CAP_SCHEMA ".capacity_household" HHQ, 1, t_hh);
	plans.tally_rename = prepare(TALLY "household_id = $2" HHQ
								 " AND persons OPERATOR(pg_catalog.=) 0"
								 " AND minors OPERATOR(pg_catalog.=) 0"
								 " AND needs OPERATOR(pg_catalog.=) 0"
								 " AND booked_year IS NULL", 2, t_hh2);
	plans.needs = prepare("SELECT dimension, amount::pg_catalog.int8 FROM "
						  CAP_SCHEMA ".household_need" HHQ, 1, t_hh);
	plans.counter_add = prepare("UPDATE " CAP_SCHEMA ".capacity_booked"
								" SET booked = booked OPERATOR(pg_catalog.+) $4" KEYQ
								" AND booked OPERATOR(pg_catalog.+) $4 OPERATOR(pg_catalog.<=) decided",
								4, t_keyn);
	plans.counter_sub = prepare("UPDATE " CAP_SCHEMA ".capacity_booked"
								" SET booked = booked OPERATOR(pg_catalog.-) $4" KEYQ
								" AND booked OPERATOR(pg_catalog.>=) $4", 4, t_keyn);
	plans.counter_get = prepare("SELECT decided, booked FROM " CAP_SCHEMA ".capacity_booked" KEYQ,
								3, t_key);
	plans.limit_insert = prepare("INSERT INTO " CAP_SCHEMA ".capacity_booked"
								 " (year, kommunenr, dimension, decided, booked)"
								 " VALUES ($1, $2, $3, $4, 0)", 4, t_keyd);
	plans.limit_set = prepare("UPDATE " CAP_SCHEMA ".capacity_booked SET decided = $4" KEYQ
							  " AND (booked OPERATOR(pg_catalog.=) 0"
							  " OR booked OPERATOR(pg_catalog.<=) $4)", 4, t_keyd);
	plans.limit_drop = prepare("DELETE FROM " CAP_SCHEMA ".capacity_booked" KEYQ
							   " AND booked OPERATOR(pg_catalog.=) 0", 3, t_key);
	plans.knr = knr;
}

/*
 * Non-zero while this module itself writes capacity_booked or
 * capacity_household; capacity_counter_guard refuses every other writer but
 * a superuser, so a role that may book cannot raise a limit by hand.
 */
static int	counter_writes = 0;

static void
run(SPIPlanPtr plan, Datum *values, const char *nulls, int expect)
{
	volatile int rc = 0;

	counter_writes++;
	PG_TRY();
	{
		rc = SPI_execute_plan(plan, values, nulls, false, 0);
	}
	PG_FINALLY();
	{
		counter_writes--;
	}
	PG_END_TRY();
	if (rc != expect)
		elog(ERROR, "bosetting: capacity query failed: %s", SPI_result_code_string(rc));
}

PG_FUNCTION_INFO_V1(capacity_counter_guard);
Datum
capacity_counter_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_counter_guard must be called as a trigger")));
	if (counter_writes == 0 && !superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s is kept by the capacity triggers and cannot be written directly",
						RelationGetRelationName(td->tg_relation)),
				 errhint("Change settlements, persons, needs, decisions or capacity instead; "
						 "bosetting.capacity_rebuild() recomputes the counters.")));
	return PointerGetDatum(NULL);
}

/* ---------- reading the trigger's rows ---------- */

static int
column(TupleDesc desc, const char *name)
{
	int			f = SPI_fnumber(desc, name);

	if (f <= 0)
		elog(ERROR, "bosetting: capacity trigger needs column \"%s\"", name);
	return f;
}

/* An integer column of any width (or kommunenr, an int2); false if NULL. */
static bool
get_int(HeapTuple tup, TupleDesc desc, const char *name, int64 *out)
{
	int			f = column(desc, name);
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, f, &isnull);

	if (isnull)
		return false;
	switch (TupleDescAttr(desc, f - 1)->attlen)
	{
		case 8:
			*out = DatumGetInt64(d);
			break;
		case 4:
			*out = DatumGetInt32(d);
			break;
		case 2:
			*out = DatumGetInt16(d);
			break;
		default:
			elog(ERROR, "bosetting: column \"%s\" is not an integer", name);
	}
	return true;
}

static char *
get_text(HeapTuple tup, TupleDesc desc, const char *name)
{
	int			f = column(desc, name);
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, f, &isnull);

	if (isnull)
		return NULL;
	if (SPI_gettypeid(desc, f) == TEXTOID)
		return TextDatumGetCString(d);
	return SPI_getvalue(tup, desc, f);
}

static bool
get_bool(HeapTuple tup, TupleDesc desc, const char *name)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, column(desc, name), &isnull);

	return !isnull && DatumGetBool(d);
}

/*
 * bosetting.restoring = on (set by a superuser restoring a dump, as for the
 * register's checks): the capacity triggers stand aside, since pg_restore
 * loads tables in no promised order; capacity_rebuild() afterwards.
 */
static bool
restoring(void)
{
	return bosetting_restoring;
}

static TriggerData *
row_trigger(FunctionCallInfo fcinfo, const char *fname)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be called as a trigger", fname)));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be fired AFTER ... FOR EACH ROW", fname)));
	return td;
}

/* The row before (old) and after (new) the change; NULL where none. */
static void
trigger_rows(TriggerData *td, HeapTuple *oldt, HeapTuple *newt)
{
	*oldt = NULL;
	*newt = NULL;
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		*newt = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		*oldt = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		*oldt = td->tg_trigtuple;
		*newt = td->tg_newtuple;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity row triggers handle INSERT, UPDATE and DELETE only")));
}

/* ---------- delta lists ---------- */

typedef struct delta_list
{
	cap_delta  *d;
	int			n;
	int			size;
} delta_list;

static void
delta_add(delta_list *l, int32 year, int16 knr, const char *dim, int64 amount, bool required)
{
	if (amount == 0 && !required)
		return;
	if (l->n == l->size)
	{
		l->size = l->size ? l->size * 2 : 8;
		l->d = l->d ? repalloc(l->d, l->size * sizeof(cap_delta))
			: palloc(l->size * sizeof(cap_delta));
	}
	l->d[l->n].year = year;
	l->d[l->n].kommunenr = knr;
	l->d[l->n].dimension = dim;
	l->d[l->n].amount = amount;
	l->d[l->n].required = required;
	l->n++;
}

static const char *
knr_text(int16 knr)
{
	char	   *buf = palloc(8);

	kommunenr_format(knr, buf);
	return buf;
}

/* Read a counter: whether it exists, its limit (if known) and booked. */
static bool
counter_get(const cap_delta *d, bool *has_limit, int64 *limit, int64 *booked)
{
	Datum		v[3] = {Int32GetDatum(d->year), Int16GetDatum(d->kommunenr),
	CStringGetTextDatum(d->dimension)};
	bool		isnull;

	run(plans.counter_get, v, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	*limit = 0;
	{
		Datum		l = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		*has_limit = !isnull;
		if (!isnull)
			*limit = DatumGetInt32(l);
	}
	*booked = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	return true;
}

static void
report_shortfall(const cap_delta *d, cap_verdict verdict, int64 limit, int64 booked, int64 left)
{
	const char *k = knr_text(d->kommunenr);
	bool		persons = strcmp(d->dimension, CAP_DIM_PERSONS) == 0;
	bool		minors = strcmp(d->dimension, CAP_DIM_MINORS) == 0;
	long long	asked = (long long) d->amount;

	if (verdict == CAP_NO_COUNTER && (persons || minors))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no settlement decision for %d: dimension \"%s\" has 0 left, %lld asked",
						k, d->year, d->dimension, asked),
				 errdetail("A booking consumes the number of persons the municipality decided to settle (vedtak)."),
				 errhint("Record the decision for %d in bosetting.decision before booking.", d->year)));
	if (verdict == CAP_NO_COUNTER)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no capacity \"%s\" for %d: 0 left, %lld asked",
						k, d->dimension, d->year, asked),
				 errdetail("The household needs %lld of \"%s\" (household_need).", asked, d->dimension),
				 errhint("Add the municipality's capacity to bosetting.capacity, or book the household elsewhere.")));
	if (verdict == CAP_NO_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no decided number for %d: dimension \"%s\" has 0 left, %lld asked",
						k, d->year, d->dimension, asked),
				 errdetail("decision.%s is NULL (suppressed, missing or awaiting a decision); nothing can be booked against an unknown number.",
						   minors ? "decided_em" : "decided"),
				 errhint("Record the decided number first.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("capacity exceeded for municipality %s, year %d, dimension \"%s\": %lld left, %lld asked",
					k, d->year, d->dimension, (long long) left, asked),
			 errdetail("The limit is %lld and %lld %s booked.", (long long) limit, (long long) booked,
					   booked == 1 ? "is" : "are"),
			 errhint("Book the household elsewhere, or raise the %s first.",
					 persons || minors ? "decision" : "capacity")));
}

/*
 * Apply a delta list: merged and sorted (the lock order), then one guarded
 * UPDATE per counter.
 */
static void
apply_deltas(delta_list *l)
{
	int			n = cap_deltas_normalize(l->d, l->n),
				i;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("capacity change is too large")));
	for (i = 0; i < n; i++)
	{
		cap_delta  *d = &l->d[i];
		int64		mag = d->amount < 0 ? -d->amount : d->amount;
		Datum		v[4] = {Int32GetDatum(d->year), Int16GetDatum(d->kommunenr),
		CStringGetTextDatum(d->dimension), Int64GetDatum(mag)};
		int			attempt;

		for (attempt = 0;; attempt++)
		{
			bool		has_limit = false;
			int64		limit = 0,
						booked = 0,
						left;
			bool		exists;
			cap_verdict verdict;

			run(d->amount < 0 ? plans.counter_sub : plans.counter_add, v, NULL, SPI_OK_UPDATE);
			if (SPI_processed == 1)
				break;
			exists = counter_get(d, &has_limit, &limit, &booked);
			verdict = cap_check(exists, has_limit, limit, booked, d->amount, d->required, &left);
			if (d->amount < 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg("capacity counter of municipality %s, year %d, dimension \"%s\" holds %lld, cannot release %lld",
								knr_text(d->kommunenr), d->year, d->dimension,
								(long long) booked, (long long) mag),
						 errhint("SELECT * FROM bosetting.verify_capacity() lists the disagreement; bosetting.capacity_rebuild() recomputes the counters.")));
			/* a concurrent release made room between the two queries: retry */
			if (verdict == CAP_FITS && attempt < 3)
				continue;
			report_shortfall(d, verdict == CAP_FITS ? CAP_EXCEEDS : verdict, limit, booked, left);
		}
	}
}

static void tally_missing(int64 hh) pg_attribute_noreturn();
static void tally_failed(int64 hh, bool booking) pg_attribute_noreturn();

static void
tally_missing(int64 hh)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("household %lld has no capacity_household row", (long long) hh),
			 errhint("The household was inserted while the capacity triggers were disabled; run SELECT bosetting.capacity_rebuild().")));
}

/* Read (persons, minors, needs) returned by a tally UPDATE. */
static void
tally_counts(int64 *persons, int64 *minors, int64 *needs)
{
	bool		isnull;
	HeapTuple	t = SPI_tuptable->vals[0];
	TupleDesc	desc = SPI_tuptable->tupdesc;

	*persons = DatumGetInt32(SPI_getbinval(t, desc, 1, &isnull));
	*minors = DatumGetInt32(SPI_getbinval(t, desc, 2, &isnull));
	*needs = DatumGetInt32(SPI_getbinval(t, desc, 3, &isnull));
}

/* Add (sign +1) or release (sign -1) all a household holds at a place. */
static void
household_deltas(delta_list *l, int64 hh, int32 year, int16 knr, int sign,
				 int64 persons, int64 minors, int64 needs)
{
	delta_add(l, year, knr, CAP_DIM_PERSONS, sign * persons, sign > 0);
	delta_add(l, year, knr, CAP_DIM_MINORS, sign * minors, false);
	if (needs > 0)
	{
		Datum		v[1] = {Int64GetDatum(hh)};
		uint64		i;
		SPITupleTable *tt;

		run(plans.needs, v, NULL, SPI_OK_SELECT);
		tt = SPI_tuptable;
		for (i = 0; i < SPI_processed; i++)
		{
			bool		isnull;
			char	   *dim = TextDatumGetCString(SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull));
			int64		amount = DatumGetInt64(SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull));

			delta_add(l, year, knr, dim, sign * amount, false);
		}
	}
}

/*
 * A tally UPDATE of a booking found no row: say why (never returns).
 */
static void
tally_failed(int64 hh, bool booking)
{
	Datum		v[1] = {Int64GetDatum(hh)};
	bool		isnull;
	Datum		y;

	run(plans.tally_get, v, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		tally_missing(hh);
	y = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (booking && !isnull)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("household %lld is already booked for %d", (long long) hh, DatumGetInt32(y)),
				 errdetail("A household has at most one settlement that is not withdrawn.")));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("the capacity_household row of household %lld disagrees with its settlement",
					(long long) hh),
			 errhint("SELECT * FROM bosetting.verify_capacity() lists the disagreement; bosetting.capacity_rebuild() recomputes the counters.")));
}

/* ---------- settlement ---------- */

typedef struct booking
{
	bool		present;
	bool		books;
	int64		hh;
	int32		year;
	int16		knr;
} booking;

static booking
read_booking(HeapTuple t, TupleDesc desc)
{
	booking		b = {0};
	int64		v;
	char	   *status;
	int			books;

	if (t == NULL)
		return b;
	b.present = true;
	if (!get_int(t, desc, "household_id", &b.hh))
		return b;
	status = get_text(t, desc, "status");
	books = cap_status_books(status);
	if (books < 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("unknown settlement status \"%s\"", status ? status : "NULL"),
				 errdetail("A settlement is proposed, accepted, settled or withdrawn.")));
	if (!books)
		return b;
	if (!get_int(t, desc, "year", &v))
		return b;
	b.year = (int32) v;
	if (!get_int(t, desc, "kommunenr", &v))
		return b;
	b.knr = (int16) v;
	b.books = true;
	return b;
}

PG_FUNCTION_INFO_V1(capacity_settlement_trigger);
Datum
capacity_settlement_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = row_trigger(fcinfo, "capacity_settlement_trigger");
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	booking		o,
				n;
	delta_list	l = {0};
	Datum		v[5];
	int64		persons,
				minors,
				needs;

	if (restoring())
		return PointerGetDatum(NULL);
	trigger_rows(td, &oldt, &newt);
	o = read_booking(oldt, desc);
	n = read_booking(newt, desc);
	if (!o.books && !n.books)
		return PointerGetDatum(NULL);
	if (o.books && n.books && o.hh == n.hh && o.year == n.year && o.knr == n.knr)
		return PointerGetDatum(NULL);	/* proposed -> accepted -> settled */

	SPI_connect();
	ensure_plans(kommunenr_type(td->tg_relation));

	if (o.books && n.books && o.hh == n.hh)
	{
		/* a move to another municipality or year */
		v[0] = Int64GetDatum(o.hh);
		v[1] = Int32GetDatum(o.year);
		v[2] = Int16GetDatum(o.knr);
		v[3] = Int32GetDatum(n.year);
		v[4] = Int16GetDatum(n.knr);
		run(plans.tally_move, v, NULL, SPI_OK_UPDATE_RETURNING);
		if (SPI_processed != 1)
			tally_failed(o.hh, false);
		tally_counts(&persons, &minors, &needs);
		household_deltas(&l, o.hh, o.year, o.knr, -1, persons, minors, needs);
		household_deltas(&l, n.hh, n.year, n.knr, +1, persons, minors, needs);
	}
	else
	{
		/* release the old household, book the new one, in household_id order */
		booking    *first = &o,
				   *second = &n;
		int			i;

		if (o.books && n.books && n.hh < o.hh)
		{
			first = &n;
			second = &o;
		}
		for (i = 0; i < 2; i++)
		{
			booking    *b = i == 0 ? first : second;
			bool		release = (b == &o);

			if (!b->books)
				continue;
			v[0] = Int64GetDatum(b->hh);
			v[1] = Int32GetDatum(b->year);
			v[2] = Int16GetDatum(b->knr);
			run(release ? plans.tally_unbook : plans.tally_book, v, NULL, SPI_OK_UPDATE_RETURNING);
			if (SPI_processed != 1)
				tally_failed(b->hh, !release);
			tally_counts(&persons, &minors, &needs);
			household_deltas(&l, b->hh, b->year, b->knr, release ? -1 : +1,
							 persons, minors, needs);
		}
	}
	apply_deltas(&l);
	SPI_finish();
	return PointerGetDatum(NULL);

}

/* ---------- person and household_need ---------- */

/*
 * Lock and update the tally rows of up to two households in household_id
 * order; add `extra` deltas at the place each is booked.
 */
typedef struct hh_change
{
	int64		hh;
	int64		dpersons;
	int64		dminors;
	int64		dneeds;
	const char *dim;			/* need dimension, or NULL */
	int64		damount;
} hh_change;

/* Apply the changes of a person or need trigger, inside SPI. */
static void
apply_household_changes(TriggerData *td, hh_change *c, int nc)
{
	delta_list	l = {0};
	int			i;

	SPI_connect();
	ensure_plans(kommunenr_type(td->tg_relation));

	if (nc == 2 && c[1].hh < c[0].hh)
	{
		hh_change	t = c[0];

		c[0] = c[1];
		c[1] = t;
	}
	for (i = 0; i < nc; i++)
	{
		Datum		v[4] = {Int64GetDatum(c[i].hh), Int32GetDatum((int32) c[i].dpersons),
		Int32GetDatum((int32) c[i].dminors), Int32GetDatum((int32) c[i].dneeds)};
		bool		isnull;
		int32		year;
		int16		knr;

		run(plans.tally_add, v, NULL, SPI_OK_UPDATE_RETURNING);
		if (SPI_processed != 1)
			tally_missing(c[i].hh);
		year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (isnull)
			continue;			/* not booked: nothing to check */
		knr = DatumGetInt16(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		delta_add(&l, year, knr, CAP_DIM_PERSONS, c[i].dpersons, false);
		delta_add(&l, year, knr, CAP_DIM_MINORS, c[i].dminors, false);
		if (c[i].dim != NULL)
			delta_add(&l, year, knr, c[i].dim, c[i].damount, false);
	}
	apply_deltas(&l);
	SPI_finish();
}

PG_FUNCTION_INFO_V1(capacity_person_trigger);
Datum
capacity_person_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = row_trigger(fcinfo, "capacity_person_trigger");
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	hh_change	c[2];
	int			nc = 0;
	int64		ohh = 0,
				nhh = 0;
	bool		oin = false,
				nin = false,
				om = false,
				nm = false;

	if (restoring())
		return PointerGetDatum(NULL);
	trigger_rows(td, &oldt, &newt);
	if (oldt)
	{
		oin = get_int(oldt, desc, "household_id", &ohh);
		om = get_bool(oldt, desc, "unaccompanied_minor");
	}
	if (newt)
	{
		nin = get_int(newt, desc, "household_id", &nhh);
		nm = get_bool(newt, desc, "unaccompanied_minor");
	}
	if (oin && nin && ohh == nhh)
	{
		if (om == nm)
			return PointerGetDatum(NULL);
		c[nc++] = (hh_change) {ohh, 0, (int) nm - (int) om, 0, NULL, 0};
	}
	else
	{
		if (oin)
			c[nc++] = (hh_change) {ohh, -1, om ? -1 : 0, 0, NULL, 0};
		if (nin)
			c[nc++] = (hh_change) {nhh, 1, nm ? 1 : 0, 0, NULL, 0};
	}
	if (nc == 0)
		return PointerGetDatum(NULL);
	apply_household_changes(td, c, nc);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(capacity_need_trigger);
Datum
capacity_need_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = row_trigger(fcinfo, "capacity_need_trigger");
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	hh_change	c[2];
	int			nc = 0;
	int64		ohh = 0,
				nhh = 0,
				oamount = 0,
				namount = 0;
	bool		oin = false,
				nin = false;
	char	   *odim = NULL,
			   *ndim = NULL;

	if (restoring())
		return PointerGetDatum(NULL);
	trigger_rows(td, &oldt, &newt);
	if (oldt)
	{
		oin = get_int(oldt, desc, "household_id", &ohh);
		odim = get_text(oldt, desc, "dimension");
		if (!get_int(oldt, desc, "amount", &oamount))
			oamount = 0;
	}
	if (newt)
	{
		nin = get_int(newt, desc, "household_id", &nhh);
		ndim = get_text(newt, desc, "dimension");
		if (!get_int(newt, desc, "amount", &namount))
			namount = 0;
		if (ndim == NULL || cap_dimension_reserved(ndim))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("household_need cannot name dimension \"%s\"", ndim ? ndim : "NULL"),
					 errdetail("\"persons\" and \"unaccompanied_minors\" are counted from the person rows.")));
		if (namount < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("household_need amount %lld of \"%s\" is negative", (long long) namount, ndim)));
	}
	if (odim == NULL)
		oin = false;
	if (oin && nin && ohh == nhh && strcmp(odim, ndim) == 0 && oamount == namount)
		return PointerGetDatum(NULL);
	if (oin && nin && ohh == nhh)
	{
		/* one household: lock it once; release the old need, add the new */
		c[nc++] = (hh_change) {ohh, 0, 0, 0, odim, -oamount};
		c[nc++] = (hh_change) {nhh, 0, 0, 0, ndim, namount};
		/* the second tally update of the same row is harmless */
		apply_household_changes(td, c, nc);
		return PointerGetDatum(NULL);
	}
	if (oin)
		c[nc++] = (hh_change) {ohh, 0, 0, -1, odim, -oamount};
	if (nin)
		c[nc++] = (hh_change) {nhh, 0, 0, 1, ndim, namount};
	if (nc == 0)
		return PointerGetDatum(NULL);
	apply_household_changes(td, c, nc);
	return PointerGetDatum(NULL);
}

/* ---------- household ---------- */

PG_FUNCTION_INFO_V1(capacity_household_trigger);
Datum
capacity_household_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = row_trigger(fcinfo, "capacity_household_trigger");
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	int64		ohh = 0,
				nhh = 0;
	bool		oin = false,
				nin = false;

	if (restoring())
		return PointerGetDatum(NULL);
	trigger_rows(td, &oldt, &newt);
	if (oldt)
		oin = get_int(oldt, desc, "household_id", &ohh);
	if (newt)
		nin = get_int(newt, desc, "household_id", &nhh);
	if (oin && nin && ohh == nhh)
		return PointerGetDatum(NULL);

	SPI_connect();
	ensure_plans(kommunenr_type(td->tg_relation));
	if (oin && nin)
	{
		Datum		v[2] = {Int64GetDatum(ohh), Int64GetDatum(nhh)};

		run(plans.tally_rename, v, NULL, SPI_OK_UPDATE);
		if (SPI_processed == 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot change household_id %lld of a household with persons, needs or a booking",
							(long long) ohh),
					 errhint("Create a new household and move the persons, needs and settlement to it.")));
	}
	else if (nin)
	{
		Datum		v[1] = {Int64GetDatum(nhh)};

		run(plans.tally_create, v, NULL, SPI_OK_INSERT);
	}
	else if (oin)
	{
		Datum		v[1] = {Int64GetDatum(ohh)};

		run(plans.tally_delete, v, NULL, SPI_OK_DELETE);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* ---------- decision and capacity: the limits ---------- */

typedef struct limit_row
{
	bool		present;
	int32		year;
	int16		knr;
	int			n;
	const char *dim[2];
	bool		has[2];
	int64		value[2];
} limit_row;

static limit_row
read_limits(HeapTuple t, TupleDesc desc, bool is_decision)
{
	limit_row	r = {0};
	int64		v;

	if (t == NULL)
		return r;
	if (!get_int(t, desc, "year", &v))
		return r;
	r.year = (int32) v;
	if (!get_int(t, desc, "kommunenr", &v))
		return r;
	r.knr = (int16) v;
	r.present = true;
	if (is_decision)
	{
		r.n = 2;
		r.dim[0] = CAP_DIM_PERSONS;
		r.has[0] = get_int(t, desc, "decided", &r.value[0]);
		r.dim[1] = CAP_DIM_MINORS;
		r.has[1] = get_int(t, desc, "decided_em", &r.value[1]);
	}
	else
	{
		char	   *dim = get_text(t, desc, "dimension");

		if (dim == NULL)
		{
			r.present = false;
			return r;
		}
		r.n = 1;
		r.dim[0] = dim;
		r.has[0] = get_int(t, desc, "amount", &r.value[0]);
	}
	return r;
}

static const char *
limit_label(const char *dim)
{
	if (strcmp(dim, CAP_DIM_PERSONS) == 0)
		return "decided (persons)";
	if (strcmp(dim, CAP_DIM_MINORS) == 0)
		return "decided_em (unaccompanied minors)";
	return psprintf("capacity \"%s\"", dim);
}

static void
limit_refused(const limit_row *r, int i, int64 booked, bool deleting)
{
	const char *k = knr_text(r->knr);

	if (deleting)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("cannot remove %s of municipality %s for %d: %lld already booked",
						limit_label(r->dim[i]), k, r->year, (long long) booked),
				 errhint("Withdraw or move the bookings first.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("cannot lower %s of municipality %s for %d to %s: %lld already booked",
					limit_label(r->dim[i]), k, r->year,
					r->has[i] ? psprintf("%lld", (long long) r->value[i]) : "NULL",
					(long long) booked),
			 errhint(r->has[i] ? "Withdraw or move bookings first, or lower it to no less than what is booked."
					 : "A decided number can become unknown (NULL) only while nothing is booked.")));
}

static void
limits_drop(const limit_row *r)
{
	int			i;

	for (i = 0; i < r->n; i++)
	{
		Datum		v[3] = {Int32GetDatum(r->year), Int16GetDatum(r->knr),
		CStringGetTextDatum(r->dim[i])};
		cap_delta	d = {r->year, r->knr, r->dim[i], 0, false};
		bool		has_limit;
		int64		limit,
					booked;

		run(plans.limit_drop, v, NULL, SPI_OK_DELETE);
		if (SPI_processed == 0 && counter_get(&d, &has_limit, &limit, &booked))
			limit_refused(r, i, booked, true);
	}
}

static void
limits_set(const limit_row *r, const limit_row *old)
{
	int			i;

	for (i = 0; i < r->n; i++)
	{
		Datum		v[4] = {Int32GetDatum(r->year), Int16GetDatum(r->knr),
			CStringGetTextDatum(r->dim[i]),
		Int32GetDatum((int32) r->value[i])};
		char		nulls[4] = {' ', ' ', ' ', r->has[i] ? ' ' : 'n'};
		cap_delta	d = {r->year, r->knr, r->dim[i], 0, false};
		bool		has_limit;
		int64		limit,
					booked;

		if (old != NULL && old->has[i] == r->has[i] && (!r->has[i] || old->value[i] == r->value[i]))
			continue;
		if (old == NULL)
		{
			run(plans.limit_insert, v, nulls, SPI_OK_INSERT);
			continue;
		}
		run(plans.limit_set, v, nulls, SPI_OK_UPDATE);
		if (SPI_processed == 1)
			continue;
		if (counter_get(&d, &has_limit, &limit, &booked))
			limit_refused(r, i, booked, false);
		run(plans.limit_insert, v, nulls, SPI_OK_INSERT);	/* self-heal a missing counter */
	}
}

PG_FUNCTION_INFO_V1(capacity_limit_trigger);
Datum
capacity_limit_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = row_trigger(fcinfo, "capacity_limit_trigger");
	TupleDesc	desc = td->tg_relation->rd_att;
	bool		is_decision = SPI_fnumber(desc, "decided") > 0;
	HeapTuple	oldt,
				newt;
	limit_row	o,
				n;

	if (restoring())
		return PointerGetDatum(NULL);
	trigger_rows(td, &oldt, &newt);
	o = read_limits(oldt, desc, is_decision);
	n = read_limits(newt, desc, is_decision);
	if (!is_decision && n.present && cap_dimension_reserved(n.dim[0]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capacity cannot name dimension \"%s\"", n.dim[0]),
				 errdetail("\"persons\" and \"unaccompanied_minors\" are limited by decision.decided and decision.decided_em.")));
	if (!o.present && !n.present)
		return PointerGetDatum(NULL);

	SPI_connect();
	ensure_plans(kommunenr_type(td->tg_relation));
	if (o.present && n.present && o.year == n.year && o.knr == n.knr &&
		strcmp(o.dim[0], n.dim[0]) == 0)
		limits_set(&n, &o);
	else
	{
		if (o.present)
			limits_drop(&o);
		if (n.present)
			limits_set(&n, NULL);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* ---------- rebuild ---------- */

static int64
rebuild(void)
{
	int			rc;
	volatile bool ok = false;

	SPI_connect();
	rc = SPI_execute("LOCK TABLE " CAP_SCHEMA ".decision, " CAP_SCHEMA ".capacity, "
					 CAP_SCHEMA ".household, " CAP_SCHEMA ".person, "
					 CAP_SCHEMA ".household_need, " CAP_SCHEMA ".settlement IN SHARE MODE; "
					 "LOCK TABLE " CAP_SCHEMA ".capacity_booked, " CAP_SCHEMA ".capacity_household"
					 " IN EXCLUSIVE MODE", false, 0);
	if (rc != SPI_OK_UTILITY)
		elog(ERROR, "bosetting: capacity_rebuild could not lock: %s", SPI_result_code_string(rc));

	rc = SPI_execute("SELECT e.year, e.kommunenr::pg_catalog.text, e.dimension, e.has_source,"
					 " e.decided, e.booked FROM " CAP_SCHEMA ".capacity_expected() e"
					 " WHERE e.booked OPERATOR(pg_catalog.>) COALESCE(e.decided, 0)"
					 " ORDER BY 1, 2, 3 LIMIT 1", false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "bosetting: capacity_rebuild: %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *decided = SPI_getvalue(t, d, 5);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the register over-books municipality %s, year %s, dimension \"%s\": %s booked, %s decided",
						SPI_getvalue(t, d, 2), SPI_getvalue(t, d, 1), SPI_getvalue(t, d, 3),
						SPI_getvalue(t, d, 6), decided ? decided : "none"),
				 errhint("Withdraw bookings or record the decision or capacity first.")));
	}
	counter_writes++;
	PG_TRY();
	{
		ok = SPI_execute("DELETE FROM " CAP_SCHEMA ".capacity_household", false, 0) == SPI_OK_DELETE &&
			SPI_execute("INSERT INTO " CAP_SCHEMA ".capacity_household"
						" (household_id, persons, minors, needs, booked_year, booked_kommunenr)"
						" SELECT * FROM " CAP_SCHEMA ".capacity_expected_households()",
						false, 0) == SPI_OK_INSERT &&
			SPI_execute("DELETE FROM " CAP_SCHEMA ".capacity_booked", false, 0) == SPI_OK_DELETE &&
			SPI_execute("INSERT INTO " CAP_SCHEMA ".capacity_booked"
						" (year, kommunenr, dimension, decided, booked)"
						" SELECT e.year, e.kommunenr, e.dimension, e.decided, e.booked"
						" FROM " CAP_SCHEMA ".capacity_expected() e WHERE e.has_source",
						false, 0) == SPI_OK_INSERT;
	}
	PG_FINALLY();
	{
		counter_writes--;
	}
	PG_END_TRY();
	if (!ok)
		elog(ERROR, "bosetting: capacity_rebuild failed");
	{
		int64		n = (int64) SPI_processed;

		SPI_finish();
		return n;
	}
}

PG_FUNCTION_INFO_V1(capacity_rebuild);
Datum
capacity_rebuild(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(rebuild());
}

PG_FUNCTION_INFO_V1(capacity_truncate_trigger);
Datum
capacity_truncate_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_truncate_trigger() must be called as a trigger")));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_truncate_trigger() must be fired AFTER TRUNCATE")));
	/*
	 * Also while restoring: a TRUNCATE is never part of loading a dump, and
	 * recomputing is right whatever order the tables come back in.
	 */
	rebuild();
	return PointerGetDatum(NULL);
}
