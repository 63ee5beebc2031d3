/*
 * kommunenr.c: the kommunenr type, stored as its value in an int2;
 * comparison and hashing are int2's (identifier.sql.in).
 */
#include "postgres.h"

#include "core/kommunenr.h"
#include "ident_glue.h"

#include <ctype.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

static const int kommunenr_lengths[1] = {4};

PG_FUNCTION_INFO_V1(kommunenr_in);
Datum
kommunenr_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	size_t		len = strlen(s);
	int16_t		value = 0;
	kommunenr_result r;

	ident_check_ascii("kommunenr", s, len, IDENT_KEEP_ALL, kommunenr_lengths, 1);
	r = kommunenr_parse(s, len, &value);
	if (r.error != KNR_OK)
	{
		char		reason[128];

		ident_report_invalid("kommunenr", s, len, IDENT_KEEP_ALL,
							 kommunenr_error_text(r, reason, sizeof(reason)));
	}
	PG_RETURN_INT16(value);
}

PG_FUNCTION_INFO_V1(kommunenr_out);
Datum
kommunenr_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(5);

	kommunenr_format(PG_GETARG_INT16(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Wire format: the value as a big-endian int2, validated as input. */
PG_FUNCTION_INFO_V1(kommunenr_recv);
Datum
kommunenr_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int16		value = ident_recv_int2(msg, "kommunenr");
	kommunenr_result r = kommunenr_check_value(value);

	if (r.error != KNR_OK)
	{
		char		digits[16];
		char		reason[128];

		snprintf(digits, sizeof(digits), "%d", value);
		ident_report_invalid("kommunenr", digits, strlen(digits), IDENT_KEEP_ALL,
							 kommunenr_error_text(r, reason, sizeof(reason)));
	}
	PG_RETURN_INT16(value);
}

PG_FUNCTION_INFO_V1(kommunenr_send);
Datum
kommunenr_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, PG_GETARG_INT16(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(kommunenr_is_valid);
Datum
kommunenr_is_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(kommunenr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL).error == KNR_OK);
}

PG_FUNCTION_INFO_V1(kommunenr_invalid_reason);
Datum
kommunenr_invalid_reason(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	kommunenr_result r = kommunenr_parse(TEXT_ARG_DATA(t), TEXT_ARG_LEN(t), NULL);
	char		reason[128];

	if (r.error == KNR_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(kommunenr_error_text(r, reason, sizeof(reason))));
}

/* The county part, two digits ("99" for the unknown municipality 9999). */
PG_FUNCTION_INFO_V1(kommunenr_fylkenr);
Datum
kommunenr_fylkenr(PG_FUNCTION_ARGS)
{
	int16		value = PG_GETARG_INT16(0);
	char		buf[3];

	buf[0] = (char) ('0' + value / 1000);
	buf[1] = (char) ('0' + (value / 100) % 10);
	buf[2] = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/*
 * Whether a two-digit county number (fylkesnummer) was a county on the given
 * date (the county sets of each era); false for anything else.
 */
PG_FUNCTION_INFO_V1(fylkenr_valid_on);
Datum
fylkenr_valid_on(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	DateADT		d = PG_GETARG_DATEADT(1);
	int			y, m, day;

	if (VARSIZE_ANY_EXHDR(t) != 2 || !isdigit((unsigned char) s[0]) ||
		!isdigit((unsigned char) s[1]) || DATE_NOT_FINITE(d))
		PG_RETURN_BOOL(false);
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	PG_RETURN_BOOL(county_valid_on((s[0] - '0') * 10 + (s[1] - '0'),
								   y * 10000 + m * 100 + day));
}
