/*
 * nid.c: parsing and validation of fødselsnummer-family numbers and DUF numbers.
 *
 * Every rule cites ../shared/research/identifiers.md (section numbers below),
 * which in turn quotes Skatteetaten, UDI, ehelse and the peer validators.
 */
#include "nid.h"
#include "digits.h"

#include <stdio.h>
#include <string.h>

/* identifiers.md 1.2: weights of the two check digits (Skatteetaten). */
static const int k1_weights[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
static const int k2_weights[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

/* identifiers.md 2: weights of the DUF check value (SSB KOSTRA validateDUF). */
static const int duf_weights[10] = {4, 6, 3, 2, 4, 6, 3, 2, 7, 5};

static nid_result
make_result(nid_error error, int detail, int detail2)
{
	nid_result	r = {error, detail, detail2};

	return r;
}

/*
 * Copy the digits of s into d, skipping separators only where allowed by
 * "sep_at" (positions in s, -1 terminated).  len_ok lists the two accepted
 * lengths: without and with separators.
 */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		c == '\f';
}

static nid_result
read_digits(const char *s, size_t len, int ndigits, const int *sep_at,
			int nsep, int *d)
{
	size_t		i;
	int			n = 0;
	int			next_sep = 0;
	bool		spaced = (len == (size_t) (ndigits + nsep));

	/*
	 * Whitespace around the number: say so, rather than call a digit wrong
	 * (a trailing space has the spaced form's length).
	 */
	if (len > 0 && is_blank(s[0]))
		return make_result(NID_SPACE, 1, 1);
	if (len > 0 && is_blank(s[len - 1]))
		return make_result(NID_SPACE, len > INT32_MAX ? INT32_MAX : (int) len, 1);
	if (len != (size_t) ndigits && !spaced)
		return make_result(NID_BAD_LENGTH, len > INT32_MAX ? INT32_MAX : (int) len,
						   ndigits);

	/*
	 * The spaced length without a space: name the first non-digit, and call
	 * a string of digits too long.
	 */
	if (spaced && memchr(s, ' ', len) == NULL)
	{
		for (i = 0; i < len; i++)
			if (s[i] < '0' || s[i] > '9')
				return make_result(NID_NON_DIGIT, (int) i + 1, (unsigned char) s[i]);
		return make_result(NID_BAD_LENGTH, (int) len, ndigits);
	}

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (spaced && next_sep < nsep && (int) i == sep_at[next_sep])
		{
			/* a digit where the space belongs: name the misplaced space */
			if (c >= '0' && c <= '9')
			{
				const char *sp = memchr(s + i, ' ', len - i);

				if (sp != NULL)
					return make_result(NID_SPACE, (int) (sp - s) + 1, 0);
			}
			if (c != ' ')
				return make_result(NID_NON_DIGIT, (int) i + 1, c);
			next_sep++;
			continue;
		}
		if (c == ' ')
			return make_result(NID_SPACE, (int) i + 1, 0);
		if (c < '0' || c > '9')
			return make_result(NID_NON_DIGIT, (int) i + 1, c);
		d[n++] = c - '0';
	}
	return make_result(NID_OK, 0, 0);
}

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/*
 * identifiers.md 1.4: century from the individnummer, for numbers issued
 * before 2032.  Returns the full year, or 0 where the table has no century.
 */
static int
century_year(int individnr, int yy, bool dnumber)
{
	if (dnumber)
	{
		/* The D-number series as widened by Skatteetaten in 2021. */
		if (individnr < 200)
			return 1900 + yy;
		if (individnr < 500 || individnr >= 600)
			return yy <= 39 ? 2000 + yy : 1900 + yy;
		/* 500-599 */
		if (yy <= 39)
			return 2000 + yy;
		if (yy >= 58)
			return 1800 + yy;
		return 0;
	}
	if (individnr < 500)
		return 1900 + yy;
	if (individnr <= 749 && yy >= 54)
		return 1800 + yy;
	if (yy <= 39)
		return 2000 + yy;
	if (individnr >= 900 && yy >= 40)
		return 1900 + yy;
	return 0;
}

