/*
 * test_kommunenr.c: unit tests of src/core/kommunenr.c.
 */
#include "kommunenr.h"
#include "tap.h"

#include <string.h>

static bool
valid(const char *s)
{
	return kommunenr_parse(s, strlen(s), NULL).error == KNR_OK;
}

int
main(void)
{
	char		buf[64];
	int16_t		v;
	kommunenr_result r;
	int			code, accepted = 0, eras_n, i, j;
	const county_era *eras = county_eras(&eras_n);

	ok(kommunenr_parse("0301", 4, &v).error == KNR_OK && v == 301, "0301 Oslo is valid");
	kommunenr_format(301, buf);
	ok(strcmp(buf, "0301") == 0, "output keeps the leading zero");
	ok(valid("9999"), "9999 (uoppgitt) is valid");
	ok(valid("1301") && valid("1601") && valid("3001") && valid("5501"),
	   "codes of every era are valid (13 Bergen, 16 Sør-Trøndelag, 30 Viken, 55 Troms)");
	r = kommunenr_parse("2111", 4, NULL);
	ok(r.error == KNR_UNKNOWN_COUNTY &&
	   strcmp(kommunenr_error_text(r, buf, sizeof(buf)), "unknown county 21") == 0,
	   "Svalbard 2111 is no municipality: %s", buf);
	ok(!valid("301") && !valid("03010") && !valid("03a1") && !valid(""),
	   "wrong lengths and non-digits are rejected");

	/* Exactly the codes whose county existed in some era, plus 9999. */
	for (code = 0; code <= 9999; code++)
		if (kommunenr_check_value(code).error == KNR_OK)
			accepted++;
	ok(accepted == 100 * 34 + 1, "10000 codes: %d accepted (34 county numbers 01-20, 30-34, 38-40, 42, 46, 50, 54-56 x 100, and 9999)",
	   accepted);

	ok(county_valid_on(50, 20180101) && !county_valid_on(50, 20171231) &&
	   county_valid_on(30, 20231231) && !county_valid_on(30, 20240101),
	   "era boundaries: 50 from 2018, 30 until 2023");
	for (i = 1; i < eras_n; i++)
		if (eras[i].from <= eras[i - 1].to)
			break;
	ok(i == eras_n, "eras do not overlap");
	for (i = 0, j = 0; i < eras_n; i++)
		j += eras[i].ncounties;
	ok(j == 20 + 19 + 18 + 11 + 15, "eras hold 20, 19, 18, 11 and 15 counties");
	{
		char		buf[128];
		kommunenr_result r = kommunenr_parse("0301 ", 5, NULL);

		ok(r.error == KNR_SPACE && r.detail == 5 &&
		   kommunenr_parse(" 0301", 5, NULL).error == KNR_SPACE,
		   "whitespace around a code: %s", kommunenr_error_text(r, buf, sizeof(buf)));
	}
	return tap_done();
}
