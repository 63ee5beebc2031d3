/*
 * bosetting.h: the settings (GUCs) every module may read.
 */
#ifndef BOSETTING_H
#define BOSETTING_H

#include "postgres.h"

/*
 * bosetting.restoring: on while a dump is restored; the register's checks
 * and the capacity triggers then stand aside.  Superuser only (PGC_SUSET):
 * with it, the capacity guarantee could be switched off.
 */
extern bool bosetting_restoring;

/*
 * bosetting.mask_identifiers: on (the default), the extension's own messages
 * show a fødselsnummer or DUF number only in part (its date or year), so
 * that identifiers stay out of the server log.  Superuser only.
 */
extern bool bosetting_mask_identifiers;

#endif
