/*
 * capacity_plans.c: the saved SPI plans of the capacity triggers and the one
 * way to run them (as the extension's owner, see capacity_ext.c).
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "catalog/pg_type.h"

cap_plans	cap_plan;
int			cap_internal_writes = 0;

#define KEYQ " WHERE year OPERATOR(pg_catalog.=) $1 AND kommunenr OPERATOR(" CAP_SCHEMA ".=) $2" \
	" AND dimension OPERATOR(pg_catalog.=) $3"
#define YKQ " WHERE year OPERATOR(pg_catalog.=) $1 AND kommunenr OPERATOR(" CAP_SCHEMA ".=) $2"
#define TALLY "UPDATE " CAP_SCHEMA ".capacity_household SET "
#define HHQ " WHERE household_id OPERATOR(pg_catalog.=) $1"

SPIPlanPtr
cap_prepare(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	p = SPI_prepare(sql, nargs, types);

	if (p == NULL)
		elog(ERROR, "bosetting: SPI_prepare failed (%s): %s",
			 SPI_result_code_string(SPI_result), sql);
	if (SPI_keepplan(p) != 0)
		elog(ERROR, "bosetting: SPI_keepplan failed");
	return p;
}

/*
 * Prepare the plans once per backend; again when the extension was dropped
 * and re-created (the kommunenr type has a new oid).
 */
