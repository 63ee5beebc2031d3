/*
 * ident_glue.c: error reporting shared by the identifier types.
 */
#include "ident_glue.h"

#include "mb/pg_wchar.h"

/* Longer values are cut in the message: they are garbage, not identifiers. */
#define MAX_QUOTED_BYTES 40

void
ident_report_invalid(const char *typname, const char *value, size_t len,
					 const char *reason)
{
	int			shown = pg_mbcliplen(value, (int) Min(len, (size_t) PG_INT32_MAX),
									 MAX_QUOTED_BYTES);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid %s \"%.*s%s\": %s", typname, shown, value,
					(size_t) shown < len ? "..." : "", reason)));
}
