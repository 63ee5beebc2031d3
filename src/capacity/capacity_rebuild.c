/*
 * capacity_rebuild.c: capacity_rebuild() recomputes both counter tables from
 * the register rows (after a restore, or when verify_capacity() reports a
 * disagreement), and the TRUNCATE trigger that calls it.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "commands/trigger.h"

/* The register tables the counters are computed from. */
static const cap_rel sources[] = {CAP_REL_SETTLEMENT, CAP_REL_PERSON, CAP_REL_NEED,
CAP_REL_HOUSEHOLD, CAP_REL_DECISION, CAP_REL_CAPACITY};
static const cap_rel counters[] = {CAP_REL_TALLY, CAP_REL_BOOKED};

/*
 * Inside a statement that changes the register (INSERT ... RETURNING
 * capacity_rebuild()), the row triggers of that statement have not fired
 * yet: a rebuild would count the new rows, and then the triggers again.
 */
static void
refuse_inside_change(void)
{
	int			i;

	for (i = 0; i < (int) lengthof(sources); i++)
		if (AfterTriggerPendingOnRel(cap_rel_oid(sources[i])))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("capacity_rebuild() cannot run inside a statement that changes the register"),
					 errdetail("The capacity triggers of that statement have not fired yet."),
					 errhint("Call SELECT bosetting.capacity_rebuild() as a statement of its own.")));
}

static void
exec(const char *sql, int expect)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expect)
		elog(ERROR, "bosetting: capacity_rebuild: %s: %s", SPI_result_code_string(rc), sql);
}

static void
refuse_overbooked(void)
{
	HeapTuple	t;
	TupleDesc	d;
	char	   *decided;

	exec("SELECT e.year, e.kommunenr::pg_catalog.text, e.dimension, e.has_source,"
		 " e.decided, e.booked FROM " CAP_SCHEMA ".capacity_expected() e"
		 " WHERE e.booked OPERATOR(pg_catalog.>) COALESCE(e.decided, 0)"
		 " ORDER BY 1, 2, 3 LIMIT 1", SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;
	t = SPI_tuptable->vals[0];
	d = SPI_tuptable->tupdesc;
	decided = SPI_getvalue(t, d, 5);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("the register over-books municipality %s, year %s, dimension \"%s\": %s booked, %s decided",
					SPI_getvalue(t, d, 2), SPI_getvalue(t, d, 1), SPI_getvalue(t, d, 3),
					SPI_getvalue(t, d, 6), decided ? decided : "none"),
			 errhint("Withdraw bookings or record the decision or capacity first.")));
}

int64
cap_rebuild(bool from_truncate)
{
	cap_user	saved;
	int64		n;

	if (!from_truncate)
		refuse_inside_change();
	SPI_connect();
	cap_become_owner(&saved, NULL, 0);
	exec("LOCK TABLE " CAP_SCHEMA ".decision, " CAP_SCHEMA ".capacity, "
		 CAP_SCHEMA ".household, " CAP_SCHEMA ".person, "
		 CAP_SCHEMA ".household_need, " CAP_SCHEMA ".settlement IN SHARE MODE; "
		 "LOCK TABLE " CAP_SCHEMA ".capacity_booked, " CAP_SCHEMA ".capacity_household"
		 " IN EXCLUSIVE MODE", SPI_OK_UTILITY);
	cap_check_writable(counters, lengthof(counters));
	refuse_overbooked();
	cap_internal_writes++;
	PG_TRY();
	{
		exec("DELETE FROM " CAP_SCHEMA ".capacity_household", SPI_OK_DELETE);
		exec("INSERT INTO " CAP_SCHEMA ".capacity_household"
			 " (household_id, persons, minors, needs, booked_year, booked_kommunenr)"
			 " SELECT * FROM " CAP_SCHEMA ".capacity_expected_households()", SPI_OK_INSERT);
		exec("DELETE FROM " CAP_SCHEMA ".capacity_booked", SPI_OK_DELETE);
		exec("INSERT INTO " CAP_SCHEMA ".capacity_booked"
			 " (year, kommunenr, dimension, decided, booked)"
			 " SELECT e.year, e.kommunenr, e.dimension, e.decided, e.booked"
			 " FROM " CAP_SCHEMA ".capacity_expected() e WHERE e.has_source", SPI_OK_INSERT);
	}
	PG_FINALLY();
	{
		cap_internal_writes--;
	}
	PG_END_TRY();
	n = (int64) SPI_processed;
	cap_spi_end(&saved);
	return n;
}

PG_FUNCTION_INFO_V1(capacity_rebuild);
Datum
capacity_rebuild(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cap_rebuild(false));
}

PG_FUNCTION_INFO_V1(capacity_truncate_trigger);
Datum
capacity_truncate_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_truncate_trigger",
									   sources, lengthof(sources), NULL);

	if (!TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_truncate_trigger() must be fired AFTER TRUNCATE")));

	/*
	 * Also while restoring: a TRUNCATE is never part of loading a dump, and
	 * recomputing is right whatever order the tables come back in.
	 */
	cap_rebuild(true);
	return PointerGetDatum(NULL);
}
