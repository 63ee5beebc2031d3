/*
 * kommunenr.c: municipality numbers and the county numbers of each era.
 *
 * A kommunenummer is four digits whose first two are the county number valid
 * when the code was valid (identifiers.md 3.1).  Codes are reused over time,
 * so the type accepts every code whose county part existed in some era since
 * 1838, plus 9999 (unknown), and leaves dating to the register tables.
 */
#include "kommunenr.h"
#include "digits.h"


/*
 * County numbers per era: identifiers.md 3.2, verified there against the
 * prefixes of all SSB KLASS 131 codes valid at each date; the same sets are in
 * ../shared/data/fylker_by_era.csv, which test/oracle compares with this table.
 */
static const int counties_1838[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
14, 15, 16, 17, 18, 19, 20};
static const int counties_1972[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
14, 15, 16, 17, 18, 19, 20};
static const int counties_2018[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
14, 15, 18, 19, 20, 50};
static const int counties_2020[] = {3, 11, 15, 18, 30, 34, 38, 42, 46, 50, 54};
static const int counties_2024[] = {3, 11, 15, 18, 31, 32, 33, 34, 39, 40, 42,
46, 50, 55, 56};

#define LENGTH_OF(a) ((int) (sizeof(a) / sizeof((a)[0])))

static const county_era eras[] = {
	{18380101, 19711231, counties_1838, LENGTH_OF(counties_1838)},
	{19720101, 20171231, counties_1972, LENGTH_OF(counties_1972)},
	{20180101, 20191231, counties_2018, LENGTH_OF(counties_2018)},
	{20200101, 20231231, counties_2020, LENGTH_OF(counties_2020)},
	{20240101, 99991231, counties_2024, LENGTH_OF(counties_2024)},
};

const county_era *
county_eras(int *neras)
{
	*neras = LENGTH_OF(eras);
	return eras;
}

static bool
era_has(const county_era *era, int fylkenr)
{
	int			i;

	for (i = 0; i < era->ncounties; i++)
		if (era->counties[i] == fylkenr)
			return true;
	return false;
}

bool
county_valid_on(int fylkenr, int yyyymmdd)
{
	int			i;

	for (i = 0; i < LENGTH_OF(eras); i++)
		if (yyyymmdd >= eras[i].from && yyyymmdd <= eras[i].to)
			return era_has(&eras[i], fylkenr);
	return false;
}

bool
county_existed(int fylkenr)
{
	/* Built once: a county number is 0-99. */
	static bool table[100];
	static bool built = false;
	int			i,
				j;

	if (fylkenr < 0 || fylkenr > 99)
		return false;
	if (!built)
	{
		for (i = 0; i < LENGTH_OF(eras); i++)
			for (j = 0; j < eras[i].ncounties; j++)
				table[eras[i].counties[j]] = true;
		built = true;
	}
	return table[fylkenr];
}

static kommunenr_result
knr_result(kommunenr_error error, int detail, int detail2)
{
	kommunenr_result r = {error, detail, detail2};

	return r;
}

kommunenr_result
kommunenr_check_value(int value)
{
	if (value < 0 || value > 9999)
		return knr_result(KNR_OUT_OF_RANGE, 0, 0);
	if (value == KOMMUNENR_UNKNOWN)
		return knr_result(KNR_OK, 0, 0);
	if (!county_existed(value / 100))
		return knr_result(KNR_UNKNOWN_COUNTY, value / 100, 0);
	return knr_result(KNR_OK, 0, 0);
}

kommunenr_result
kommunenr_parse(const char *s, size_t len, int16_t *out)
{
	int			value = 0;
	size_t		i;
	kommunenr_result r;

	/* whitespace around the code: say so, not "wrong length" */
	if (len > 0 && (s[0] == ' ' || s[0] == '\t'))
		return knr_result(KNR_SPACE, 1, 0);
	if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
		return knr_result(KNR_SPACE, len > INT32_MAX ? INT32_MAX : (int) len, 0);
	/* identifiers.md 3.1: always four digits; the leading zero is required. */
	if (len != 4)
		return knr_result(KNR_BAD_LENGTH, len > INT32_MAX ? INT32_MAX : (int) len, 0);
	for (i = 0; i < 4; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c < '0' || c > '9')
			return knr_result(KNR_NON_DIGIT, (int) i + 1, c);
		value = value * 10 + (c - '0');
	}
	r = kommunenr_check_value(value);
	if (r.error == KNR_OK && out)
		*out = (int16_t) value;
	return r;
}

void
kommunenr_format(int16_t value, char *buf)
{
	format_digits(value, 4, buf);
}

char *
kommunenr_error_text(kommunenr_result r, char *buf, size_t buflen)
{
	switch (r.error)
	{
		case KNR_OK:
			snprintf(buf, buflen, "valid");
			break;
		case KNR_BAD_LENGTH:
			snprintf(buf, buflen, "wrong length %d, expected 4 digits", r.detail);
			break;
		case KNR_NON_DIGIT:
			non_digit_text(r.detail, r.detail2, buf, buflen);
			break;
		case KNR_SPACE:
			snprintf(buf, buflen, "%s space at position %d: remove the whitespace around the code",
					 r.detail == 1 ? "leading" : "trailing", r.detail);
			break;
		case KNR_UNKNOWN_COUNTY:
			snprintf(buf, buflen, "unknown county %02d", r.detail);
			break;
		case KNR_OUT_OF_RANGE:
			snprintf(buf, buflen, "binary value out of range for 4 digits");
			break;
	}
	return buf;
}