static nid_result
fnr_validate_digits(const int *d, fnr_info *out)
{
	int			s1 = 0;
	int			s2 = 0;
	int			r1;
	int			i;
	int			dd, mm, yy;
	int			day, month, year;
	int			mdays;
	fnr_info	info;
	static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	info.value = 0;
	for (i = 0; i < FNR_DIGITS; i++)
		info.value = info.value * 10 + d[i];

	/*
	 * identifiers.md 1.2-1.3: K1 may leave a rest of 0 (rule before 2032) or
	 * 0-3 (rule from 2032, a strict superset); K2 is unchanged and is computed
	 * over the actual K1.
	 */
	for (i = 0; i < 9; i++)
		s1 += k1_weights[i] * d[i];
	r1 = (s1 + d[9]) % 11;
	if (r1 > 3)
		return make_result(NID_BAD_CHECK1, d[9], 0);
	for (i = 0; i < 10; i++)
		s2 += k2_weights[i] * d[i];
	if ((s2 + d[10]) % 11 != 0)
		return make_result(NID_BAD_CHECK2, d[10], 0);
	info.legacy_checksum = (r1 == 0);
	info.individnr = d[6] * 100 + d[7] * 10 + d[8];

	/* identifiers.md 1.7 and 1.9 step 1: FH-numbers carry no date. */
	if (d[0] >= 8)
	{
		info.kind = FNR_KIND_FH;
		info.year = info.month = info.day = 0;
		info.outside_series = false;
		if (out)
			*out = info;
		return make_result(NID_OK, 0, 0);
	}

	dd = d[0] * 10 + d[1];
	mm = d[2] * 10 + d[3];
	yy = d[4] * 10 + d[5];

	/* identifiers.md 1.5: D-numbers add 40 to the day. */
	info.kind = FNR_KIND_FNR;
	day = dd;
	if (d[0] >= 4)
	{
		info.kind = FNR_KIND_DNR;
		day = dd - 40;
	}

	/*
	 * identifiers.md 1.8 and 1.9: month + 80 (Skatteetaten/Tenor synthetic),
	 * + 65 (Norsk helsenett synthetic, 66-77), + 40 (H-number or NAV
	 * synthetic; the two cannot be told apart).
	 */
	month = mm;
	if (d[2] >= 8)
	{
		info.kind = FNR_KIND_SYNTHETIC;
		month = mm - 80;
	}
	else if (d[2] >= 6)
	{
		if (mm < 66 || mm > 77)
			return make_result(NID_BAD_MONTH, mm, 0);
		info.kind = FNR_KIND_SYNTHETIC;
		month = mm - 65;
	}
	else if (d[2] >= 4)
	{
		info.kind = FNR_KIND_HNR;
		month = mm - 40;
	}
	if (month < 1 || month > 12)
		return make_result(NID_BAD_MONTH, mm, 0);
	if (day < 1 || day > 31)
		return make_result(NID_BAD_DAY, day, dd);

	/*
	 * identifiers.md 1.3-1.4: the individnummer tells the century only for
	 * numbers issued before 2032, and those pass the old K1 rule.  A number
	 * valid only under the 2032 rule does not tell its century.  Nor does one
	 * whose individnummer and year fall outside the series table: the issuer
	 * no longer promises the table ("individnummeret vil ikke lenger angi
	 * århundre"), its reference validator ignores it, and the 2021 D-number
	 * widening showed that validators enforcing it reject valid numbers.
	 * Such a number is accepted without a century (outside_series).
	 */
	year = 0;
	info.outside_series = false;
	if (info.legacy_checksum)
	{
		year = century_year(info.individnr, yy, d[0] >= 4);
		info.outside_series = (year == 0);
	}

	/*
	 * The day must exist in that month.  Without a century, a year 00 counts
	 * as a leap year (Skatteetaten's reference validator, identifiers.md 1.3).
	 */
	mdays = days_in_month[month - 1];
	if (month == 2 && (year ? is_leap(year) : yy % 4 == 0))
		mdays = 29;
	if (day > mdays)
		return make_result(NID_BAD_DATE, day, month);

	info.year = year;
	info.month = month;
	info.day = day;
	if (out)
		*out = info;
	return make_result(NID_OK, 0, 0);
}

nid_result
fnr_parse(const char *s, size_t len, fnr_info *out)
{
	/* DESIGN.md: one space is allowed after the sixth digit. */
	static const int sep_at[1] = {6};
	int			d[FNR_DIGITS];
	nid_result	r = read_digits(s, len, FNR_DIGITS, sep_at, 1, d);

	if (r.error != NID_OK)
		return r;
	return fnr_validate_digits(d, out);
}

nid_result
fnr_check_value(int64_t value, fnr_info *out)
{
	int			d[FNR_DIGITS];
	int			i;

	if (value < 0 || value > INT64_C(99999999999))
		return make_result(NID_OUT_OF_RANGE, FNR_DIGITS, 0);
	for (i = FNR_DIGITS - 1; i >= 0; i--)
	{
		d[i] = (int) (value % 10);
		value /= 10;
	}
	return fnr_validate_digits(d, out);
}

void
fnr_format(int64_t value, char *buf)
{
	format_digits(value, FNR_DIGITS, buf);
}

