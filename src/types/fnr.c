/*
 * fnr.c: the fnr type (fødselsnummer, D-, H-, FH- and synthetic numbers).
 *
 * Stored as the 11 digits in an int8, so comparison and hashing are int8's
 * (see identifier.sql.in); here only input, output and the functions that
 * read the number's parts.
 */
#include "postgres.h"

#include "core/nid.h"
#include "ident_glue.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

/* Accepted lengths of text input: the digits, and with one space. */
static const int fnr_lengths[2] = {FNR_DIGITS, FNR_DIGITS + 1};

static int64
fnr_from_string(const char *s, size_t len, fnr_info *info)
{
	nid_result	r;

	ident_check_ascii("fnr", s, len, IDENT_KEEP_FNR, fnr_lengths, 2);
	r = fnr_parse(s, len, info);
	if (r.error != NID_OK)
	{
		char		reason[128];

		ident_report_invalid("fnr", s, len, IDENT_KEEP_FNR,
							 ident_nid_reason(r, reason, sizeof(reason)));
	}
	return info->value;
}

/* A binary or stored value that fails the rules: 22P02 with its digits. */
static void
fnr_report_value(int64 value, nid_result r)
{
	char		digits[32];
	char		reason[128];

	snprintf(digits, sizeof(digits), INT64_FORMAT, value);
	ident_report_invalid("fnr", digits, strlen(digits), IDENT_KEEP_FNR,
						 ident_nid_reason(r, reason, sizeof(reason)));
}

/* The parts of a stored value; it was validated on the way in. */
static fnr_info
fnr_parts(int64 value)
{
	fnr_info	info;
	nid_result	r = fnr_check_value(value, &info);

	if (r.error != NID_OK)
		fnr_report_value(value, r);
	return info;
}

PG_FUNCTION_INFO_V1(fnr_in);
Datum
fnr_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	fnr_info	info;

	PG_RETURN_INT64(fnr_from_string(s, strlen(s), &info));
}

PG_FUNCTION_INFO_V1(fnr_out);
Datum
fnr_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(FNR_DIGITS + 1);

	fnr_format(PG_GETARG_INT64(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Wire format: the 11-digit value as a big-endian int8, validated as input. */
PG_FUNCTION_INFO_V1(fnr_recv);
Datum
fnr_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int64		value = ident_recv_int8(msg, "fnr");
	fnr_info	info;
	nid_result	r = fnr_check_value(value, &info);

	if (r.error != NID_OK)
		fnr_report_value(value, r);
	PG_RETURN_INT64(value);
}

PG_FUNCTION_INFO_V1(fnr_send);
Datum
fnr_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fnr_is_valid);
Datum
fnr_is_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(fnr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL).error == NID_OK);
}

PG_FUNCTION_INFO_V1(fnr_invalid_reason);
Datum
fnr_invalid_reason(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	nid_result	r = fnr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL);
	char		reason[128];

	if (r.error == NID_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(nid_error_text(r, reason, sizeof(reason))));
}

PG_FUNCTION_INFO_V1(fnr_birth_date);
Datum
fnr_birth_date(PG_FUNCTION_ARGS)
{
	fnr_info	info = fnr_parts(PG_GETARG_INT64(0));

	if (info.year == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(info.year, info.month, info.day) - POSTGRES_EPOCH_JDATE);
}

PG_FUNCTION_INFO_V1(fnr_kind_text);
Datum
fnr_kind_text(PG_FUNCTION_ARGS)
{
	fnr_info	info = fnr_parts(PG_GETARG_INT64(0));

	PG_RETURN_TEXT_P(cstring_to_text(fnr_kind_name(info.kind)));
}

/*
 * fnr_strict(fnr): the stricter rule of version 0.1, for a CHECK constraint:
 * false for a number valid under the pre-2032 check-digit rule whose
 * individual number and year fall outside the century table.
 */
PG_FUNCTION_INFO_V1(fnr_strict);
Datum
fnr_strict(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!fnr_parts(PG_GETARG_INT64(0)).outside_series);
}

PG_FUNCTION_INFO_V1(fnr_legacy_checksum);
Datum
fnr_legacy_checksum(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(fnr_parts(PG_GETARG_INT64(0)).legacy_checksum);
}
