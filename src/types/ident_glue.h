/*
 * ident_glue.h: what the fmgr glue of the three identifier types shares:
 * how a rejected value is reported.
 */
#ifndef BOSETTING_IDENT_GLUE_H
#define BOSETTING_IDENT_GLUE_H

#include "postgres.h"

/*
 * Raise 22P02 naming the type, the value (clipped to a readable length) and
 * the reason.  Binary input reports the digits it received.
 */
extern void ident_report_invalid(const char *typname, const char *value,
								 size_t len, const char *reason) pg_attribute_noreturn();

/* The core parsers take a length, so text arguments need no NUL-terminated copy. */
#define TEXT_ARG_DATA(t)	VARDATA_ANY(t)
#define TEXT_ARG_LEN(t)		VARSIZE_ANY_EXHDR(t)

#endif
