/*
 * fuzz_identifiers.c: libFuzzer harness over the identifier parsers of
 * src/core (text input and the binary-input check), built with ASan and UBSan
 * by `make fuzz`.  Besides memory errors it asserts that every accepted value
 * formats back to digits that parse to the same value (round trip).
 */
#include "kommunenr.h"
#include "nid.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
check(int cond)
{
	if (!cond)
		abort();
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	char		buf[32];
	char		text[160];
	fnr_info	info, again;
	int64_t		duf, duf2;
	int16_t		knr, knr2;
	nid_result	r;
	kommunenr_result kr;

	r = fnr_parse(s, size, &info);
	nid_error_text(r, text, sizeof(text));
	if (r.error == NID_OK)
	{
		fnr_format(info.value, buf);
		check(fnr_parse(buf, strlen(buf), &again).error == NID_OK);
		check(again.value == info.value && again.kind == info.kind &&
			  again.year == info.year);
		check(fnr_check_value(info.value, NULL).error == NID_OK);
	}

	r = dufnr_parse(s, size, &duf);
	nid_error_text(r, text, sizeof(text));
	if (r.error == NID_OK)
	{
		dufnr_format(duf, buf);
		check(dufnr_parse(buf, strlen(buf), &duf2).error == NID_OK && duf2 == duf);
	}

	kr = kommunenr_parse(s, size, &knr);
	kommunenr_error_text(kr, text, sizeof(text));
	if (kr.error == KNR_OK)
	{
		kommunenr_format(knr, buf);
		check(kommunenr_parse(buf, strlen(buf), &knr2).error == KNR_OK && knr2 == knr);
	}

	/* The binary-input path: any 8 or 2 bytes as a stored value. */
	if (size >= 8)
	{
		int64_t		v;

		memcpy(&v, data, sizeof(v));
		r = fnr_check_value(v, &info);
		nid_error_text(r, text, sizeof(text));
		if (r.error == NID_OK)
		{
			fnr_format(v, buf);
			check(fnr_parse(buf, strlen(buf), NULL).error == NID_OK);
		}
		if (dufnr_check_value(v).error == NID_OK)
		{
			dufnr_format(v, buf);
			check(dufnr_parse(buf, strlen(buf), NULL).error == NID_OK);
		}
	}
	if (size >= 2)
	{
		int16_t		v;

		memcpy(&v, data, sizeof(v));
		kr = kommunenr_check_value(v);
		kommunenr_error_text(kr, text, sizeof(text));
	}
	return 0;
}
