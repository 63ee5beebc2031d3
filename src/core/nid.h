/*
 * nid.h: Norwegian person identifiers without PostgreSQL: the fødselsnummer
 * family (F-, D-, H-, FH- and synthetic numbers) and UDI's DUF number.
 *
 * Rules: ../shared/research/identifiers.md (sections 1 and 2) and the sources
 * it cites; the comments in nid.c name the rule each step implements.
 */
#ifndef BOSETTING_NID_H
#define BOSETTING_NID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FNR_DIGITS		11
#define DUFNR_DIGITS	12

/* What a parse found wrong; NID_OK when nothing. */
typedef enum nid_error
{
	NID_OK = 0,
	NID_BAD_LENGTH,				/* detail: characters seen, detail2: expected */
	NID_SPACE,					/* detail: 1-based position, detail2: 1 when
								 * leading or trailing, 0 when misplaced */
	NID_ZERO_SERIAL,			/* DUF serial 000000 (a placeholder) */
	NID_OUT_OF_RANGE,			/* binary value; detail: digits of the type */
	NID_NON_DIGIT,				/* detail: 1-based position, detail2: the byte */
	NID_BAD_CHECK1,				/* first check digit (K1) fails both rules */
	NID_BAD_CHECK2,				/* second check digit (K2) fails */
	NID_BAD_CHECK_VALUE,		/* DUF check value; detail: as written */
	NID_BAD_DAY,				/* detail: the day after removing the D offset */
	NID_BAD_MONTH,				/* detail: the month digits as written */
	NID_BAD_DATE				/* day does not exist in that month and year */
} nid_error;

typedef enum fnr_kind
{
	FNR_KIND_FNR,				/* ordinary fødselsnummer */
	FNR_KIND_DNR,				/* D-number: day + 40 */
	FNR_KIND_HNR,				/* H-number or NAV synthetic: month + 40 */
	FNR_KIND_SYNTHETIC,			/* Skatteetaten/Tenor (month + 80) or NHN (+65) */
	FNR_KIND_FH					/* felles hjelpenummer: first digit 8 or 9 */
} fnr_kind;

typedef struct fnr_info
{
	int64_t		value;			/* the 11 digits as an integer */
	fnr_kind	kind;
	bool		legacy_checksum;	/* K1 valid under the pre-2032 rule */
	int			year;			/* birth year; 0 where the number does not tell */
	int			month;			/* 1-12, or 0 for FH-numbers */
	int			day;			/* 1-31, or 0 for FH-numbers */
	int			individnr;		/* digits 7-9 */
	bool		outside_series; /* old K1 rule, but individnr and year are
								 * outside the century table (identifiers.md
								 * 1.4): accepted, year 0; 0.1 rejected it */
} fnr_info;

typedef struct nid_result
{
	nid_error	error;
	int			detail;
	int			detail2;
} nid_result;

/* Parse 11 digits ("DDMMYYIIIKK", one space allowed after the 6th). */
nid_result	fnr_parse(const char *s, size_t len, fnr_info *out);

/* Re-validate a stored value (binary input); same rules as fnr_parse. */
nid_result	fnr_check_value(int64_t value, fnr_info *out);

/* Write the 11 digits and a NUL into buf (at least 12 bytes). */
void		fnr_format(int64_t value, char *buf);

const char *fnr_kind_name(fnr_kind kind);

/* Parse 12 digits ("YYYYSSSSSSCC", or spaced "YYYY SSSSSS CC"). */
nid_result	dufnr_parse(const char *s, size_t len, int64_t *out);
nid_result	dufnr_check_value(int64_t value);
void		dufnr_format(int64_t value, char *buf);	/* at least 13 bytes */

/*
 * A readable reason for a failed parse, e.g. "no such month 13"; writes at
 * most buflen bytes including the NUL and returns buf.
 */
char	   *nid_error_text(nid_result r, char *buf, size_t buflen);

#endif
