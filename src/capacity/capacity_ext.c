/*
 * capacity_ext.c: the extension's own tables and type, and its owner.
 *
 * Everything is found through the extension: its schema and owner from
 * pg_extension, each table by name in that schema and then checked to be a
 * member of the extension (pg_depend), never by a name in the trigger
 * table's schema or on the caller's search_path.  The answers are kept per
 * backend and forgotten when any of these relations is invalidated (dropped,
 * or a trigger or rule added), as the relcache itself is.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

static const char *const rel_names[CAP_NREL] = {
	"settlement", "person", "household_need", "household", "decision", "capacity",
	"capacity_booked", "capacity_household", "settlement_history"
};

#define MAX_OWN_FUNCS 32

static struct
{
	bool		valid;
	Oid			ext;
	Oid			schema;
	Oid			owner;
	Oid			knr;
	Oid			rel[CAP_NREL];
	int			nfuncs;			/* functions known to be the extension's */
	Oid			funcs[MAX_OWN_FUNCS];
} cache;

static bool callback_registered = false;

static void
forget(Datum arg, Oid relid)
{
	int			i;

	if (!cache.valid)
		return;
	if (!OidIsValid(relid))
	{
		cache.valid = false;
		return;
	}
	for (i = 0; i < CAP_NREL; i++)
		if (cache.rel[i] == relid)
			cache.valid = false;
}

/* Schema and owner of the extension (get_extension_schema is static in 15). */
static void
extension_row(Oid ext, Oid *schema, Oid *owner)
{
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(ext));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "bosetting: extension %u not found", ext);
	*schema = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	*owner = ((Form_pg_extension) GETSTRUCT(tup))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

static void
fill(void)
{
	Oid			ext;
	int			i;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(forget, (Datum) 0);
		callback_registered = true;
	}
	cache.valid = false;
	ext = get_extension_oid("bosetting", true);
	if (!OidIsValid(ext))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension \"bosetting\" is not installed in this database")));
	cache.ext = ext;
	extension_row(ext, &cache.schema, &cache.owner);
	for (i = 0; i < CAP_NREL; i++)
	{
		Oid			r = get_relname_relid(rel_names[i], cache.schema);

		if (!OidIsValid(r) || getExtensionOfObject(RelationRelationId, r) != ext)
			elog(ERROR, "bosetting: table %s is not part of the extension", rel_names[i]);
		cache.rel[i] = r;
	}
	cache.knr = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("kommunenr"),
								ObjectIdGetDatum(cache.schema));
	if (!OidIsValid(cache.knr) || getExtensionOfObject(TypeRelationId, cache.knr) != ext)
		elog(ERROR, "bosetting: type kommunenr is not part of the extension");
	cache.nfuncs = 0;
	cache.valid = true;
}

static void
ensure(void)
{
	if (!cache.valid)
		fill();
}

Oid
cap_rel_oid(cap_rel r)
{
	ensure();
	return cache.rel[r];
}

Oid
cap_knr_type(void)
{
	ensure();
	return cache.knr;
}

TriggerData *
cap_trigger_data(FunctionCallInfo fcinfo, const char *fname,
				 const cap_rel *allowed, int n, cap_rel *which)
{
	TriggerData *td;
	Oid			relid;
	int			i;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be called as a trigger", fname)));
	td = (TriggerData *) fcinfo->context;
	relid = RelationGetRelid(td->tg_relation);
	ensure();
	for (i = 0; i < n; i++)
		if (cache.rel[allowed[i]] == relid)
		{
			if (which)
				*which = allowed[i];
			return td;
		}
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("%s() fires only on the extension's own tables, not on \"%s\"",
					fname, RelationGetRelationName(td->tg_relation)),
			 errdetail("It keeps the capacity counters or the settlement history of bosetting.%s.",
					   rel_names[allowed[0]])));
	pg_unreachable();
}

/* Whether a trigger is one the extension made (no WHEN, its own function). */
bool
cap_own_trigger(const Trigger *t)
{
	int			i;

	if (t->tgisinternal)		/* a foreign key: only between the extension's tables */
		return !OidIsValid(t->tgconstrrelid) ||
			getExtensionOfObject(RelationRelationId, t->tgconstrrelid) == cache.ext;
	if (t->tgqual != NULL)
		return false;
	for (i = 0; i < cache.nfuncs; i++)
		if (cache.funcs[i] == t->tgfoid)
			return true;
	if (getExtensionOfObject(ProcedureRelationId, t->tgfoid) != cache.ext)
		return false;
	if (cache.nfuncs < MAX_OWN_FUNCS)
		cache.funcs[cache.nfuncs++] = t->tgfoid;
	return true;
}

/*
 * Lock a table to be written (as the write itself would, so that a trigger
 * created before this point is seen) and refuse if it carries a trigger or
 * rule the extension did not make: it would run with the owner's rights.
 */
static void
check_clean(cap_rel r)
{
	Relation	rel = relation_open(cache.rel[r], RowExclusiveLock);
	TriggerDesc *td = rel->trigdesc;
	int			i;

	if (rel->rd_rules != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("bosetting.%s carries a rule, so the extension will not write it",
						rel_names[r]),
				 errhint("A superuser must drop the rule (DROP RULE ... ON bosetting.%s).", rel_names[r])));
	for (i = 0; td != NULL && i < td->numtriggers; i++)
		if (!cap_own_trigger(&td->triggers[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("bosetting.%s carries trigger \"%s\", which is not the extension's, so the extension will not write it",
							rel_names[r], td->triggers[i].tgname),
					 errdetail("The extension writes this table with its owner's rights; another trigger would run with them."),
					 errhint("A superuser must drop the trigger (DROP TRIGGER \"%s\" ON bosetting.%s).",
							 td->triggers[i].tgname, rel_names[r])));
	relation_close(rel, NoLock);
}

Oid
cap_extension_oid(void)
{
	ensure();
	return cache.ext;
}

void
cap_check_writable(const cap_rel *writes, int n)
{
	int			i;

	ensure();
	for (i = 0; i < n; i++)
		check_clean(writes[i]);
	if (!cache.valid)			/* the lock let an invalidation in: check again */
	{
		ensure();
		for (i = 0; i < n; i++)
			check_clean(writes[i]);
	}
}

void
cap_become_owner(cap_user *saved, const cap_rel *writes, int n)
{
	cap_check_writable(writes, n);
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(cache.owner, saved->sec_context |
						   SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
}

void
cap_restore_user(const cap_user *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
}
