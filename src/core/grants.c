/*
 * grants.c: the grant rule engine (see grants.h and research/grants.md).
 */
#include "grants.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const scheme_names[GS_NSCHEMES] = {
	"integreringstilskudd", "eldretilskudd", "barnehagetilskudd",
	"em_tilskudd", "em_barnevern_refusjon", "funksjon_tilskudd",
	"norsktilskudd", "norsktilskudd_kollektiv", "ekstratilskudd_bosetting",
	"ekstratilskudd_em", "ekstratilskudd_institusjon",
	"kompensasjon_ubenyttet_plass"
};

static const char *const component_names[GC_NCOMPONENTS] = {
	"year1", "year2", "year3", "year4", "year5", "sum_year1_5", "per_year",
	"one_time", "egenandel", "tilskudd1", "tilskudd2_max", "persontilskudd",
	"persontilskudd_sum_3yr", "grunntilskudd"
};

static const char *const category_names[GK_NCATEGORIES] = {
	"enslig_voksen", "voksen", "barn", "enslig_mindrearig", "em_0_16",
	"em_17_20", "alle", "eldre_60pluss", "barn_0_5", "utover_anmodning",
	"fra_institusjon", "nedsatt_funksjonsevne", "lav_sats", "hoy_sats",
	"kommune_1_3", "kommune_4_150", "kollektiv_beskyttelse",
	"ubenyttet_vedtaksplass"
};

/*
 * When each scheme was in force.  0 = no bound known from the sources (the
 * scheme existed before the first rate we have and still exists).
 */
static const grant_scheme_info scheme_info[GS_NSCHEMES] = {
	[GS_INTEGRERING] = {0, 0, true, "Integreringstilskudd: per person, settlement year (år 1) and the four following years",
	"https://www.imdi.no/tilskudd/integreringstilskot/"},
	[GS_ELDRE] = {0, 0, true, "Eldretilskudd: one-time in år 1 for a person who has turned 60 at settlement",
	"https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/"},
	[GS_BARNEHAGE] = {0, 0, true, "Barnehagetilskudd: one-time in år 1 for a child aged 0-5 at settlement",
	"https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/"},
	[GS_EM] = {0, 0, true, "Særskilt tilskudd for enslige mindreårige: yearly up to and including the year the person turns 20; two age bands from 2017",
	"https://www.imdi.no/tilskudd/tilskudd-enslige-mindrearige/"},
	[GS_EM_REFUSJON] = {0, 2016, false, "Refund of child-welfare costs for unaccompanied minors above a monthly deductible (80 % from 2014); replaced by em_tilskudd in 2017",
	"https://www.regjeringen.no/no/dokumenter/satsar-for-kommunal-eigenbetaling-i-barneverntiltak-2016/id2929947/"},
	[GS_FUNKSJON] = {0, 0, true, "Tilskudd ved bosetting av personer med nedsatt funksjonsevne og/eller atferdsvansker: Tilskudd 1 one-time, or Tilskudd 2 yearly (capped) in år 1-5",
	"https://www.imdi.no/tilskudd/tilskudd-bosetting-personer-nedsatt-funksjonsevne-atferdsvansker/"},
	[GS_NORSK] = {0, 0, false, "Tilskudd til opplæring i norsk og samfunnskunnskap: persontilskudd (3 years, high/low rate) and grunntilskudd",
	"https://www.imdi.no/tilskudd/2024/tilskot-til-opplaring-i-norsk-og-samfunnskunnskap-for-vaksne-innvandrarar/"},
	[GS_NORSK_KOLLEKTIV] = {2023, 0, false, "Norwegian training for adults with collective protection (integreringsloven § 37 d), at most one year per person",
	"https://www.imdi.no/tilskudd/tilskot-til-opplaring-i-norsk-for-vaksne-personar-med-kollektiv-beskyttelse/"},
	[GS_EKSTRA_BOSETTING] = {2016, 2017, true, "Ekstratilskudd per person settled beyond IMDi's request (2016-2017; discontinued in the 2018 budget)",
	"https://www.imdi.no/tilskudd/tilskudd-2016/ekstratilskudd-for-bosetting/"},
	[GS_EKSTRA_EM] = {2016, 2017, true, "Ekstratilskudd, one-time per unaccompanied minor settled (2016-2017)",
	"https://www.imdi.no/tilskudd/tilskudd-2016/tilskudd-enslige-mindrearige/"},
	[GS_EKSTRA_INSTITUSJON] = {2017, 2017, true, "Ekstratilskudd, one-time per person settled from an institution or adapted ward (2017)",
	"https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2016/foreslar-500-millioner-til-integreringsarbeid/"},
	[GS_KOMPENSASJON] = {2022, 2022, true, "Compensation per decided settlement place (within the request) left unused in 2022",
	"https://www.imdi.no/tilskudd/kompensasjonsordning-for-ubenyttede-vedtaksplasser-i-kommunene/"},
};

