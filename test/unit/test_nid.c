/*
 * test_nid.c: unit tests of src/core/nid.c (fnr and dufnr parsing).
 * Expected values come from the worked examples in identifiers.md.
 */
#include "nid.h"
#include "tap.h"

#include <string.h>

static nid_result
parse(const char *s, fnr_info *info)
{
	return fnr_parse(s, strlen(s), info);
}

static bool
valid(const char *s)
{
	return parse(s, NULL).error == NID_OK;
}

/* Compute K1 (rest r, 0-3) and K2 for a 9-digit prefix; false if impossible. */
static bool
complete(const char *prefix, int rest, char *out)
{
	static const int w1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
	static const int w2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
	int			s1 = 0, s2 = 0, k1, k2, i;

	for (i = 0; i < 9; i++)
		s1 += w1[i] * (prefix[i] - '0');
	k1 = (11 + rest - s1 % 11) % 11;
	if (k1 == 10)
		return false;
	memcpy(out, prefix, 9);
	out[9] = (char) ('0' + k1);
	for (i = 0; i < 10; i++)
		s2 += w2[i] * (out[i] - '0');
	k2 = (11 - s2 % 11) % 11;
	if (k2 == 10)
		return false;
	out[10] = (char) ('0' + k2);
	out[11] = '\0';
	return true;
}

