/*
 * digits.h: small helpers shared by the identifier parsers.
 */
#ifndef BOSETTING_DIGITS_H
#define BOSETTING_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Write n zero-padded decimal digits of v and a NUL into buf. */
static inline void
format_digits(int64_t v, int n, char *buf)
{
	int			i;

	for (i = n - 1; i >= 0; i--)
	{
		buf[i] = (char) ('0' + v % 10);
		v /= 10;
	}
	buf[n] = '\0';
}

/* Describe a non-digit byte found at a 1-based position. */
static inline void
non_digit_text(int position, int byte, char *buf, size_t buflen)
{
	if (byte >= 0x20 && byte < 0x7f)
		snprintf(buf, buflen, "non-digit \"%c\" at position %d", byte, position);
	else
		snprintf(buf, buflen, "non-digit byte 0x%02x at position %d", byte, position);
}

#endif