/*
 * Every kind of rate.  Years: the single adult's own år 1 rate exists since
 * 2011 (Statsbudsjettet 2011); the unaccompanied-minor grant has one rate
 * for all ages up to 2016 and two age bands from 2017 (grants.md 3.4).
 */
static const grant_rate_kind kinds[] = {
	{GS_INTEGRERING, GC_YEAR1, GK_ENSLIG_VOKSEN, "per_person", 2011, 0, true},
	{GS_INTEGRERING, GC_YEAR1, GK_VOKSEN, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR1, GK_BARN, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR1, GK_ENSLIG_MINDREARIG, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR2, GK_ALLE, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR3, GK_ALLE, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR4, GK_ALLE, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_YEAR5, GK_ALLE, "per_person", 0, 0, true},
	{GS_INTEGRERING, GC_SUM_YEAR1_5, GK_ENSLIG_VOKSEN, "per_person_5yr_sum", 2011, 0, false},
	{GS_INTEGRERING, GC_SUM_YEAR1_5, GK_VOKSEN, "per_person_5yr_sum", 0, 0, false},
	{GS_INTEGRERING, GC_SUM_YEAR1_5, GK_BARN, "per_person_5yr_sum", 0, 0, false},
	{GS_INTEGRERING, GC_SUM_YEAR1_5, GK_ENSLIG_MINDREARIG, "per_person_5yr_sum", 0, 0, false},
	{GS_ELDRE, GC_ONE_TIME, GK_ELDRE_60PLUSS, "per_person_one_time", 0, 0, true},
	{GS_BARNEHAGE, GC_ONE_TIME, GK_BARN_0_5, "per_person_one_time", 0, 0, true},
	{GS_EM, GC_PER_YEAR, GK_ENSLIG_MINDREARIG, "per_person_per_year", 0, 2016, true},
	{GS_EM, GC_PER_YEAR, GK_EM_0_16, "per_person_per_year", 2017, 0, true},
	{GS_EM, GC_PER_YEAR, GK_EM_17_20, "per_person_per_year", 2017, 0, true},
	{GS_EM_REFUSJON, GC_EGENANDEL, GK_ENSLIG_MINDREARIG, "per_child_per_month", 0, 2016, false},
	{GS_FUNKSJON, GC_TILSKUDD1, GK_NEDSATT_FUNKSJONSEVNE, "per_person_one_time", 0, 0, true},
	{GS_FUNKSJON, GC_TILSKUDD2_MAX, GK_NEDSATT_FUNKSJONSEVNE, "per_person_per_year", 0, 0, true},
	{GS_NORSK, GC_PERSONTILSKUDD, GK_LAV_SATS, "per_person", 0, 0, false},
	{GS_NORSK, GC_PERSONTILSKUDD, GK_HOY_SATS, "per_person", 0, 0, false},
	{GS_NORSK, GC_PERSONTILSKUDD_SUM_3YR, GK_LAV_SATS, "per_person_3yr_sum", 0, 0, false},
	{GS_NORSK, GC_PERSONTILSKUDD_SUM_3YR, GK_HOY_SATS, "per_person_3yr_sum", 0, 0, false},
	{GS_NORSK, GC_GRUNNTILSKUDD, GK_KOMMUNE_1_3, "per_municipality_per_year", 0, 0, false},
	{GS_NORSK, GC_GRUNNTILSKUDD, GK_KOMMUNE_4_150, "per_municipality_per_year", 0, 0, false},
	{GS_NORSK_KOLLEKTIV, GC_PERSONTILSKUDD, GK_KOLLEKTIV_BESKYTTELSE, "per_person", 2023, 0, false},
	{GS_EKSTRA_BOSETTING, GC_ONE_TIME, GK_UTOVER_ANMODNING, "per_person_one_time", 2016, 2017, true},
	{GS_EKSTRA_EM, GC_ONE_TIME, GK_ENSLIG_MINDREARIG, "per_person_one_time", 2016, 2017, true},
	{GS_EKSTRA_INSTITUSJON, GC_ONE_TIME, GK_FRA_INSTITUSJON, "per_person_one_time", 2017, 2017, true},
	{GS_KOMPENSASJON, GC_ONE_TIME, GK_UBENYTTET_VEDTAKSPLASS, "per_place", 2022, 2022, true},
};

