/*
 * capacity_rows.c: reading the rows a capacity trigger fires for.  The
 * relation was checked to be the extension's own table (capacity_ext.c), so
 * the columns are found by name in its descriptor.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "bosetting.h"
#include "core/kommunenr.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

/*
 * bosetting.restoring = on (set by a superuser restoring a dump, as for the
 * register's checks): the capacity triggers stand aside, since pg_restore
 * loads tables in no promised order; capacity_rebuild() afterwards.
 */
bool
cap_restoring(void)
{
	return bosetting_restoring;
}

/*
 * The row before (old) and after (new) the change; NULL where none.  False
 * while restoring: then the trigger stands aside.
 */
bool
cap_trigger_rows(TriggerData *td, HeapTuple *oldt, HeapTuple *newt)
{
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("capacity row triggers must be fired AFTER ... FOR EACH ROW")));
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
	return !cap_restoring();
}

static int
column(TupleDesc desc, const char *name)
{
	int			f = SPI_fnumber(desc, name);

	if (f <= 0)
		elog(ERROR, "bosetting: capacity trigger needs column \"%s\"", name);
	return f;
}

/* An integer column of any width (or kommunenr, an int2); false if NULL. */
bool
cap_get_int(HeapTuple tup, TupleDesc desc, const char *name, int64 *out)
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

char *
cap_get_text(HeapTuple tup, TupleDesc desc, const char *name)
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

bool
cap_get_bool(HeapTuple tup, TupleDesc desc, const char *name)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, column(desc, name), &isnull);

	return !isnull && DatumGetBool(d);
}

const char *
cap_knr_text(int16 knr)
{
	char	   *buf = palloc(8);

	kommunenr_format(knr, buf);
	return buf;
}