int
main(void)
{
	fnr_info	info;
	nid_result	r;
	char		buf[64];
	char		num[12];
	int			pos, digit, undetected, tried, i;
	int64_t		duf;

	/* identifiers.md 1.2: fnrinfo.no's worked example. */
	r = parse("31129956715", &info);
	ok(r.error == NID_OK && info.legacy_checksum && info.kind == FNR_KIND_FNR,
	   "fnrinfo worked example 31129956715 is valid under the old rule");
	ok(info.year == 1899 && info.month == 12 && info.day == 31,
	   "individnr 567 with year 99 is born in 1899 (series 500-749, 1854-1899)");
	ok(valid("311299 56715") && !valid("3112995 6715") && !valid("311299  56715"),
	   "one space is allowed after the sixth digit, nowhere else");

	/* identifiers.md 1.3: Skatteetaten's 2032 examples. */
	r = parse("30108299939", &info);
	ok(r.error == NID_OK && !info.legacy_checksum && info.year == 0,
	   "30108299939 is valid only under the 2032 rule and tells no century");
	r = parse("30108299920", &info);
	ok(r.error == NID_OK && info.legacy_checksum && info.year == 1982,
	   "30108299920 (2032 rule, rest 0) is also valid under the old rule");
	r = parse("02013299997", &info);
	ok(r.error == NID_OK && info.year == 2032, "02013299997 is born 2032-01-02");

	/* Every K1 rest 0-3 is accepted, rest 4 and above is not. */
	tried = 0;
	undetected = 0;
	for (i = 0; i < 4; i++)
		if (complete("010190123", i, num))
		{
			tried++;
			if (!valid(num))
				undetected++;
		}
	ok(tried > 0 && undetected == 0, "K1 rests 0-3 are all accepted (%d tried)", tried);

	/* K2 has non-zero weights mod 11: every single substitution is caught. */
	undetected = 0;
	for (pos = 0; pos < 11; pos++)
		for (digit = 0; digit <= 9; digit++)
		{
			strcpy(num, "31129956715");
			if (num[pos] == '0' + digit)
				continue;
			num[pos] = (char) ('0' + digit);
			if (valid(num))
				undetected++;
		}
	ok(undetected == 0, "every single-digit substitution of a valid number is rejected");

	undetected = 0;
	for (pos = 0; pos < 10; pos++)
	{
		char		t;

		strcpy(num, "31129956715");
		if (num[pos] == num[pos + 1])
			continue;
		t = num[pos];
		num[pos] = num[pos + 1];
		num[pos + 1] = t;
		if (valid(num))
			undetected++;
	}
	ok(undetected == 0, "every adjacent transposition of a valid number is rejected");

	/* Kinds (identifiers.md 1.5-1.9). */
	ok(parse("41014061078", &info).error == NID_OK && info.kind == FNR_KIND_DNR &&
	   info.year == 1940, "D-number 41014061078 with individnr 610 is born 1940 (2021 series)");
	ok(parse("01415612385", &info).error == NID_OK && info.kind == FNR_KIND_HNR &&
	   info.month == 1, "H-number 01415612385 has month 41 - 40 = 1");
	ok(parse("03851598730", &info).error == NID_OK && info.kind == FNR_KIND_SYNTHETIC &&
	   info.month == 5, "synthetic 03851598730 has month 85 - 80 = 5");
	ok(parse("81234567802", &info).error == NID_OK && info.kind == FNR_KIND_FH &&
	   info.year == 0, "FH-number 81234567802 has no birth date");

	/* Errors and their texts. */
	r = parse("3112995671", NULL);
	ok(r.error == NID_BAD_LENGTH &&
	   strcmp(nid_error_text(r, buf, sizeof(buf)), "wrong length 10, expected 11 digits") == 0,
	   "length error says %s", buf);
	r = parse("1234567891A", NULL);
	ok(r.error == NID_NON_DIGIT &&
	   strcmp(nid_error_text(r, buf, sizeof(buf)), "non-digit \"A\" at position 11") == 0,
	   "non-digit error says %s", buf);
	r = parse("31129956716", NULL);
	ok(r.error == NID_BAD_CHECK2, "a wrong second check digit is named");
	ok(complete("011372480", 0, num), "a month-13 number with valid check digits exists");
	r = parse(num, NULL);
	ok(r.error == NID_BAD_MONTH && r.detail == 13 &&
	   strcmp(nid_error_text(r, buf, sizeof(buf)), "no such month 13") == 0,
	   "month error says %s", buf);
	r = parse("29020112345", NULL);
	ok(r.error != NID_OK, "29 February 2001 is rejected");
	ok(valid("29029648784"), "29 February 1996 is accepted");
	ok(complete("010157800", 0, num), "individnr 800 / year 57 with valid check digits exists");
	r = parse(num, &info);
	ok(r.error == NID_OK && info.outside_series && info.year == 0 &&
	   info.month == 1 && info.day == 1 && info.legacy_checksum,
	   "individnr 800 with year 57 (outside the century table) is accepted without a year");
	ok(complete("290256800", 0, num) && parse(num, &info).error == NID_OK &&
	   info.outside_series && info.year == 0,
	   "29 February with year 56 outside the table: accepted (56 may be a leap year)");
	ok(complete("290257800", 0, num) && parse(num, &info).error == NID_BAD_DATE,
	   "29 February with year 57 outside the table: no year 57 has one");
	r = parse("31129956715", &info);
	ok(r.error == NID_OK && !info.outside_series, "a number in the table is not outside_series");
	ok(complete("010140540", 0, num) && parse(num, &info).error == NID_OK &&
	   info.kind == FNR_KIND_FNR && info.year == 0,
	   "F-number individnr 540 with year 40 (no row of the table): accepted");

	/* Whitespace gets a message about the space (issue 10 item 6). */
	r = parse("31129956715 ", NULL);
	ok(r.error == NID_SPACE && r.detail == 12 && r.detail2 == 1,
	   "a trailing space: %s", nid_error_text(r, buf, sizeof(buf)));
	r = parse(" 31129956715", NULL);
	ok(r.error == NID_SPACE && r.detail == 1 && r.detail2 == 1, "a leading space");
	r = parse("3112995 6715", NULL);
	ok(r.error == NID_SPACE && r.detail == 8 && r.detail2 == 0,
	   "a misplaced space: %s", nid_error_text(r, buf, sizeof(buf)));
	{
		static char longer[100001];

		memset(longer, '9', sizeof(longer) - 1);
		r = fnr_parse(longer, sizeof(longer) - 1, NULL);
		ok(r.error == NID_BAD_LENGTH && r.detail == 100000,
		   "a long input reports its real length: %s", nid_error_text(r, buf, sizeof(buf)));
	}
	/* DUF serial 000000 passes the check but is refused. */
	ok(dufnr_parse("000000000000", 12, NULL).error == NID_ZERO_SERIAL &&
	   dufnr_parse("201000000000", 12, NULL).error == NID_ZERO_SERIAL &&
	   dufnr_check_value(0).error == NID_ZERO_SERIAL &&
	   dufnr_parse("201000000105", 12, NULL).error == NID_OK,
	   "DUF serial 000000 is refused, 000001 accepted");

	/* Stored values round-trip. */
	r = fnr_check_value(31129956715LL, &info);
	fnr_format(info.value, buf);
	ok(r.error == NID_OK && strcmp(buf, "31129956715") == 0, "format(parse(x)) = x");
	fnr_format(1019912345LL, buf);
	ok(strcmp(buf, "01019912345") == 0, "leading zeros are kept on output");
	ok(fnr_check_value(-1, NULL).error == NID_OUT_OF_RANGE &&
	   fnr_check_value(100000000000LL, NULL).error == NID_OUT_OF_RANGE,
	   "binary values outside 11 digits are rejected");

	/* DUF: identifiers.md 2, the two checked examples. */
	ok(dufnr_parse("201017238203", 12, &duf).error == NID_OK && duf == 201017238203LL,
	   "DUF 201017238203 (check 03) is valid");
	ok(dufnr_parse("200816832910", 12, NULL).error == NID_OK,
	   "DUF 200816832910 (check value 10) is valid");
	ok(dufnr_parse("2010 172382 03", 14, NULL).error == NID_OK &&
	   dufnr_parse("2010172382 03", 13, NULL).error != NID_OK,
	   "DUF accepts the spaced form YYYY NNNNNN CC only");
	r = dufnr_parse("201258697561", 12, NULL);
	ok(r.error == NID_BAD_CHECK_VALUE &&
	   strcmp(nid_error_text(r, buf, sizeof(buf)), "invalid check digits 61") == 0,
	   "UDI's illustrative 2012 586975 61 fails the rule: %s", buf);
	dufnr_format(200816832910LL, buf);
	ok(strcmp(buf, "200816832910") == 0 && dufnr_check_value(200816832910LL).error == NID_OK,
	   "DUF round-trips through its stored value");

	return tap_done();
}