#define NKINDS ((int) (sizeof(kinds) / sizeof(kinds[0])))

const char *
grant_scheme_name(int s)
{
	return (s >= 0 && s < GS_NSCHEMES) ? scheme_names[s] : "?";
}

const char *
grant_component_name(int c)
{
	return (c >= 0 && c < GC_NCOMPONENTS) ? component_names[c] : "?";
}

const char *
grant_category_name(int c)
{
	return (c >= 0 && c < GK_NCATEGORIES) ? category_names[c] : "?";
}

static int
lookup(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int
grant_scheme_lookup(const char *name)
{
	return lookup(scheme_names, GS_NSCHEMES, name);
}

int
grant_component_lookup(const char *name)
{
	return lookup(component_names, GC_NCOMPONENTS, name);
}

int
grant_category_lookup(const char *name)
{
	return lookup(category_names, GK_NCATEGORIES, name);
}

const grant_scheme_info *
grant_scheme_get(int scheme)
{
	return (scheme >= 0 && scheme < GS_NSCHEMES) ? &scheme_info[scheme] : NULL;
}

bool
grant_scheme_in_force(int scheme, int year)
{
	const grant_scheme_info *i = grant_scheme_get(scheme);

	if (i == NULL)
		return false;
	if (i->first_year && year < i->first_year)
		return false;
	if (i->last_year && year > i->last_year)
		return false;
	return true;
}

const grant_rate_kind *
grant_rate_kinds(int *nkinds)
{
	*nkinds = NKINDS;
	return kinds;
}

const grant_rate_kind *
grant_rate_kind_find(int scheme, int component, int category)
{
	for (int i = 0; i < NKINDS; i++)
		if ((int) kinds[i].scheme == scheme && (int) kinds[i].component == component &&
			(int) kinds[i].category == category)
			return &kinds[i];
	return NULL;
}

static void
set_error(grant_error *err, grant_errcode code, int scheme, int component,
		  int category, int year, int first_year)
{
	err->code = code;
	err->scheme = scheme;
	err->component = component;
	err->category = category;
	err->year = year;
	err->first_year = first_year;
	if (code == GE_NO_RATE)
		snprintf(err->message, sizeof(err->message),
				 "no rate for %s %s %s in any budget year",
				 grant_scheme_name(scheme), grant_component_name(component),
				 grant_category_name(category));
	else if (code == GE_BEFORE_FIRST)
		snprintf(err->message, sizeof(err->message),
				 "no rate for %s %s %s in budget year %d: the first published rate is for %d",
				 grant_scheme_name(scheme), grant_component_name(component),
				 grant_category_name(category), year, first_year);
}

static bool
bad_input(grant_error *err, const char *message)
{
	err->code = GE_BAD_INPUT;
	err->scheme = err->component = err->category = -1;
	err->year = err->first_year = 0;
	snprintf(err->message, sizeof(err->message), "%s", message);
	return false;
}

static bool
grant_year_ok(int year)
{
	return year >= GRANT_MIN_YEAR && year <= GRANT_MAX_YEAR;
}

bool
grant_add_product(int64_t *acc, int64_t count, int64_t amount)
{
	int64_t		product,
				sum;

	if (__builtin_mul_overflow(count, amount, &product) ||
		__builtin_add_overflow(*acc, product, &sum))
		return false;
	*acc = sum;
	return true;
}

static bool
overflow(grant_error *err, const char *what)
{
	bad_input(err, what);
	err->code = GE_OVERFLOW;
	return false;
}

bool
grant_rate_at(const grant_rates *t, int scheme, int component, int category,
			  int year, int64_t *amount, int *basis_year, grant_error *err)
{
	int			best = -1;
	int			first = 0;
	bool		band = (scheme == GS_EM &&
						(category == GK_EM_0_16 || category == GK_EM_17_20));

	for (int i = 0; i < t->nrows; i++)
	{
		const grant_rate *r = &t->rows[i];
		bool		exact;

		if ((int) r->scheme != scheme || (int) r->component != component)
			continue;
		exact = ((int) r->category == category);
		if (!exact && !(band && r->category == GK_ENSLIG_MINDREARIG))
			continue;
		if (first == 0 || r->budget_year < first)
			first = r->budget_year;
		if (r->budget_year > year)
			continue;
		if (best < 0 || r->budget_year > t->rows[best].budget_year ||
			(r->budget_year == t->rows[best].budget_year && exact))
			best = i;
	}
	if (best >= 0)
	{
		*amount = t->rows[best].amount;
		*basis_year = t->rows[best].budget_year;
		return true;
	}
	set_error(err, first ? GE_BEFORE_FIRST : GE_NO_RATE, scheme, component,
			  category, year, first);
	return false;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return (m == 2 && is_leap(y)) ? 29 : d[m - 1];
}

static long
date_key(grant_date d)
{
	return (long) d.year * 10000L + d.month * 100 + d.day;
}

bool
grant_has_turned(grant_date birth, grant_date on, int years)
{
	grant_date b = birth;

	b.year += years;
	if (b.month >= 1 && b.month <= 12 && b.day > days_in_month(b.year, b.month))
		b.day = days_in_month(b.year, b.month);
	return date_key(on) >= date_key(b);
}

static bool
valid_date(grant_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
		d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

static bool
person_common(grant_date birth, grant_date settled, grant_person *p,
			  grant_error *err)
{
	char		msg[200];

	if (!valid_date(birth) || !valid_date(settled))
		return bad_input(err, "birth_date and settled_on must be valid dates");
	if (date_key(settled) < date_key(birth))
	{
		snprintf(msg, sizeof(msg),
				 "settled_on %04d-%02d-%02d is before birth_date %04d-%02d-%02d",
				 settled.year, settled.month, settled.day,
				 birth.year, birth.month, birth.day);
		return bad_input(err, msg);
	}
	if (settled.year - birth.year > 130)
	{
		snprintf(msg, sizeof(msg),
				 "birth_date %04d-%02d-%02d makes the person %d years old in %d",
				 birth.year, birth.month, birth.day,
				 settled.year - birth.year, settled.year);
		return bad_input(err, msg);
	}
	memset(p, 0, sizeof(*p));
	p->birth_year = birth.year;
	p->settle_year = settled.year;
	p->elderly = grant_has_turned(birth, settled, 60);
	p->small_child = !grant_has_turned(birth, settled, 6);
	return true;
}

/* Adult from the calendar year the person turns 18 (grants.md 3.1). */
static bool
adult_in_year(int birth_year, int year)
{
	return (int64_t) year - birth_year >= 18;
}

grant_person_category
grant_category_of(int birth_year, int settle_year, bool unaccompanied,
				  bool alone)
{
	if (unaccompanied)
		return GP_ENSLIG_MINDREARIG;
	if (adult_in_year(birth_year, settle_year))
		return alone ? GP_ENSLIG_VOKSEN : GP_VOKSEN;
	return GP_BARN;
}

bool
grant_person_from_dates(grant_date birth, grant_date settled,
						bool single_adult, bool unaccompanied,
						grant_person *p, grant_error *err)
{
	char		msg[200];

	if (!person_common(birth, settled, p, err))
		return false;
	if (single_adult && unaccompanied)
		return bad_input(err, "a person cannot be both single_adult and unaccompanied: an unaccompanied minor has the category enslig_mindrearig");
	p->category = grant_category_of(birth.year, settled.year, unaccompanied,
									single_adult);
	if (single_adult && p->category == GP_BARN)
	{
		snprintf(msg, sizeof(msg),
				 "a person born in %d is a child in %d and cannot be a single adult: adults are counted from the calendar year they turn 18",
				 birth.year, settled.year);
		return bad_input(err, msg);
	}
	return true;
}

bool
grant_person_from_category(grant_date birth, grant_date settled,
						   const char *category, grant_person *p,
						   grant_error *err)
{
	char		msg[256];
	bool		adult;

	if (!person_common(birth, settled, p, err))
		return false;
	adult = adult_in_year(birth.year, settled.year);
	if (strcmp(category, "enslig_voksen") == 0 || strcmp(category, "voksen") == 0)
	{
		if (!adult)
		{
			snprintf(msg, sizeof(msg),
					 "category %s needs an adult, but a person born in %d is a child in %d (adults are counted from the calendar year they turn 18)",
					 category, birth.year, settled.year);
			return bad_input(err, msg);
		}
		p->category = category[0] == 'e' ? GP_ENSLIG_VOKSEN : GP_VOKSEN;
	}
	else if (strcmp(category, "barn") == 0)
	{
		if (adult)
		{
			snprintf(msg, sizeof(msg),
					 "category barn needs a child, but a person born in %d is an adult in %d",
					 birth.year, settled.year);
			return bad_input(err, msg);
		}
		p->category = GP_BARN;
	}
	else if (strcmp(category, "enslig_mindrearig") == 0)
		p->category = GP_ENSLIG_MINDREARIG;
	else
	{
		snprintf(msg, sizeof(msg),
				 "unknown category \"%.60s\": use enslig_voksen, voksen, barn or enslig_mindrearig",
				 category);
		return bad_input(err, msg);
	}
	return true;
}

static const grant_category year1_category[] = {
	[GP_ENSLIG_VOKSEN] = GK_ENSLIG_VOKSEN,
	[GP_VOKSEN] = GK_VOKSEN,
	[GP_BARN] = GK_BARN,
	[GP_ENSLIG_MINDREARIG] = GK_ENSLIG_MINDREARIG,
};

typedef struct schedule_state
{
	const grant_rates *t;
	grant_line *out;
	int			n;
	int			from_year;
	int			to_year;
} schedule_state;

static bool
add_line(schedule_state *st, int year, int index,
		 grant_scheme s, grant_component c, grant_category k, grant_error *err)
{
	grant_line *l = &st->out[st->n];

	if (year < st->from_year || year > st->to_year)
		return true;			/* outside the years asked for: no look-up */
	if (st->n >= GRANT_MAX_LINES)
		return bad_input(err, "internal limit of schedule lines reached");
	if (!grant_rate_at(st->t, s, c, k, year, &l->amount, &l->basis_year, err))
		return false;
	l->budget_year = year;
	l->year_index = index;
	l->scheme = s;
	l->component = c;
	l->category = k;
	st->n++;
	return true;
}

#define WANT(mask, s) (((mask) >> (s)) & 1u)

int
grant_person_schedule(const grant_rates *t, const grant_person *p,
					  uint32_t mask, grant_line *out, grant_error *err)
{
	return grant_person_schedule_range(t, p, mask, INT_MIN, INT_MAX, out, err);
}

int
grant_person_schedule_range(const grant_rates *t, const grant_person *p,
							uint32_t mask, int from_year, int to_year,
							grant_line *out, grant_error *err)
{
	schedule_state st = {t, out, 0, from_year, to_year};
	int			n;
	int			y1 = p->settle_year;
	bool		em = (p->category == GP_ENSLIG_MINDREARIG);

	err->code = GE_OK;
	if ((int) p->category < 0 || p->category > GP_ENSLIG_MINDREARIG)
		return bad_input(err, "unknown person category"), -1;
	if (!grant_year_ok(p->birth_year) || !grant_year_ok(p->settle_year) ||
		p->settle_year < p->birth_year)
	{
		char		msg[160];

		snprintf(msg, sizeof(msg),
				 "birth year %d and settlement year %d must lie in %d..%d, birth first",
				 p->birth_year, p->settle_year, GRANT_MIN_YEAR, GRANT_MAX_YEAR);
		return bad_input(err, msg), -1;
	}

	for (int k = 1; k <= 5; k++)
	{
		int			y = y1 + k - 1;

		/* år k of integreringstilskudd: the år-k rate of budget year y */
		if (WANT(mask, GS_INTEGRERING) && grant_scheme_in_force(GS_INTEGRERING, y) &&
			!add_line(&st, y, k, GS_INTEGRERING, (grant_component) (GC_YEAR1 + k - 1),
					  k == 1 ? year1_category[p->category] : GK_ALLE, err))
			return -1;
		if (k == 1)
		{
			if (WANT(mask, GS_ELDRE) && p->elderly && p->category != GP_BARN &&
				grant_scheme_in_force(GS_ELDRE, y) &&
				!add_line(&st, y, 1, GS_ELDRE, GC_ONE_TIME, GK_ELDRE_60PLUSS, err))
				return -1;
			if (WANT(mask, GS_BARNEHAGE) && p->small_child &&
				grant_scheme_in_force(GS_BARNEHAGE, y) &&
				!add_line(&st, y, 1, GS_BARNEHAGE, GC_ONE_TIME, GK_BARN_0_5, err))
				return -1;
			if (WANT(mask, GS_EKSTRA_EM) && em && grant_scheme_in_force(GS_EKSTRA_EM, y) &&
				!add_line(&st, y, 1, GS_EKSTRA_EM, GC_ONE_TIME, GK_ENSLIG_MINDREARIG, err))
				return -1;
			if (WANT(mask, GS_EKSTRA_BOSETTING) && p->beyond_request &&
				grant_scheme_in_force(GS_EKSTRA_BOSETTING, y) &&
				!add_line(&st, y, 1, GS_EKSTRA_BOSETTING, GC_ONE_TIME, GK_UTOVER_ANMODNING, err))
				return -1;
			if (WANT(mask, GS_EKSTRA_INSTITUSJON) && p->from_institution &&
				grant_scheme_in_force(GS_EKSTRA_INSTITUSJON, y) &&
				!add_line(&st, y, 1, GS_EKSTRA_INSTITUSJON, GC_ONE_TIME, GK_FRA_INSTITUSJON, err))
				return -1;
			if (WANT(mask, GS_FUNKSJON) && p->disability == GD_TILSKUDD1 &&
				grant_scheme_in_force(GS_FUNKSJON, y) &&
				!add_line(&st, y, 1, GS_FUNKSJON, GC_TILSKUDD1, GK_NEDSATT_FUNKSJONSEVNE, err))
				return -1;
		}
		if (WANT(mask, GS_FUNKSJON) && p->disability == GD_TILSKUDD2 &&
			grant_scheme_in_force(GS_FUNKSJON, y) &&
			!add_line(&st, y, k, GS_FUNKSJON, GC_TILSKUDD2_MAX, GK_NEDSATT_FUNKSJONSEVNE, err))
			return -1;
	}

	/*
	 * The unaccompanied-minor grant: every year from settlement up to and
	 * including the year the person turns 20; one rate for all ages before
	 * 2017, then the band of the year (turns <= 16 / 17-20).
	 */
	if (WANT(mask, GS_EM) && em)
	{
		for (int y = y1; y <= p->birth_year + 20; y++)
		{
			grant_category band;

			if (!grant_scheme_in_force(GS_EM, y))
				continue;
			if (y < 2017)
				band = GK_ENSLIG_MINDREARIG;
			else
				band = (y - p->birth_year <= 16) ? GK_EM_0_16 : GK_EM_17_20;
			if (!add_line(&st, y, y - y1 + 1, GS_EM, GC_PER_YEAR, band, err))
				return -1;
		}
	}

	n = st.n;
	/* budget-year order, stable (insertion sort: at most GRANT_MAX_LINES) */
	for (int i = 1; i < n; i++)
	{
		grant_line	l = out[i];
		int			j = i - 1;

		while (j >= 0 && out[j].budget_year > l.budget_year)
		{
			out[j + 1] = out[j];
			j--;
		}
		out[j + 1] = l;
	}
	return n;
}

bool
grant_cross_section(const grant_rates *t, int year, int category,
					int64_t *amount, int *basis_year, bool *from_sum,
					grant_error *err)
{
	int64_t		sum = 0,
				a;
	int			newest = 0,
				oldest = 0,
				b;
	bool		components = true;
	grant_error comp_err = {0};
	int64_t		psum = 0;
	int			pyear = 0;
	bool		have_sum;

	if (category != GK_ENSLIG_VOKSEN && category != GK_VOKSEN &&
		category != GK_BARN && category != GK_ENSLIG_MINDREARIG)
	{
		char		msg[160];

		snprintf(msg, sizeof(msg),
				 "category %s has no integreringstilskudd: use enslig_voksen, voksen, barn or enslig_mindrearig",
				 grant_category_name(category));
		return bad_input(err, msg);
	}
	for (int k = 0; k < 5 && components; k++)
	{
		if (!grant_rate_at(t, GS_INTEGRERING, GC_YEAR1 + k,
						   k == 0 ? category : GK_ALLE, year, &a, &b, &comp_err))
			components = false;
		else
		{
			sum += a;
			if (b > newest)
				newest = b;
			if (oldest == 0 || b < oldest)
				oldest = b;
		}
	}
	have_sum = grant_rate_at(t, GS_INTEGRERING, GC_SUM_YEAR1_5, category, year,
							 &psum, &pyear, err);
	if (components && (!have_sum || newest >= pyear))
	{
		*amount = sum;
		*basis_year = oldest;
		*from_sum = false;
		err->code = GE_OK;
		return true;
	}
	if (have_sum)
	{
		*amount = psum;
		*basis_year = pyear;
		*from_sum = true;
		return true;
	}
	/* neither: report the more useful of the two errors */
	if (comp_err.code == GE_BEFORE_FIRST &&
		(err->code != GE_BEFORE_FIRST || comp_err.first_year < err->first_year))
		*err = comp_err;
	return false;
}

bool
grant_beyond_request(const grant_rates *t, int year, int64_t settled,
					 int64_t requested, int64_t *persons, int64_t *amount,
					 int *basis_year, grant_error *err)
{
	int64_t		rate;

	*persons = 0;
	*amount = 0;
	*basis_year = 0;
	if (settled < 0 || requested < 0)
		return bad_input(err, "settled and requested must not be negative");
	if (!grant_scheme_in_force(GS_EKSTRA_BOSETTING, year) || settled <= requested)
		return true;
	if (!grant_rate_at(t, GS_EKSTRA_BOSETTING, GC_ONE_TIME, GK_UTOVER_ANMODNING,
					   year, &rate, basis_year, err))
		return false;
	*persons = settled - requested;
	if (!grant_add_product(amount, *persons, rate))
		return overflow(err, "the grant for persons settled beyond the request is out of range");
	return true;
}

bool
grant_unused_places(const grant_rates *t, int year, int64_t decided,
					int64_t requested, int64_t settled, int64_t *places,
					int64_t *amount, int *basis_year, grant_error *err)
{
	int64_t		rate,
				within;

	*places = 0;
	*amount = 0;
	*basis_year = 0;
	if (decided < 0 || requested < 0 || settled < 0)
		return bad_input(err, "decided, requested and settled must not be negative");
	if (!grant_scheme_in_force(GS_KOMPENSASJON, year))
		return true;
	within = decided < requested ? decided : requested;
	if (within <= settled)
		return true;
	if (!grant_rate_at(t, GS_KOMPENSASJON, GC_ONE_TIME, GK_UBENYTTET_VEDTAKSPLASS,
					   year, &rate, basis_year, err))
		return false;
	*places = within - settled;
	if (!grant_add_product(amount, *places, rate))
		return overflow(err, "the compensation for unused places is out of range");
	return true;
}

/* A remainder and its share, sorted largest first, ties to the lower index. */
typedef struct split_rem
{
	int64_t		rem;
	int			index;
} split_rem;

static int
split_rem_cmp(const void *a, const void *b)
{
	const split_rem *x = a,
			   *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

size_t
grant_split_work_size(int n)
{
	return sizeof(split_rem) * (size_t) (n > 0 ? n : 1);
}

bool
grant_split(int64_t total, const int64_t *w, int n, int64_t *out, void *work)
{
	split_rem  *r = work;
	int64_t		wsum = 0,
				given = 0;

	if (n <= 0 || n > GRANT_SPLIT_MAX_SHARES || total < 0 ||
		total > GRANT_SPLIT_MAX_TOTAL)
		return false;
	for (int i = 0; i < n; i++)
	{
		/* at most 2^16 weights of 2^40: the sum stays below 2^56 */
		if (w[i] < 0 || w[i] > GRANT_SPLIT_MAX_WEIGHT)
			return false;
		wsum += w[i];
	}
	if (wsum == 0)
		return false;
	/* floors and remainders: total * w < 2^60 */
	for (int i = 0; i < n; i++)
	{
		out[i] = (total * w[i]) / wsum;
		r[i].rem = (total * w[i]) % wsum;
		r[i].index = i;
		given += out[i];
	}
	/* fewer than n units are left: one each to the largest remainders */
	if (given < total)
	{
		qsort(r, (size_t) n, sizeof(split_rem), split_rem_cmp);
		for (int j = 0; given < total; j++, given++)
			out[r[j].index]++;
	}
	return true;
}
