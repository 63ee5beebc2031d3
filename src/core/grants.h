/*
 * grants.h: the rule engine for the state grants a Norwegian municipality
 * receives for the refugees it settles (research/grants.md), without
 * PostgreSQL.  Money is exact: integer øre (1 NOK = 100 øre) in int64_t.
 *
 * Rates are keyed by (budget year, scheme, component, category).  The engine
 * never invents a rate: a budget year without a published rate uses the
 * nearest earlier published year's rate and reports that year (basis_year);
 * a year before the first published one, or a scheme without any rate, is an
 * error the caller reports.
 */
#ifndef BOSETTING_GRANTS_H
#define BOSETTING_GRANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Schemes (grants.md section 1). */
typedef enum grant_scheme
{
	GS_INTEGRERING = 0,			/* integreringstilskudd, år 1-5 */
	GS_ELDRE,					/* eldretilskudd, one-time */
	GS_BARNEHAGE,				/* barnehagetilskudd, one-time */
	GS_EM,						/* em_tilskudd, yearly to the year of 20 */
	GS_EM_REFUSJON,				/* em_barnevern_refusjon (until 2016) */
	GS_FUNKSJON,				/* funksjon_tilskudd (disability) */
	GS_NORSK,					/* norsktilskudd */
	GS_NORSK_KOLLEKTIV,			/* norsktilskudd_kollektiv */
	GS_EKSTRA_BOSETTING,		/* ekstratilskudd_bosetting (2016-2017) */
	GS_EKSTRA_EM,				/* ekstratilskudd_em (2016-2017) */
	GS_EKSTRA_INSTITUSJON,		/* ekstratilskudd_institusjon (2017) */
	GS_KOMPENSASJON,			/* kompensasjon_ubenyttet_plass (2022) */
	GS_NSCHEMES
} grant_scheme;

typedef enum grant_component
{
	GC_YEAR1 = 0, GC_YEAR2, GC_YEAR3, GC_YEAR4, GC_YEAR5,
	GC_SUM_YEAR1_5,
	GC_PER_YEAR,
	GC_ONE_TIME,
	GC_EGENANDEL,
	GC_TILSKUDD1,
	GC_TILSKUDD2_MAX,
	GC_PERSONTILSKUDD,
	GC_PERSONTILSKUDD_SUM_3YR,
	GC_GRUNNTILSKUDD,
	GC_NCOMPONENTS
} grant_component;

typedef enum grant_category
{
	GK_ENSLIG_VOKSEN = 0,
	GK_VOKSEN,
	GK_BARN,
	GK_ENSLIG_MINDREARIG,
	GK_EM_0_16,
	GK_EM_17_20,
	GK_ALLE,
	GK_ELDRE_60PLUSS,
	GK_BARN_0_5,
	GK_UTOVER_ANMODNING,
	GK_FRA_INSTITUSJON,
	GK_NEDSATT_FUNKSJONSEVNE,
	GK_LAV_SATS,
	GK_HOY_SATS,
	GK_KOMMUNE_1_3,
	GK_KOMMUNE_4_150,
	GK_KOLLEKTIV_BESKYTTELSE,
	GK_UBENYTTET_VEDTAKSPLASS,
	GK_NCATEGORIES
} grant_category;

/* Names as in grant_rates.csv; lookups return -1 for an unknown name. */
const char *grant_scheme_name(int scheme);
const char *grant_component_name(int component);
const char *grant_category_name(int category);
int			grant_scheme_lookup(const char *name);
int			grant_component_lookup(const char *name);
int			grant_category_lookup(const char *name);

/* When a scheme was in force (0 = not known to be bounded), with the source. */
typedef struct grant_scheme_info
{
	int			first_year;
	int			last_year;
	bool		used_by_rules;	/* the rule engine pays it */
	const char *description;
	const char *source;
} grant_scheme_info;
const grant_scheme_info *grant_scheme_get(int scheme);
bool		grant_scheme_in_force(int scheme, int year);

