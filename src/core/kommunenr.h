/*
 * kommunenr.h: Norwegian municipality numbers (kommunenummer) and the county
 * numbers (fylkesnummer) of every era, without PostgreSQL.
 */
#ifndef BOSETTING_KOMMUNENR_H
#define BOSETTING_KOMMUNENR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SSB KLASS 131 "Uoppgitt": unknown municipality (e.g. protected identity). */
#define KOMMUNENR_UNKNOWN	9999

typedef enum kommunenr_error
{
	KNR_OK = 0,
	KNR_BAD_LENGTH,				/* detail: characters seen */
	KNR_NON_DIGIT,				/* detail: 1-based position, detail2: byte */
	KNR_SPACE,					/* leading or trailing whitespace; detail:
								 * its 1-based position */
	KNR_UNKNOWN_COUNTY,			/* detail: the county part */
	KNR_OUT_OF_RANGE			/* binary value outside 0-9999 */
} kommunenr_error;

typedef struct kommunenr_result
{
	kommunenr_error error;
	int			detail;
	int			detail2;
} kommunenr_result;

/* One era of county numbers (identifiers.md 3.2). */
typedef struct county_era
{
	int			from;			/* first day, as YYYYMMDD */
	int			to;				/* last day, as YYYYMMDD; 99991231 = open */
	const int  *counties;		/* county numbers valid in the era */
	int			ncounties;
} county_era;

kommunenr_result kommunenr_parse(const char *s, size_t len, int16_t *out);
kommunenr_result kommunenr_check_value(int value);
void		kommunenr_format(int16_t value, char *buf);	/* at least 5 bytes */
char	   *kommunenr_error_text(kommunenr_result r, char *buf, size_t buflen);

/* Whether a county number existed in any era (or 99, unknown). */
bool		county_existed(int fylkenr);

/* Whether a county number was valid on a date given as YYYYMMDD. */
bool		county_valid_on(int fylkenr, int yyyymmdd);

/* The eras, oldest first. */
const county_era *county_eras(int *neras);

#endif
