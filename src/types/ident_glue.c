/*
 * ident_glue.c: error reporting shared by the identifier types.
 */
#include "ident_glue.h"

#include "bosetting.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"

/* Longer values are cut in the message: they are garbage, not identifiers. */
#define MAX_QUOTED_BYTES 40

void
ident_report_invalid(const char *typname, const char *value, size_t len,
					 int keep, const char *reason)
{
	int			shown = pg_mbcliplen(value, (int) Min(len, (size_t) PG_INT32_MAX),
									 MAX_QUOTED_BYTES);
	StringInfoData v;

	initStringInfo(&v);
	if (bosetting_mask_identifiers && keep >= 0)
	{
		/* the first `keep` characters, then one '*' per character */
		const char *p = value;
		int			i = 0;

		while (p < value + shown)
		{
			int			l = pg_mblen(p);

			if (i++ < keep)
				appendBinaryStringInfo(&v, p, l);
			else
				appendStringInfoChar(&v, '*');
			p += l;
		}
	}
	else
		appendBinaryStringInfo(&v, value, shown);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid %s \"%s%s\": %s", typname, v.data,
					(size_t) shown < len ? "..." : "", reason)));
}

const char *
ident_nid_reason(nid_result r, char *buf, size_t buflen)
{
	if (bosetting_mask_identifiers &&
		(r.error == NID_BAD_CHECK1 || r.error == NID_BAD_CHECK2 ||
		 r.error == NID_BAD_CHECK_VALUE))
	{
		snprintf(buf, buflen, "invalid check digits");
		return buf;
	}
	return nid_error_text(r, buf, buflen);
}

void
ident_check_ascii(const char *typname, const char *value, size_t len,
				  int keep, const int *lengths, int nlengths)
{
	const char *p;
	int			nchars,
				position = 0;
	char		reason[128];

	for (p = value; p < value + len; p++)
		if (IS_HIGHBIT_SET(*p))
			break;
	if (p == value + len)
		return;

	/* the length first, as for ASCII input; then the non-ASCII character */
	nchars = pg_mbstrlen_with_len(value, (int) Min(len, (size_t) PG_INT32_MAX));
	for (int i = 0; i < nlengths; i++)
		if (nchars == lengths[i])
		{
			for (p = value; !IS_HIGHBIT_SET(*p); p++)
				position++;
			snprintf(reason, sizeof(reason), "non-digit \"%.*s\" at position %d",
					 pg_mblen(p), p, position + 1);
			ident_report_invalid(typname, value, len, keep, reason);
		}
	snprintf(reason, sizeof(reason), "wrong length %d, expected %d digits",
			 nchars, lengths[0]);
	ident_report_invalid(typname, value, len, keep, reason);
}

static void
recv_length(StringInfo msg, const char *typname, int size)
{
	int			have = msg->len - msg->cursor;

	if (have != size)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid binary %s: %d bytes, expected %d", typname, have, size)));
}

int64
ident_recv_int8(StringInfo msg, const char *typname)
{
	recv_length(msg, typname, 8);
	return pq_getmsgint64(msg);
}

int16
ident_recv_int2(StringInfo msg, const char *typname)
{
	recv_length(msg, typname, 2);
	return (int16) pq_getmsgint(msg, 2);
}