/*
 * The kinds of rate that exist: (scheme, component, category, unit), with the
 * years the kind applies to (0 = open) and whether a complete budget year
 * needs it (the rule engine uses it).
 */
typedef struct grant_rate_kind
{
	grant_scheme scheme;
	grant_component component;
	grant_category category;
	const char *unit;
	int			first_year;
	int			last_year;
	bool		required;
} grant_rate_kind;
const grant_rate_kind *grant_rate_kinds(int *nkinds);
/* The kind of a key, or NULL when no such combination exists. */
const grant_rate_kind *grant_rate_kind_find(int scheme, int component, int category);

/* One published rate. */
typedef struct grant_rate
{
	int			budget_year;
	grant_scheme scheme;
	grant_component component;
	grant_category category;
	int64_t		amount;			/* øre */
} grant_rate;

typedef struct grant_rates
{
	const grant_rate *rows;
	int			nrows;
} grant_rates;

typedef enum grant_errcode
{
	GE_OK = 0,
	GE_BAD_INPUT,				/* message says what */
	GE_NO_RATE,					/* the kind has no rate in any year */
	GE_BEFORE_FIRST,			/* year before the first published rate */
	GE_OVERFLOW					/* an amount or count beyond int64 */
} grant_errcode;

typedef struct grant_error
{
	grant_errcode code;
	int			scheme;
	int			component;
	int			category;
	int			year;
	int			first_year;		/* GE_BEFORE_FIRST: the first published year */
	char		message[256];
} grant_error;

/*
 * The rate of a kind in a budget year: the newest published rate at or before
 * the year.  For the em_tilskudd age bands (from 2017) the single rate for all
 * ages (category enslig_mindrearig) of an earlier year counts as the rate of
 * every band.  *basis_year is the budget year the rate was published for.
 */
bool		grant_rate_at(const grant_rates *t, int scheme, int component,
						  int category, int year, int64_t *amount,
						  int *basis_year, grant_error *err);

/*
 * Years the engine computes with: budget, settlement and birth years outside
 * these are bad input, so year arithmetic (år 1-5, the year of 20) never
 * comes near int overflow and every loop over years is short.
 */
#define GRANT_MIN_YEAR 1
#define GRANT_MAX_YEAR 9999

/* A person as the rules see them. */
typedef enum grant_person_category
{
	GP_ENSLIG_VOKSEN = 0,		/* single adult */
	GP_VOKSEN,					/* adult in a family */
	GP_BARN,					/* child in a family */
	GP_ENSLIG_MINDREARIG		/* unaccompanied minor */
} grant_person_category;

typedef enum grant_disability
{
	GD_NONE = 0,
	GD_TILSKUDD1,				/* one-time grant in år 1 */
	GD_TILSKUDD2				/* yearly grant, capped, år 1-5 */
} grant_disability;

typedef struct grant_person
{
	int			birth_year;
	int			settle_year;	/* år 1 */
	grant_person_category category;
	bool		elderly;		/* had turned 60 on the settlement date */
	bool		small_child;	/* had not turned 6 on the settlement date */
	grant_disability disability;
	bool		beyond_request; /* settled beyond the municipality's request */
	bool		from_institution;	/* settled from an institution (2017) */
} grant_person;

/* Dates as plain year/month/day. */
typedef struct grant_date
{
	int			year;
	int			month;
	int			day;
} grant_date;

/*
 * Whether a person born on `birth` had turned `years` on `on`: on >= birth +
 * years, with 29 February moved to 28 February in a common year (PostgreSQL's
 * date + interval does the same).
 */
bool		grant_has_turned(grant_date birth, grant_date on, int years);

/*
 * The person-category rule (grants.md 3.1), the one place it is written:
 * an unaccompanied minor stays one; otherwise an adult from the calendar
 * year the person turns 18 (single when settled alone), else a child.
 */
grant_person_category grant_category_of(int birth_year, int settle_year,
										bool unaccompanied, bool alone);