const char *
fnr_kind_name(fnr_kind kind)
{
	switch (kind)
	{
		case FNR_KIND_FNR:
			return "fnr";
		case FNR_KIND_DNR:
			return "dnr";
		case FNR_KIND_HNR:
			return "hnr";
		case FNR_KIND_SYNTHETIC:
			return "synthetic";
		case FNR_KIND_FH:
			return "fh";
	}
	return "unknown";
}

static nid_result
dufnr_validate_digits(const int *d)
{
	int			s = 0;
	int			i;

	/*
	 * identifiers.md 2: the check value is the weighted sum mod 11 written as
	 * two digits, 00-10.  UDI has not published the rule; four public
	 * implementations agree on it.
	 */
	for (i = 0; i < 10; i++)
		s += duf_weights[i] * d[i];
	if (s % 11 != d[10] * 10 + d[11])
		return make_result(NID_BAD_CHECK_VALUE, d[10] * 10 + d[11], s % 11);

	/*
	 * Serial 000000 passes the check whatever the year (its sum is the
	 * year's), so '000000000000' would be a valid number.  No source shows
	 * UDI issuing it: like SSB's fødselsnummer placeholders (identifiers.md
	 * 1.10) it is refused.
	 */
	if (d[4] + d[5] + d[6] + d[7] + d[8] + d[9] == 0)
		return make_result(NID_ZERO_SERIAL, 0, 0);
	return make_result(NID_OK, 0, 0);
}

nid_result
dufnr_parse(const char *s, size_t len, int64_t *out)
{
	/* DESIGN.md: spaces allowed as "YYYY NNNNNN CC". */
	static const int sep_at[2] = {4, 11};
	int			d[DUFNR_DIGITS];
	int			i;
	nid_result	r = read_digits(s, len, DUFNR_DIGITS, sep_at, 2, d);

	if (r.error != NID_OK)
		return r;
	r = dufnr_validate_digits(d);
	if (r.error == NID_OK && out)
	{
		*out = 0;
		for (i = 0; i < DUFNR_DIGITS; i++)
			*out = *out * 10 + d[i];
	}
	return r;
}

nid_result
dufnr_check_value(int64_t value)
{
	int			d[DUFNR_DIGITS];
	int			i;

	if (value < 0 || value > INT64_C(999999999999))
		return make_result(NID_OUT_OF_RANGE, DUFNR_DIGITS, 0);
	for (i = DUFNR_DIGITS - 1; i >= 0; i--)
	{
		d[i] = (int) (value % 10);
		value /= 10;
	}
	return dufnr_validate_digits(d);
}

void
dufnr_format(int64_t value, char *buf)
{
	format_digits(value, DUFNR_DIGITS, buf);
}

char *
nid_error_text(nid_result r, char *buf, size_t buflen)
{
	switch (r.error)
	{
		case NID_OK:
			snprintf(buf, buflen, "valid");
			break;
		case NID_BAD_LENGTH:
			snprintf(buf, buflen, "wrong length %d, expected %d digits",
					 r.detail, r.detail2);
			break;
		case NID_SPACE:
			if (r.detail2)
				snprintf(buf, buflen, "%s space at position %d: remove the whitespace around the number",
						 r.detail == 1 ? "leading" : "trailing", r.detail);
			else
				snprintf(buf, buflen, "space at position %d where a digit belongs", r.detail);
			break;
		case NID_ZERO_SERIAL:
			snprintf(buf, buflen, "serial number 000000 is not issued (a placeholder)");
			break;
		case NID_OUT_OF_RANGE:
			snprintf(buf, buflen, "binary value out of range for %d digits",
					 r.detail);
			break;
		case NID_NON_DIGIT:
			non_digit_text(r.detail, r.detail2, buf, buflen);
			break;
		case NID_BAD_CHECK1:
			snprintf(buf, buflen, "invalid check digit (first check digit %d)",
					 r.detail);
			break;
		case NID_BAD_CHECK2:
			snprintf(buf, buflen, "invalid check digit (second check digit %d)",
					 r.detail);
			break;
		case NID_BAD_CHECK_VALUE:
			snprintf(buf, buflen, "invalid check digits %02d", r.detail);
			break;
		case NID_BAD_DAY:
			snprintf(buf, buflen, "no such day %d", r.detail);
			break;
		case NID_BAD_MONTH:
			snprintf(buf, buflen, "no such month %d", r.detail);
			break;
		case NID_BAD_DATE:
			snprintf(buf, buflen, "impossible date: day %d does not exist in month %d",
					 r.detail, r.detail2);
			break;
	}
	return buf;
}
