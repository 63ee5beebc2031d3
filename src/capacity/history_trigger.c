/*
 * history_trigger.c: settlement_record_history(), the trigger that writes
 * settlement_history.
 *
 * It records who acted from the server's own state, never from the row: the
 * role that made the change (current_user when the trigger fires, before
 * the switch to the owner) and the login (session_user), at the
 * transaction's time.  It writes as the extension's owner, so booking roles
 * need no privilege on the history table, and the guard trigger refuses
 * every other writer but a superuser.  A settlement keeps its number: a
 * renumbering (SET settlement_id = DEFAULT) or a new settlement under a
 * number the history already holds (OVERRIDING SYSTEM VALUE) is refused.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/timestamp.h"

#define NCOLS 14

static SPIPlanPtr insert_plan = NULL;
static SPIPlanPtr seen_plan = NULL;
static Oid	insert_knr = InvalidOid;

static void
ensure_plan(Oid knr)
{
	Oid			types[NCOLS] = {INT8OID, INT8OID, TEXTOID, TEXTOID, TEXTOID, knr, knr,
		INT4OID, INT4OID, TIMESTAMPTZOID, TEXTOID, DATEOID, DATEOID, TEXTOID};

	Oid			t_id[1] = {INT8OID};

	if (insert_plan != NULL && insert_knr == knr)
		return;
	if (insert_plan != NULL)
		SPI_freeplan(insert_plan);
	if (seen_plan != NULL)
		SPI_freeplan(seen_plan);
	insert_plan = seen_plan = NULL;
	seen_plan = cap_prepare("SELECT 1 FROM " CAP_SCHEMA ".settlement_history"
							" WHERE settlement_id OPERATOR(pg_catalog.=) $1 LIMIT 1", 1, t_id);
	insert_plan = cap_prepare("INSERT INTO " CAP_SCHEMA ".settlement_history"
							  " (settlement_id, household_id, operation, from_status, to_status,"
							  " from_kommunenr, to_kommunenr, from_year, to_year, changed_at,"
							  " changed_by, from_settled_on, to_settled_on, login)"
							  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
							  NCOLS, types);
	insert_knr = knr;
}

/* Copy one column of a settlement row into the insert's values. */
static void
put(HeapTuple t, TupleDesc desc, const char *col, Datum *v, char *n)
{
	bool		isnull = true;
	int			f = SPI_fnumber(desc, col);

	if (f <= 0)
		elog(ERROR, "bosetting: settlement has no column \"%s\"", col);
	if (t != NULL)
		*v = SPI_getbinval(t, desc, f, &isnull);
	*n = isnull ? 'n' : ' ';
}

static bool
column_changed(HeapTuple a, HeapTuple b, TupleDesc desc, const char *col)
{
	int			f = SPI_fnumber(desc, col);
	bool		na,
				nb;
	Datum		da = SPI_getbinval(a, desc, f, &na),
				db = SPI_getbinval(b, desc, f, &nb);
	Form_pg_attribute att = TupleDescAttr(desc, f - 1);

	if (na || nb)
		return na != nb;
	return !datumIsEqual(da, db, att->attbyval, att->attlen);
}

PG_FUNCTION_INFO_V1(settlement_record_history);
Datum
settlement_record_history(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_SETTLEMENT};
	static const cap_rel writes[] = {CAP_REL_HISTORY};
	TriggerData *td = cap_trigger_data(fcinfo, "settlement_record_history", on, 1, NULL);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt,
				any;
	Datum		v[NCOLS] = {0};
	char		n[NCOLS + 1];
	const char *op;
	cap_user	saved;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	/* the history is kept under the settlement's number */
	if (oldt && newt && column_changed(oldt, newt, desc, "settlement_id"))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("settlement %s cannot be renumbered to %s",
						SPI_getvalue(oldt, desc, SPI_fnumber(desc, "settlement_id")),
						SPI_getvalue(newt, desc, SPI_fnumber(desc, "settlement_id"))),
				 errdetail("Its history in settlement_history is kept under its number.")));
	if (oldt && newt &&
		!column_changed(oldt, newt, desc, "status") &&
		!column_changed(oldt, newt, desc, "year") &&
		!column_changed(oldt, newt, desc, "kommunenr") &&
		!column_changed(oldt, newt, desc, "settled_on") &&
		!column_changed(oldt, newt, desc, "household_id"))
		return PointerGetDatum(NULL);
	op = oldt == NULL ? "INSERT" : newt == NULL ? "DELETE" : "UPDATE";
	any = newt ? newt : oldt;
	memset(n, ' ', NCOLS);
	n[NCOLS] = '\0';
	put(any, desc, "settlement_id", &v[0], &n[0]);
	put(any, desc, "household_id", &v[1], &n[1]);
	v[2] = CStringGetTextDatum(op);
	put(oldt, desc, "status", &v[3], &n[3]);
	put(newt, desc, "status", &v[4], &n[4]);
	put(oldt, desc, "kommunenr", &v[5], &n[5]);
	put(newt, desc, "kommunenr", &v[6], &n[6]);
	put(oldt, desc, "year", &v[7], &n[7]);
	put(newt, desc, "year", &v[8], &n[8]);
	v[9] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	/* who acted: read before the switch to the owner */
	v[10] = CStringGetTextDatum(GetUserNameFromId(GetUserId(), false));
	put(oldt, desc, "settled_on", &v[11], &n[11]);
	put(newt, desc, "settled_on", &v[12], &n[12]);
	v[13] = CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));

	SPI_connect();
	cap_become_owner(&saved, writes, lengthof(writes));
	ensure_plan(cap_knr_type());
	/* INSERT ... OVERRIDING SYSTEM VALUE must not continue another's history */
	if (oldt == NULL && cap_exists(seen_plan, &v[0]))
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("settlement number %lld was used before", (long long) DatumGetInt64(v[0])),
				 errdetail("settlement_history holds the changes of an earlier settlement %lld.",
						   (long long) DatumGetInt64(v[0])),
				 errhint("Let the settlement number be generated (leave out OVERRIDING SYSTEM VALUE).")));
	cap_run(insert_plan, v, n, SPI_OK_INSERT);
	cap_spi_end(&saved);
	return PointerGetDatum(NULL);
}