/*
 * Build a person from dates and the two flags of grant_schedule(): category
 * unaccompanied minor, else adult (from the calendar year they turn 18)
 * single or in a family, else child.  Bad input (settled before birth, a
 * single adult who is a child, both flags): false and err.
 */
bool		grant_person_from_dates(grant_date birth, grant_date settled,
									bool single_adult, bool unaccompanied,
									grant_person *p, grant_error *err);

/* Same, with the category given by name (enslig_voksen, voksen, barn, enslig_mindrearig). */
bool		grant_person_from_category(grant_date birth, grant_date settled,
									   const char *category,
									   grant_person *p, grant_error *err);

/* One line of a schedule. */
typedef struct grant_line
{
	int			budget_year;
	int			year_index;		/* 1 = settlement year */
	grant_scheme scheme;
	grant_component component;
	grant_category category;
	int64_t		amount;			/* øre */
	int			basis_year;		/* year the rate was published for */
} grant_line;

#define GRANT_MAX_LINES 64
#define GRANT_ALL_SCHEMES 0xFFFFFFFFu

/*
 * *acc += count * amount, or false (and *acc unchanged) when the product or
 * the sum leaves int64: the caller reports numeric overflow.
 */
bool		grant_add_product(int64_t *acc, int64_t count, int64_t amount);

/*
 * Every grant the person brings: fills out[] (room for GRANT_MAX_LINES) in
 * budget-year order and returns the count, or -1 with err.  scheme_mask
 * selects schemes (bit 1 << scheme).
 */
int			grant_person_schedule(const grant_rates *t, const grant_person *p,
								  uint32_t scheme_mask, grant_line *out,
								  grant_error *err);

/* Same, with only the lines of budget years from_year..to_year (no look-up outside). */
int			grant_person_schedule_range(const grant_rates *t, const grant_person *p,
										uint32_t scheme_mask, int from_year,
										int to_year, grant_line *out,
										grant_error *err);

/*
 * The published "5-year total" of a budget year for a category: the år 1-5
 * rates of that ONE budget year added up (grants.md section 2).  Uses the
 * components when they are as recent as any published sum, else the
 * published sum.  *basis_year: the oldest year used; *from_sum: whether a
 * published sum was used.
 */
bool		grant_cross_section(const grant_rates *t, int year, int category,
								int64_t *amount, int *basis_year,
								bool *from_sum, grant_error *err);

/*
 * Municipality-level schemes.  Beyond the request (2016-2017): persons =
 * max(0, settled - requested).  Unused decided places (2022): places =
 * max(0, min(decided, requested) - settled); only places voted within the
 * request count.  Outside the scheme's years: 0 persons, true.
 */
bool		grant_beyond_request(const grant_rates *t, int year, int64_t settled,
								 int64_t requested, int64_t *persons,
								 int64_t *amount, int *basis_year,
								 grant_error *err);
bool		grant_unused_places(const grant_rates *t, int year, int64_t decided,
								int64_t requested, int64_t settled,
								int64_t *places, int64_t *amount,
								int *basis_year, grant_error *err);

/*
 * Split `total` integer units over n shares in proportion to weights
 * (non-negative, each at most GRANT_SPLIT_MAX_WEIGHT, not all zero) by
 * largest remainder; ties to the lower index.  Exact integer arithmetic,
 * O(n log n): the floors, then one sort of the remainders.  work holds
 * grant_split_work_size(n) bytes.  Returns false on bad input (total
 * negative or above GRANT_SPLIT_MAX_TOTAL, n outside 1..GRANT_SPLIT_MAX_SHARES,
 * bad weights).
 */
#define GRANT_SPLIT_MAX_TOTAL	(INT64_C(1) << 20)
#define GRANT_SPLIT_MAX_WEIGHT	(INT64_C(1) << 40)
#define GRANT_SPLIT_MAX_SHARES	(1 << 16)
size_t		grant_split_work_size(int n);
bool		grant_split(int64_t total, const int64_t *weights, int n, int64_t *out,
						void *work);

#endif
