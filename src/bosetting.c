/*
 * bosetting.c: the one place that marks this library as a PostgreSQL module
 * and defines its settings (GUCs).
 */
#include "postgres.h"

#include "bosetting.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "lifecycle/lifecycle.h"
#include "match/match.h"

PG_MODULE_MAGIC;

bool		bosetting_restoring = false;
bool		bosetting_mask_identifiers = true;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomBoolVariable("bosetting.restoring",
							 "Set while restoring a dump: the register's checks and the capacity triggers stand aside.",
							 "Restore with PGOPTIONS='-c bosetting.restoring=on', then run "
							 "bosetting.capacity_rebuild(). Only superusers (or roles granted SET "
							 "on it) can set it, since it switches the capacity checks off.",
							 &bosetting_restoring, false, PGC_SUSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("bosetting.mask_identifiers",
							 "Show only the first digits of a rejected fødselsnummer (its date) or DUF number (its year) in messages.",
							 "On by default, so that identifiers stay out of the server log. "
							 "PostgreSQL's own messages (a unique violation's DETAIL, a logged "
							 "statement) are not covered: see the README.",
							 &bosetting_mask_identifiers, true, PGC_SUSET, 0, NULL, NULL, NULL);
	match_define_gucs();
	lifecycle_define_gucs();
	MarkGUCPrefixReserved("bosetting");
}

/*
 * restoring(): the setting, for the triggers written in SQL.  Being C, a call
 * loads this library first, so a value an unprivileged role set before the
 * setting existed has already been refused.
 */
PG_FUNCTION_INFO_V1(bosetting_is_restoring);
Datum
bosetting_is_restoring(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(bosetting_restoring);
}
