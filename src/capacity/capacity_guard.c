/*
 * capacity_guard.c: nobody but the extension writes its derived tables, and
 * nobody but a superuser puts code of their own on the extension's tables.
 *
 * capacity_counter_guard (a statement trigger on capacity_booked,
 * capacity_household and settlement_history) refuses every writer but the
 * extension's own triggers and superusers.  capacity_ddl_guard (an event
 * trigger on every command that can add a trigger, capacity.sql) refuses a
 * command of a non-superuser that puts or replaces a trigger on any table
 * of the extension: GRANT ALL gives TRIGGER (and
 * REFERENCES, whose foreign-key triggers run another table's owner's checks),
 * and such a trigger would fire inside the extension's writes, some of them
 * done with the owner's rights, or inside a superuser's loader.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/pg_class.h"
#include "catalog/pg_depend.h"
#include "access/xact.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_trigger.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "miscadmin.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(capacity_counter_guard);
Datum
capacity_counter_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	static const cap_rel on[] = {CAP_REL_BOOKED, CAP_REL_TALLY, CAP_REL_HISTORY};

	td = cap_trigger_data(fcinfo, "capacity_counter_guard", on, lengthof(on), NULL);
	if (cap_internal_writes == 0 && !superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s is kept by the extension's triggers and cannot be written directly",
						RelationGetRelationName(td->tg_relation)),
				 errhint("Change settlements, persons, needs, decisions or capacity instead; "
						 "bosetting.capacity_rebuild() recomputes the counters.")));
	return PointerGetDatum(NULL);
}

/*
 * Refuse if this transaction put a trigger on a table of the extension, or
 * replaced one (CREATE OR REPLACE TRIGGER).  Only triggers made in this
 * transaction (their pg_trigger row's xmin) count: one a superuser made
 * earlier is not this command's doing (the counter write still refuses to
 * run beside it).
 * Rules need the table's ownership, so no non-superuser makes one here.
 */
static void
check_table(Relation tgrel, Oid relid)
{
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	ScanKeyInit(&key, Anum_pg_trigger_tgrelid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(relid));
	scan = systable_beginscan(tgrel, TriggerRelidNameIndexId, true, NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_trigger f = (Form_pg_trigger) GETSTRUCT(tup);
		Trigger		t = {0};	/* what cap_own_trigger reads */

		if (!TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data)))
			continue;

		/*
		 * Not even one that calls the extension's own function: a second
		 * capacity_person_trigger AFTER DELETE counts a delete twice, and
		 * CREATE OR REPLACE TRIGGER (TRIGGER privilege suffices) can narrow
		 * the extension's own triggers, e.g. the counter guard to TRUNCATE.
		 * Only a foreign key between the extension's tables is its own.
		 */
		t.tgisinternal = f->tgisinternal;
		t.tgconstrrelid = f->tgconstrrelid;
		if (t.tgisinternal && cap_own_trigger(&t))
			continue;
		if (t.tgisinternal)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("only a superuser may make a foreign key that references bosetting.%s",
							get_rel_name(relid)),
					 errdetail("A foreign key puts triggers on the referenced table; the extension's code writes this table, some of it with its owner's rights, and would fire them."),
					 errhint("Ask a superuser to create the foreign key.")));
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only a superuser may put trigger \"%s\" on bosetting.%s",
						NameStr(f->tgname), get_rel_name(relid)),
				 errdetail("The extension's code writes this table, some of it with its owner's rights, and would fire the trigger."),
				 errhint("Ask a superuser to create it, or put the trigger on a table of your own.")));
	}
	systable_endscan(scan);
}

PG_FUNCTION_INFO_V1(capacity_ddl_guard);
Datum
capacity_ddl_guard(PG_FUNCTION_ARGS)
{
	Relation	dep,
				tgrel;
	ScanKeyData key[2];
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			ext;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_ddl_guard() must be called as an event trigger")));
	if (superuser() || creating_extension)
		PG_RETURN_VOID();
	ext = get_extension_oid("bosetting", true);
	if (!OidIsValid(ext))
		PG_RETURN_VOID();
	(void) cap_extension_oid();	/* the cache cap_own_trigger reads */

	/* every relation that is a member of the extension */
	tgrel = table_open(TriggerRelationId, AccessShareLock);
	dep = table_open(DependRelationId, AccessShareLock);
	ScanKeyInit(&key[0], Anum_pg_depend_refclassid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(ExtensionRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_refobjid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(ext));
	scan = systable_beginscan(dep, DependReferenceIndexId, true, NULL, 2, key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);

		if (d->classid == RelationRelationId && d->deptype == DEPENDENCY_EXTENSION)
			check_table(tgrel, d->objid);
	}
	systable_endscan(scan);
	table_close(dep, AccessShareLock);
	table_close(tgrel, AccessShareLock);
	PG_RETURN_VOID();
}
