/*
 * test_grants.c: the grant rule engine (src/core/grants.c).  The rates here
 * are made-up round numbers that make each rule visible; the published
 * rates and the worked examples of the issue are tested against
 * grant_rates.csv in sql/cost_*.sql.
 */
#include "grants.h"
#include "tap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define NOK(x) ((int64_t) (x) * 100)
#define R(y, s, c, k, a) {y, s, c, k, NOK(a)}

static const grant_rate rows[] = {
	R(2014, GS_INTEGRERING, GC_SUM_YEAR1_5, GK_ENSLIG_VOKSEN, 700000),
	R(2014, GS_INTEGRERING, GC_SUM_YEAR1_5, GK_VOKSEN, 650000),
	R(2016, GS_EM, GC_PER_YEAR, GK_ENSLIG_MINDREARIG, 200000),
	R(2016, GS_EKSTRA_EM, GC_ONE_TIME, GK_ENSLIG_MINDREARIG, 100000),
	R(2016, GS_EKSTRA_BOSETTING, GC_ONE_TIME, GK_UTOVER_ANMODNING, 50000),
	R(2017, GS_INTEGRERING, GC_YEAR1, GK_ENSLIG_VOKSEN, 250000),
	R(2017, GS_INTEGRERING, GC_YEAR1, GK_VOKSEN, 200000),
	R(2017, GS_INTEGRERING, GC_YEAR1, GK_BARN, 190000),
	R(2017, GS_INTEGRERING, GC_YEAR1, GK_ENSLIG_MINDREARIG, 180000),
	R(2017, GS_INTEGRERING, GC_YEAR2, GK_ALLE, 200000),
	R(2017, GS_INTEGRERING, GC_YEAR3, GK_ALLE, 150000),
	R(2017, GS_INTEGRERING, GC_YEAR4, GK_ALLE, 80000),
	R(2017, GS_INTEGRERING, GC_YEAR5, GK_ALLE, 70000),
	R(2019, GS_INTEGRERING, GC_YEAR3, GK_ALLE, 160000),
	R(2017, GS_ELDRE, GC_ONE_TIME, GK_ELDRE_60PLUSS, 160000),
	R(2017, GS_BARNEHAGE, GC_ONE_TIME, GK_BARN_0_5, 25000),
	R(2017, GS_EKSTRA_INSTITUSJON, GC_ONE_TIME, GK_FRA_INSTITUSJON, 500000),
	R(2019, GS_FUNKSJON, GC_TILSKUDD1, GK_NEDSATT_FUNKSJONSEVNE, 190000),
	R(2019, GS_FUNKSJON, GC_TILSKUDD2_MAX, GK_NEDSATT_FUNKSJONSEVNE, 1300000),
	R(2022, GS_KOMPENSASJON, GC_ONE_TIME, GK_UBENYTTET_VEDTAKSPLASS, 50000),
	R(2023, GS_EM, GC_PER_YEAR, GK_EM_0_16, 1100000),
	R(2023, GS_EM, GC_PER_YEAR, GK_EM_17_20, 700000),
};
static const grant_rates T = {rows, (int) (sizeof(rows) / sizeof(rows[0]))};

static grant_date
D(int y, int m, int d)
{
	grant_date r = {y, m, d};

	return r;
}

static int64_t
total(const grant_line *l, int n, int scheme)
{
	int64_t		s = 0;

	for (int i = 0; i < n; i++)
		if (scheme < 0 || (int) l[i].scheme == scheme)
			s += l[i].amount;
	return s;
}

static int
count(const grant_line *l, int n, int scheme)
{
	int			c = 0;

	for (int i = 0; i < n; i++)
		if ((int) l[i].scheme == scheme)
			c++;
	return c;
}

