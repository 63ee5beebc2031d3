/*
 * bosetting.c: the one place that marks this library as a PostgreSQL module
 * and defines its settings (GUCs).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "match/match.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	match_define_gucs();
}
