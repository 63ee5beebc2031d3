/*
 * dufnr.c: the dufnr type (UDI's DUF number), stored as its 12 digits in an
 * int8; comparison and hashing are int8's (identifier.sql.in).
 */
#include "postgres.h"

#include "core/nid.h"
#include "ident_glue.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* Accepted lengths of text input: the digits, and spaced YYYY NNNNNN CC. */
static const int dufnr_lengths[2] = {DUFNR_DIGITS, DUFNR_DIGITS + 2};

PG_FUNCTION_INFO_V1(dufnr_in);
Datum
dufnr_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	size_t		len = strlen(s);
	int64_t		value = 0;
	nid_result	r;

	ident_check_ascii("dufnr", s, len, IDENT_KEEP_DUFNR, dufnr_lengths, 2);
	r = dufnr_parse(s, len, &value);
	if (r.error != NID_OK)
	{
		char		reason[128];

		ident_report_invalid("dufnr", s, len, IDENT_KEEP_DUFNR,
							 ident_nid_reason(r, reason, sizeof(reason)));
	}
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(dufnr_out);
Datum
dufnr_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(DUFNR_DIGITS + 1);

	dufnr_format(PG_GETARG_INT64(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Wire format: the 12-digit value as a big-endian int8, validated as input. */
PG_FUNCTION_INFO_V1(dufnr_recv);
Datum
dufnr_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int64		value = ident_recv_int8(msg, "dufnr");
	nid_result	r = dufnr_check_value(value);

	if (r.error != NID_OK)
	{
		char		digits[32];
		char		reason[128];

		snprintf(digits, sizeof(digits), INT64_FORMAT, value);
		ident_report_invalid("dufnr", digits, strlen(digits), IDENT_KEEP_DUFNR,
							 ident_nid_reason(r, reason, sizeof(reason)));
	}
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(dufnr_send);
Datum
dufnr_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(dufnr_is_valid);
Datum
dufnr_is_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(dufnr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL).error == NID_OK);
}

PG_FUNCTION_INFO_V1(dufnr_invalid_reason);
Datum
dufnr_invalid_reason(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	nid_result	r = dufnr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL);
	char		reason[128];

	if (r.error == NID_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(nid_error_text(r, reason, sizeof(reason))));
}

/* The year of the first application: the first four digits. */
PG_FUNCTION_INFO_V1(dufnr_year);
Datum
dufnr_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) (PG_GETARG_INT64(0) / INT64CONST(100000000)));
}