int
main(void)
{
	grant_error e;
	grant_person p;
	grant_line  l[GRANT_MAX_LINES];
	int64_t		a,
				n64;
	int			b,
				n;
	bool		fs,
				all_named = true;

	/* names */
	for (int i = 0; i < GS_NSCHEMES; i++)
		all_named &= grant_scheme_lookup(grant_scheme_name(i)) == i;
	for (int i = 0; i < GC_NCOMPONENTS; i++)
		all_named &= grant_component_lookup(grant_component_name(i)) == i;
	for (int i = 0; i < GK_NCATEGORIES; i++)
		all_named &= grant_category_lookup(grant_category_name(i)) == i;
	ok(all_named, "every scheme, component and category name looks up to itself");
	ok(grant_scheme_lookup("integrasjonstilskudd") == -1, "an unknown scheme name is -1");
	{
		int			nk;
		const grant_rate_kind *k = grant_rate_kinds(&nk);
		bool		kinds_ok = nk > 20;

		for (int i = 0; i < nk; i++)
			kinds_ok &= grant_rate_kind_find(k[i].scheme, k[i].component, k[i].category) == &k[i];
		ok(kinds_ok, "every rate kind is found by its key, and keys are unique");
		ok(grant_rate_kind_find(GS_EM, GC_PER_YEAR, GK_VOKSEN) == NULL,
		   "a combination that is no rate kind is not found");
	}

	/* scheme periods */
	ok(grant_scheme_in_force(GS_EKSTRA_BOSETTING, 2016) &&
	   grant_scheme_in_force(GS_EKSTRA_BOSETTING, 2017) &&
	   !grant_scheme_in_force(GS_EKSTRA_BOSETTING, 2015) &&
	   !grant_scheme_in_force(GS_EKSTRA_BOSETTING, 2018),
	   "ekstratilskudd_bosetting is in force 2016-2017 only");
	ok(grant_scheme_in_force(GS_KOMPENSASJON, 2022) && !grant_scheme_in_force(GS_KOMPENSASJON, 2023),
	   "kompensasjon_ubenyttet_plass is in force in 2022 only");

	/* rate lookup */
	ok(grant_rate_at(&T, GS_INTEGRERING, GC_YEAR1, GK_VOKSEN, 2017, &a, &b, &e) &&
	   a == NOK(200000) && b == 2017, "a published rate has its own year as basis");
	ok(grant_rate_at(&T, GS_INTEGRERING, GC_YEAR1, GK_VOKSEN, 2025, &a, &b, &e) &&
	   a == NOK(200000) && b == 2017, "a later year carries the nearest earlier rate forward");
	ok(grant_rate_at(&T, GS_INTEGRERING, GC_YEAR3, GK_ALLE, 2018, &a, &b, &e) && b == 2017 &&
	   grant_rate_at(&T, GS_INTEGRERING, GC_YEAR3, GK_ALLE, 2020, &a, &b, &e) && b == 2019 &&
	   a == NOK(160000), "the nearest earlier year wins when several are published");
	ok(!grant_rate_at(&T, GS_INTEGRERING, GC_YEAR1, GK_VOKSEN, 2016, &a, &b, &e) &&
	   e.code == GE_BEFORE_FIRST && e.first_year == 2017 && e.year == 2016 &&
	   strstr(e.message, "first published rate is for 2017") != NULL,
	   "a year before the first published rate is an error naming the first year");
	ok(!grant_rate_at(&T, GS_NORSK, GC_GRUNNTILSKUDD, GK_KOMMUNE_1_3, 2023, &a, &b, &e) &&
	   e.code == GE_NO_RATE, "a kind with no rate in any year is a distinct error");
	ok(grant_rate_at(&T, GS_EM, GC_PER_YEAR, GK_EM_0_16, 2018, &a, &b, &e) &&
	   a == NOK(200000) && b == 2016,
	   "an age band before its first rate uses the earlier single rate for all ages");
	ok(grant_rate_at(&T, GS_EM, GC_PER_YEAR, GK_EM_17_20, 2024, &a, &b, &e) &&
	   a == NOK(700000) && b == 2023, "an age band uses its own rate once published");
	ok(!grant_rate_at(&T, GS_EM, GC_PER_YEAR, GK_ENSLIG_MINDREARIG, 2015, &a, &b, &e) &&
	   e.code == GE_BEFORE_FIRST, "the band fallback does not reach back before the single rate");

	/* ages */
	ok(grant_has_turned(D(1960, 2, 29), D(2020, 2, 29), 60) &&
	   !grant_has_turned(D(1960, 2, 29), D(2020, 2, 28), 60),
	   "a 29 February birthday is reached on 29 February in a leap year");
	ok(grant_has_turned(D(1964, 2, 29), D(2025, 2, 28), 61) &&
	   !grant_has_turned(D(1964, 2, 29), D(2025, 2, 27), 61),
	   "a 29 February birthday is reached on 28 February in a common year");

	/* persons */
	ok(!grant_person_from_dates(D(2000, 5, 1), D(1999, 5, 1), false, false, &p, &e) &&
	   e.code == GE_BAD_INPUT && strstr(e.message, "before birth_date") != NULL,
	   "settled before birth is bad input");
	ok(!grant_person_from_dates(D(2000, 5, 1), D(2016, 5, 1), true, true, &p, &e) &&
	   e.code == GE_BAD_INPUT, "single adult and unaccompanied together is bad input");
	ok(!grant_person_from_dates(D(2000, 5, 1), D(2017, 5, 1), true, false, &p, &e) &&
	   e.code == GE_BAD_INPUT && strstr(e.message, "turn 18") != NULL,
	   "a child cannot be a single adult");
	ok(grant_person_from_dates(D(2000, 12, 31), D(2018, 1, 1), true, false, &p, &e) &&
	   p.category == GP_ENSLIG_VOKSEN,
	   "a person is an adult from the calendar year they turn 18");
	ok(grant_person_from_dates(D(2001, 1, 1), D(2018, 12, 31), false, false, &p, &e) &&
	   p.category == GP_BARN, "a person who turns 18 the next year is a child");
	ok(!grant_person_from_category(D(1990, 1, 1), D(2018, 1, 1), "single", &p, &e) &&
	   e.code == GE_BAD_INPUT && strstr(e.message, "unknown category") != NULL,
	   "an unknown category name is bad input");
	ok(grant_person_from_category(D(1990, 1, 1), D(2018, 1, 1), "voksen", &p, &e) &&
	   p.category == GP_VOKSEN, "a category given by name");
	ok(!grant_person_from_category(D(1990, 1, 1), D(2018, 1, 1), "barn", &p, &e),
	   "category barn for an adult is bad input");

	/* schedules */
	grant_person_from_dates(D(1990, 3, 1), D(2017, 6, 1), true, false, &p, &e);
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(n == 5 && l[0].budget_year == 2017 && l[0].year_index == 1 &&
	   l[0].category == GK_ENSLIG_VOKSEN && l[0].amount == NOK(250000) &&
	   l[4].budget_year == 2021 && l[4].year_index == 5 && l[4].component == GC_YEAR5,
	   "år k of a single adult settled in 2017 is budget year 2016 + k at the år-k rate");
	ok(total(l, n, -1) == NOK(250000 + 200000 + 160000 + 80000 + 70000) &&
	   l[1].basis_year == 2017 && l[2].basis_year == 2019 && l[2].amount == NOK(160000) &&
	   l[3].basis_year == 2017,
	   "år 2 in 2018 is carried forward from 2017, år 3 in 2019 uses the 2019 rate");

	grant_person_from_dates(D(1990, 3, 1), D(2018, 6, 1), false, false, &p, &e);
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(n == 5 && l[1].budget_year == 2019 && l[1].amount == NOK(200000) &&
	   l[2].budget_year == 2020 && l[2].basis_year == 2019 && l[2].amount == NOK(160000),
	   "a later cohort picks up a newer published år rate");

	grant_person_from_dates(D(1950, 1, 1), D(2017, 6, 1), false, false, &p, &e);
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(count(l, n, GS_ELDRE) == 1 && total(l, n, GS_ELDRE) == NOK(160000),
	   "a person over 60 at settlement brings the one-time eldretilskudd");
	grant_person_from_dates(D(2012, 6, 2), D(2017, 6, 1), false, false, &p, &e);
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(count(l, n, GS_BARNEHAGE) == 1 && l[0].category == GK_BARN,
	   "a child one day short of 5 brings barnehagetilskudd");
	grant_person_from_dates(D(2011, 6, 1), D(2017, 6, 1), false, false, &p, &e);
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(count(l, n, GS_BARNEHAGE) == 0, "a child who has turned 6 brings no barnehagetilskudd");

	/* unaccompanied minor settled 2016 at 15: to the year of 20 (2021) */
	grant_person_from_dates(D(2001, 3, 10), D(2016, 6, 1), false, true, &p, &e);
	n = grant_person_schedule(&T, &p, 1u << GS_EM, l, &e);
	ok(n == 6 && l[0].budget_year == 2016 && l[5].budget_year == 2021 &&
	   l[5].year_index == 6 && total(l, n, GS_EM) == 6 * NOK(200000) &&
	   l[0].basis_year == 2016 && l[5].basis_year == 2016,
	   "the EM grant runs every year up to and including the year of 20, at the 2016 rate carried forward");
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(n == -1 && e.code == GE_BEFORE_FIRST && e.scheme == GS_INTEGRERING && e.year == 2016,
	   "the whole schedule of a 2016 settlement fails on the missing 2016 integreringstilskudd");
	n = grant_person_schedule_range(&T, &p, GRANT_ALL_SCHEMES, 2017, 2019, l, &e);
	ok(n == 6 && l[0].budget_year == 2017 && l[5].budget_year == 2019 &&
	   total(l, n, GS_INTEGRERING) == NOK(200000 + 150000 + 80000),
	   "a window of budget years looks up only its own years, so an earlier missing rate does not stop it");
	n = grant_person_schedule(&T, &p, (1u << GS_EM) | (1u << GS_EKSTRA_EM), l, &e);
	ok(n == 7 && count(l, n, GS_EKSTRA_EM) == 1, "an EM settled in 2016 brings the one-time ekstratilskudd_em");

	grant_person_from_dates(D(2008, 3, 10), D(2022, 6, 1), false, true, &p, &e);
	n = grant_person_schedule(&T, &p, 1u << GS_EM, l, &e);
	ok(n == 7 && l[0].category == GK_EM_0_16 && l[2].category == GK_EM_0_16 &&
	   l[3].category == GK_EM_17_20 && l[0].basis_year == 2016 &&
	   l[1].basis_year == 2023 && l[1].amount == NOK(1100000) && l[3].amount == NOK(700000),
	   "from 2017 the EM grant follows the age band of each year (<= 16, 17-20)");
	grant_person_from_dates(D(1999, 3, 10), D(2020, 6, 1), false, true, &p, &e);
	n = grant_person_schedule(&T, &p, 1u << GS_EM, l, &e);
	ok(n == 0, "an EM settled after the year of 20 gets no EM grant");
	n = grant_person_schedule(&T, &p, 1u << GS_INTEGRERING, l, &e);
	ok(n == 5 && l[0].category == GK_ENSLIG_MINDREARIG,
	   "an EM settled as an adult still has år 1 at the EM rate");

	/* extra grants and disability */
	grant_person_from_dates(D(1990, 3, 1), D(2018, 6, 1), false, false, &p, &e);
	p.beyond_request = p.from_institution = true;
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(n == 5, "the 2016-2017 extra grants are not paid for a 2018 settlement");
	grant_person_from_dates(D(1990, 3, 1), D(2017, 6, 1), false, false, &p, &e);
	p.beyond_request = p.from_institution = true;
	n = grant_person_schedule(&T, &p, GRANT_ALL_SCHEMES, l, &e);
	ok(n == 7 && total(l, n, GS_EKSTRA_BOSETTING) == NOK(50000) &&
	   total(l, n, GS_EKSTRA_INSTITUSJON) == NOK(500000),
	   "settled beyond the request and from an institution in 2017: both extra grants");
	grant_person_from_dates(D(1990, 3, 1), D(2019, 6, 1), false, false, &p, &e);
	p.disability = GD_TILSKUDD1;
	n = grant_person_schedule(&T, &p, 1u << GS_FUNKSJON, l, &e);
	ok(n == 1 && l[0].component == GC_TILSKUDD1 && l[0].year_index == 1,
	   "disability Tilskudd 1 is one-time in år 1");
	p.disability = GD_TILSKUDD2;
	n = grant_person_schedule(&T, &p, 1u << GS_FUNKSJON, l, &e);
	ok(n == 5 && total(l, n, GS_FUNKSJON) == 5 * NOK(1300000),
	   "disability Tilskudd 2 is at most its yearly ceiling in år 1-5");
	grant_person_from_dates(D(1990, 3, 1), D(2018, 6, 1), false, false, &p, &e);
	p.disability = GD_TILSKUDD1;
	n = grant_person_schedule(&T, &p, 1u << GS_FUNKSJON, l, &e);
	ok(n == -1 && e.code == GE_BEFORE_FIRST && e.first_year == 2019,
	   "disability grant before its first published rate is an error");

	/* cross-sections */
	ok(grant_cross_section(&T, 2014, GK_ENSLIG_VOKSEN, &a, &b, &fs, &e) &&
	   a == NOK(700000) && b == 2014 && fs, "a year with only a published sum uses the sum");
	ok(grant_cross_section(&T, 2016, GK_VOKSEN, &a, &b, &fs, &e) &&
	   a == NOK(650000) && b == 2014 && fs, "the published sum is carried forward");
	ok(grant_cross_section(&T, 2017, GK_VOKSEN, &a, &b, &fs, &e) &&
	   a == NOK(200000 + 200000 + 150000 + 80000 + 70000) && b == 2017 && !fs,
	   "a year with the år 1-5 rates adds them up");
	ok(grant_cross_section(&T, 2019, GK_ENSLIG_VOKSEN, &a, &b, &fs, &e) &&
	   a == NOK(250000 + 200000 + 160000 + 80000 + 70000) && b == 2017,
	   "a cross-section mixes rates carried forward, basis the oldest");
	ok(!grant_cross_section(&T, 2013, GK_VOKSEN, &a, &b, &fs, &e) &&
	   e.code == GE_BEFORE_FIRST && e.first_year == 2014,
	   "a cross-section before any published year is an error");
	ok(!grant_cross_section(&T, 2017, GK_ALLE, &a, &b, &fs, &e) && e.code == GE_BAD_INPUT,
	   "a cross-section needs a person category");

	/* municipality-level schemes */
	ok(grant_beyond_request(&T, 2016, 30, 24, &n64, &a, &b, &e) && n64 == 6 &&
	   a == 6 * NOK(50000) && b == 2016, "persons settled beyond the request in 2016");
	ok(grant_beyond_request(&T, 2017, 30, 24, &n64, &a, &b, &e) && n64 == 6 && b == 2016,
	   "the 2017 extra grant carries the 2016 rate forward");
	ok(grant_beyond_request(&T, 2018, 30, 24, &n64, &a, &b, &e) && n64 == 0 && a == 0,
	   "no extra grant after 2017");
	ok(grant_unused_places(&T, 2022, 40, 30, 25, &n64, &a, &b, &e) && n64 == 5 &&
	   a == 5 * NOK(50000), "only unused places voted within the request are compensated");
	ok(grant_unused_places(&T, 2022, 20, 30, 25, &n64, &a, &b, &e) && n64 == 0,
	   "no compensation when all decided places were used");
	ok(grant_unused_places(&T, 2023, 40, 30, 25, &n64, &a, &b, &e) && n64 == 0,
	   "no compensation outside 2022");
	ok(!grant_unused_places(&T, 2022, -1, 30, 25, &n64, &a, &b, &e) && e.code == GE_BAD_INPUT,
	   "negative counts are bad input");

	/* amounts beyond int64 are reported, never wrapped into negative money */
	ok(!grant_beyond_request(&T, 2016, INT64_MAX, 0, &n64, &a, &b, &e) &&
	   e.code == GE_OVERFLOW, "INT64_MAX persons beyond the request: overflow, not negative money");
	ok(!grant_unused_places(&T, 2022, INT64_MAX, INT64_MAX, 0, &n64, &a, &b, &e) &&
	   e.code == GE_OVERFLOW, "INT64_MAX unused places: overflow");
	{
		int64_t		acc = INT64_MAX - 5;

		ok(grant_add_product(&acc, 5, 1) && acc == INT64_MAX &&
		   !grant_add_product(&acc, 1, 1) && acc == INT64_MAX &&
		   !grant_add_product(&acc, INT64_MIN, -1),
		   "grant_add_product stops at the int64 edge and leaves the sum");
	}

	/* the person-category rule, once */
	ok(grant_category_of(2000, 2018, false, true) == GP_ENSLIG_VOKSEN &&
	   grant_category_of(2000, 2018, false, false) == GP_VOKSEN &&
	   grant_category_of(2001, 2018, false, true) == GP_BARN &&
	   grant_category_of(2001, 2018, true, false) == GP_ENSLIG_MINDREARIG &&
	   grant_category_of(INT_MIN, INT_MAX, false, false) == GP_VOKSEN,
	   "category: adult from the calendar year of 18, no overflow at the int edges");

	/* years outside GRANT_MIN_YEAR..GRANT_MAX_YEAR: bad input, no long loop */
	{
		grant_person q = {0};
		grant_line	lines[GRANT_MAX_LINES];

		q.category = GP_ENSLIG_MINDREARIG;
		q.birth_year = INT_MAX - 20;
		q.settle_year = INT_MAX - 20;
		ok(grant_person_schedule_range(&T, &q, GRANT_ALL_SCHEMES, INT_MAX - 100,
									   INT_MAX, lines, &e) < 0 && e.code == GE_BAD_INPUT,
		   "a birth year near INT_MAX is bad input (was an endless loop)");
		q.birth_year = 9999 - 5;
		q.settle_year = 9999;
		ok(grant_person_schedule_range(&T, &q, 1u << GS_EM, 9990, 9999, lines, &e) == 1,
		   "the last year works: one em_tilskudd line in 9999");
		q.birth_year = 2001;
		q.settle_year = 2000;
		ok(grant_person_schedule(&T, &q, GRANT_ALL_SCHEMES, lines, &e) < 0 &&
		   e.code == GE_BAD_INPUT, "settled before birth is bad input");
	}

	/* split */
	{
		int64_t		w[3] = {1, 1, 1},
					o[3];
		int64_t		work[3 * 2];

		ok(grant_split(10, w, 3, o, work) && o[0] == 4 && o[1] == 3 && o[2] == 3,
		   "largest remainder: a tie goes to the lower index");
		w[0] = 5;
		w[1] = 3;
		w[2] = 2;
		ok(grant_split(7, w, 3, o, work) && o[0] + o[1] + o[2] == 7 && o[0] == 4 && o[1] == 2 && o[2] == 1,
		   "largest remainder: 7 over 5:3:2 is 4, 2, 1");
		w[0] = w[1] = w[2] = 0;
		ok(!grant_split(7, w, 3, o, work), "all-zero weights are refused");
		w[0] = 1;
		ok(!grant_split(GRANT_SPLIT_MAX_TOTAL + 1, w, 3, o, work) &&
		   !grant_split(-1, w, 3, o, work) && !grant_split(1, w, 0, o, work),
		   "totals outside 0..2^20 and empty weights are refused");
	}
	{
		/* the sort agrees with the old quadratic rule (one unit at a time) */
		enum {N = 257};
		int64_t		w[N], o[N], ref[N];
		void	   *work = malloc(grant_split_work_size(N));
		unsigned	seed = 12345;
		bool		same = true;

		for (int round = 0; round < 200 && same; round++)
		{
			int			n = 1 + round % N;
			int64_t		total = round * 37 % 1000,
						wsum = 0,
						given = 0;

			for (int i = 0; i < n; i++)
			{
				seed = seed * 1103515245u + 12345u;
				w[i] = (seed >> 16) % (round % 3 == 0 ? 4 : 1000);
				wsum += w[i];
			}
			if (wsum == 0)
				w[0] = wsum = 1;
			for (int i = 0; i < n; i++)
				given += ref[i] = total * w[i] / wsum;
			while (given < total)
			{
				int			best = -1;

				for (int i = 0; i < n; i++)
					if (ref[i] == total * w[i] / wsum &&
						(best < 0 || total * w[i] % wsum > total * w[best] % wsum))
						best = i;
				ref[best]++;
				given++;
			}
			same = grant_split(total, w, n, o, work) &&
				memcmp(o, ref, sizeof(int64_t) * n) == 0;
		}
		ok(same, "split by sorting equals the unit-by-unit rule on 200 random compositions");
		free(work);
	}
	return tap_done();
}
