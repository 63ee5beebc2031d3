/*
 * capacity_guard.c: nobody but the extension writes its derived tables, and
 * nobody but a superuser puts code of their own on the extension's tables.
 *
 * capacity_counter_guard (a statement trigger on capacity_booked,
 * capacity_household and settlement_history) refuses every writer but the
 * extension's own triggers and superusers.  capacity_ddl_guard (an event
 * trigger) refuses a CREATE TRIGGER, CREATE RULE, CREATE TABLE or ALTER TABLE
 * by a non-superuser that leaves a trigger or rule the extension did not
 * make on any table of the extension: GRANT ALL gives TRIGGER (and
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
#include "catalog/pg_extension.h"
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
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity_counter_guard must be called as a trigger")));
	if (cap_internal_writes == 0 && !superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s is kept by the extension's triggers and cannot be written directly",
						RelationGetRelationName(td->tg_relation)),
				 errhint("Change settlements, persons, needs, decisions or capacity instead; "
						 "bosetting.capacity_rebuild() recomputes the counters.")));
	return PointerGetDatum(NULL);
}

/* Refuse if a table of the extension carries a trigger or rule not its own. */
static void
check_table(Oid relid)
{
	Relation	rel;
	int			i;

	if (get_rel_relkind(relid) != RELKIND_RELATION)
		return;
	rel = relation_open(relid, AccessShareLock);
	if (rel->rd_rules != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only a superuser may put a rule on bosetting.%s",
						RelationGetRelationName(rel)),
				 errdetail("The extension's code writes this table, some of it with its owner's rights.")));
	for (i = 0; rel->trigdesc != NULL && i < rel->trigdesc->numtriggers; i++)
		if (rel->trigdesc->triggers[i].tgisinternal &&
			!cap_own_trigger(&rel->trigdesc->triggers[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("only a superuser may make a foreign key that references bosetting.%s",
							RelationGetRelationName(rel)),
					 errdetail("A foreign key puts triggers on the referenced table; the extension's code writes this table, some of it with its owner's rights, and would fire them."),
					 errhint("Ask a superuser to create the foreign key.")));
		else if (!cap_own_trigger(&rel->trigdesc->triggers[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("only a superuser may put trigger \"%s\" on bosetting.%s",
							rel->trigdesc->triggers[i].tgname, RelationGetRelationName(rel)),
					 errdetail("The extension's code writes this table, some of it with its owner's rights, and would fire the trigger."),
					 errhint("Ask a superuser to create it, or put the trigger on a table of your own.")));
	relation_close(rel, AccessShareLock);
}

PG_FUNCTION_INFO_V1(capacity_ddl_guard);
Datum
capacity_ddl_guard(PG_FUNCTION_ARGS)
{
	Relation	dep;
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
			check_table(d->objid);
	}
	systable_endscan(scan);
	table_close(dep, AccessShareLock);
	PG_RETURN_VOID();
}
