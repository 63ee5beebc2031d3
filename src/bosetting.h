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

#endif
