/*
 * drop_guard.c: an event trigger (ddl_command_start) that refuses DROP
 * EXTENSION bosetting, DROP SCHEMA of its schema and DROP OWNED BY its owner
 * while the register holds rows, unless a superuser set bosetting.allow_drop.
 *
 * Written in C because only C sees the statement's parse tree at
 * ddl_command_start; at sql_drop the extension's own event trigger is already
 * gone.  The rows counted are those pg_dump would save: every table the
 * extension marks with pg_extension_config_dump(), under its filter (built-in
 * rows are not the user's).  The tables are found by OID from pg_extension,
 * never by name, and counted as their owner (as ri_triggers.c checks foreign
 * keys), so that row security cannot hide rows from the count.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "access/table.h"
#include "access/genam.h"

#include "lifecycle/lifecycle.h"

#define EXTENSION_NAME "bosetting"

static bool allow_drop = false;

void
lifecycle_define_gucs(void)
{
	DefineCustomBoolVariable("bosetting.allow_drop",
							 "Lets DROP EXTENSION bosetting (and DROP SCHEMA bosetting) delete a register that holds rows.",
							 "Export the register first (pg_dump -Fc). Only superusers can set it.",
							 &allow_drop, false, PGC_SUSET, 0, NULL, NULL, NULL);
}

/* Does the list of String nodes name the object? */
static bool
names_in(List *objects, const char *name)
{
	ListCell   *lc;

	foreach(lc, objects)
	{
		Node	   *n = lfirst(lc);

		if (IsA(n, String) && strcmp(strVal(n), name) == 0)
			return true;
	}
	return false;
}

/* Is the statement a DROP that would take the extension with it? */
static bool
drops_extension(Node *stmt, Oid schema, Oid owner)
{
	if (IsA(stmt, DropStmt))
	{
		DropStmt   *drop = (DropStmt *) stmt;

		if (drop->removeType == OBJECT_EXTENSION)
			return names_in(drop->objects, EXTENSION_NAME);
		if (drop->removeType == OBJECT_SCHEMA)
			return names_in(drop->objects, get_namespace_name(schema));
	}
	else if (IsA(stmt, DropOwnedStmt))
	{
		ListCell   *lc;

		foreach(lc, ((DropOwnedStmt *) stmt)->roles)
			if (get_rolespec_oid(lfirst(lc), true) == owner)
				return true;
	}
	return false;
}

/*
 * count_register: appends "table: N rows" for every dumped table with rows;
 * returns the number of rows in all.
 */
static int64
count_register(HeapTuple ext, TupleDesc desc, StringInfo detail)
{
	bool		isnull;
	Datum		cfg = heap_getattr(ext, Anum_pg_extension_extconfig, desc, &isnull);
	Datum	   *rels,
			   *conds;
	int			nrels,
				nconds;
	int64		total = 0;

	if (isnull)
		return 0;
	deconstruct_array(DatumGetArrayTypeP(cfg), OIDOID, sizeof(Oid), true, TYPALIGN_INT,
					  &rels, NULL, &nrels);
	deconstruct_array(DatumGetArrayTypeP(heap_getattr(ext, Anum_pg_extension_extcondition, desc, &isnull)),
					  TEXTOID, -1, false, TYPALIGN_INT, &conds, NULL, &nconds);
	if (nconds != nrels)
		elog(ERROR, "bosetting: pg_extension.extconfig and extcondition differ in length");

	SPI_connect();
	for (int i = 0; i < nrels; i++)
	{
		Oid			rel = DatumGetObjectId(rels[i]);
		Oid			save_user;
		int			save_sec;
		StringInfoData q;
		int64		n;
		Relation	r;
		Oid			owner;

		CHECK_FOR_INTERRUPTS();
		if (get_rel_relkind(rel) != RELKIND_RELATION)
			continue;			/* sequences */
		r = table_open(rel, AccessShareLock);
		owner = r->rd_rel->relowner;
		table_close(r, NoLock);
		initStringInfo(&q);
		appendStringInfo(&q, "SELECT pg_catalog.count(*) FROM %s %s",
						 quote_qualified_identifier(get_namespace_name(get_rel_namespace(rel)),
													get_rel_name(rel)),
						 TextDatumGetCString(conds[i]));
		GetUserIdAndSecContext(&save_user, &save_sec);
		SetUserIdAndSecContext(owner,
							   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
		if (SPI_execute(q.data, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "bosetting: could not count the rows of %s", get_rel_name(rel));
		SetUserIdAndSecContext(save_user, save_sec);
		n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (n > 0)
			appendStringInfo(detail, "%s%s: " INT64_FORMAT, total > 0 ? ", " : "", get_rel_name(rel), n);
		total += n;
	}
	SPI_finish();
	return total;
}

PG_FUNCTION_INFO_V1(bosetting_drop_guard);
Datum
bosetting_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trig;
	Relation	pg_ext;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	ext;
	Form_pg_extension form;
	StringInfoData detail;
	int64		rows;
	int			save_nestlevel;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("bosetting.drop_guard() must be called as an event trigger")));
	trig = (EventTriggerData *) fcinfo->context;
	if (strcmp(trig->event, "ddl_command_start") != 0 || allow_drop)
		PG_RETURN_VOID();

	pg_ext = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum(EXTENSION_NAME));
	scan = systable_beginscan(pg_ext, ExtensionNameIndexId, true, NULL, 1, &key);
	ext = systable_getnext(scan);
	if (!HeapTupleIsValid(ext))
	{
		systable_endscan(scan);
		table_close(pg_ext, AccessShareLock);
		PG_RETURN_VOID();
	}
	form = (Form_pg_extension) GETSTRUCT(ext);
	if (!drops_extension(trig->parsetree, form->extnamespace, form->extowner))
	{
		systable_endscan(scan);
		table_close(pg_ext, AccessShareLock);
		PG_RETURN_VOID();
	}

	/* The counting queries see only pg_catalog (pg_temp last). */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	initStringInfo(&detail);
	rows = count_register(ext, RelationGetDescr(pg_ext), &detail);
	AtEOXact_GUC(true, save_nestlevel);
	systable_endscan(scan);
	table_close(pg_ext, AccessShareLock);

	if (rows > 0)
		ereport(ERROR,
				(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
				 errmsg_plural("%s would delete the bosetting register, which holds " INT64_FORMAT " row",
							   "%s would delete the bosetting register, which holds " INT64_FORMAT " rows",
							   rows, GetCommandTagName(trig->tag), rows),
				 errdetail("Rows per table: %s.", detail.data),
				 errhint("Export the register first (pg_dump -Fc -f bosetting.dump DBNAME), then, "
						 "as a superuser, SET bosetting.allow_drop = on and run the command again.")));
	PG_RETURN_VOID();
}
