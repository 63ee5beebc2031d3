/*
 * ident_glue.h: what the fmgr glue of the three identifier types shares:
 * how a rejected value is reported, masked when bosetting.mask_identifiers
 * is on.
 */
#ifndef BOSETTING_IDENT_GLUE_H
#define BOSETTING_IDENT_GLUE_H

#include "postgres.h"

#include "core/nid.h"
#include "lib/stringinfo.h"

/* How much of a value a masked message keeps: fnr its date, dufnr its year. */
#define IDENT_KEEP_FNR		6
#define IDENT_KEEP_DUFNR	4
#define IDENT_KEEP_ALL		(-1)	/* kommunenr: not personal data */

/*
 * Raise 22P02 naming the type, the value (clipped to a readable length; with
 * masking on, only its first `keep` characters, the rest as '*') and the
 * reason.  Binary input reports the digits it received.
 */
extern void ident_report_invalid(const char *typname, const char *value,
								 size_t len, int keep,
								 const char *reason) pg_attribute_noreturn();

/*
 * The reason a fødselsnummer or DUF number was refused; with masking on,
 * without the check digits it read.
 */
extern const char *ident_nid_reason(nid_result r, char *buf, size_t buflen);

/*
 * Text input with a non-ASCII character: lengths and positions in
 * characters, not bytes.  Raises 22P02 when the value has one (it cannot be
 * an identifier); returns when it is plain ASCII.  lengths: the accepted
 * numbers of characters (nlengths of them).
 */
extern void ident_check_ascii(const char *typname, const char *value, size_t len,
							  int keep, const int *lengths, int nlengths);

/*
 * Read a binary value of exactly 8 (int8) or 2 (int2) bytes: a shorter or
 * longer field is 22P02 naming the type and the length received (not the
 * protocol error pq_getmsgint64 raises).
 */
extern int64 ident_recv_int8(StringInfo msg, const char *typname);
extern int16 ident_recv_int2(StringInfo msg, const char *typname);

/* The core parsers take a length, so text arguments need no NUL-terminated copy. */
#define TEXT_ARG_DATA(t)	VARDATA_ANY(t)
#define TEXT_ARG_LEN(t)		VARSIZE_ANY_EXHDR(t)

#endif