static void
ensure_plans(Oid knr)
{
	SPIPlanPtr *all[] = {&cap_plan.tally_add, &cap_plan.tally_book, &cap_plan.tally_unbook,
		&cap_plan.tally_move, &cap_plan.tally_get, &cap_plan.tally_create, &cap_plan.tally_delete,
		&cap_plan.tally_rename, &cap_plan.needs, &cap_plan.counter_add, &cap_plan.counter_sub,
		&cap_plan.counter_get, &cap_plan.limit_insert, &cap_plan.limit_set, &cap_plan.limit_drop,
	&cap_plan.has_decision, &cap_plan.has_capacity, &cap_plan.has_bookings};
	Oid			t_add[] = {INT8OID, INT4OID, INT4OID, INT4OID};
	Oid			t_hyk[] = {INT8OID, INT4OID, knr};
	Oid			t_move[] = {INT8OID, INT4OID, knr, INT4OID, knr};
	Oid			t_hh[] = {INT8OID};
	Oid			t_hh2[] = {INT8OID, INT8OID};
	Oid			t_yk[] = {INT4OID, knr};
	Oid			t_key[] = {INT4OID, knr, TEXTOID};
	Oid			t_keyn[] = {INT4OID, knr, TEXTOID, INT8OID};
	Oid			t_keyd[] = {INT4OID, knr, TEXTOID, INT4OID};
	int			i;

	if (cap_plan.knr == knr && cap_plan.has_bookings != NULL)
		return;
	for (i = 0; i < (int) lengthof(all); i++)
	{
		if (*all[i] != NULL)
			SPI_freeplan(*all[i]);
		*all[i] = NULL;
	}
	cap_plan.knr = InvalidOid;

	cap_plan.tally_add = cap_prepare(TALLY
									 "persons = persons OPERATOR(pg_catalog.+) $2, "
									 "minors = minors OPERATOR(pg_catalog.+) $3, "
									 "needs = needs OPERATOR(pg_catalog.+) $4" HHQ
									 " RETURNING booked_year, booked_kommunenr", 4, t_add);
	cap_plan.tally_book = cap_prepare(TALLY "booked_year = $2, booked_kommunenr = $3" HHQ
									  " AND booked_year IS NULL RETURNING persons, minors, needs",
									  3, t_hyk);
	cap_plan.tally_unbook = cap_prepare(TALLY "booked_year = NULL, booked_kommunenr = NULL" HHQ
										" AND booked_year OPERATOR(pg_catalog.=) $2"
										" AND booked_kommunenr OPERATOR(" CAP_SCHEMA ".=) $3"
										" RETURNING persons, minors, needs", 3, t_hyk);
	cap_plan.tally_move = cap_prepare(TALLY "booked_year = $4, booked_kommunenr = $5" HHQ
									  " AND booked_year OPERATOR(pg_catalog.=) $2"
									  " AND booked_kommunenr OPERATOR(" CAP_SCHEMA ".=) $3"
									  " RETURNING persons, minors, needs", 5, t_move);
	cap_plan.tally_get = cap_prepare("SELECT booked_year, booked_kommunenr FROM "
									 CAP_SCHEMA ".capacity_household" HHQ, 1, t_hh);
	cap_plan.tally_create = cap_prepare("INSERT INTO " CAP_SCHEMA ".capacity_household (household_id)"
										" VALUES ($1) ON CONFLICT (household_id) DO NOTHING", 1, t_hh);
	cap_plan.tally_delete = cap_prepare("DELETE FROM " CAP_SCHEMA ".capacity_household" HHQ, 1, t_hh);
	cap_plan.tally_rename = cap_prepare(TALLY "household_id = $2" HHQ
										" AND persons OPERATOR(pg_catalog.=) 0"
										" AND minors OPERATOR(pg_catalog.=) 0"
										" AND needs OPERATOR(pg_catalog.=) 0"
										" AND booked_year IS NULL", 2, t_hh2);
	cap_plan.needs = cap_prepare("SELECT dimension, amount::pg_catalog.int8 FROM "
								 CAP_SCHEMA ".household_need" HHQ, 1, t_hh);
	cap_plan.counter_add = cap_prepare("UPDATE " CAP_SCHEMA ".capacity_booked"
									   " SET booked = booked OPERATOR(pg_catalog.+) $4" KEYQ
									   " AND booked OPERATOR(pg_catalog.+) $4 OPERATOR(pg_catalog.<=) decided",
									   4, t_keyn);
	cap_plan.counter_sub = cap_prepare("UPDATE " CAP_SCHEMA ".capacity_booked"
									   " SET booked = booked OPERATOR(pg_catalog.-) $4" KEYQ
									   " AND booked OPERATOR(pg_catalog.>=) $4", 4, t_keyn);
	cap_plan.counter_get = cap_prepare("SELECT decided, booked FROM " CAP_SCHEMA ".capacity_booked" KEYQ,
									   3, t_key);
	cap_plan.limit_insert = cap_prepare("INSERT INTO " CAP_SCHEMA ".capacity_booked"
										" (year, kommunenr, dimension, decided, booked)"
										" VALUES ($1, $2, $3, $4, 0)", 4, t_keyd);
	cap_plan.limit_set = cap_prepare("UPDATE " CAP_SCHEMA ".capacity_booked SET decided = $4" KEYQ
									 " AND (booked OPERATOR(pg_catalog.=) 0"
									 " OR booked OPERATOR(pg_catalog.<=) $4)", 4, t_keyd);
	cap_plan.limit_drop = cap_prepare("DELETE FROM " CAP_SCHEMA ".capacity_booked" KEYQ
									  " AND booked OPERATOR(pg_catalog.=) 0", 3, t_key);
	cap_plan.has_decision = cap_prepare("SELECT 1 FROM " CAP_SCHEMA ".decision" YKQ, 2, t_yk);
	cap_plan.has_capacity = cap_prepare("SELECT 1 FROM " CAP_SCHEMA ".capacity" KEYQ, 3, t_key);
	cap_plan.has_bookings = cap_prepare("SELECT 1 FROM " CAP_SCHEMA ".settlement" YKQ
										" AND status OPERATOR(pg_catalog.<>) 'withdrawn' LIMIT 1",
										2, t_yk);
	cap_plan.knr = knr;
}

void
cap_spi_begin(cap_user *saved, const cap_rel *writes, int n)
{
	Oid			knr = cap_knr_type();

	SPI_connect();
	cap_become_owner(saved, writes, n);
	ensure_plans(knr);
}

void
cap_spi_end(const cap_user *saved)
{
	SPI_finish();
	cap_restore_user(saved);
}

/*
 * Run a saved plan; the guard of the counter tables lets the writes through
 * (capacity_guard.c).  An error leaves through the transaction's abort,
 * which also restores the user.
 */
void
cap_run(SPIPlanPtr plan, Datum *values, const char *nulls, int expect)
{
	volatile int rc = 0;

	cap_internal_writes++;
	PG_TRY();
	{
		rc = SPI_execute_plan(plan, values, nulls, false, 0);
	}
	PG_FINALLY();
	{
		cap_internal_writes--;
	}
	PG_END_TRY();
	if (rc != expect)
		elog(ERROR, "bosetting: capacity query failed: %s", SPI_result_code_string(rc));
}

bool
cap_exists(SPIPlanPtr plan, Datum *values)
{
	cap_run(plan, values, NULL, SPI_OK_SELECT);
	return SPI_processed > 0;
}
