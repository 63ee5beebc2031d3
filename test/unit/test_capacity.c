/*
 * test_capacity.c: unit tests of src/core/capacity.c.
 */
#include "capacity.h"
#include "tap.h"

#include <string.h>

static cap_delta
D(int32_t y, int16_t k, const char *dim, int64_t amount, bool required)
{
	cap_delta	d = {y, k, dim, amount, required};

	return d;
}

int
main(void)
{
	cap_delta	d[8];
	int			n;
	int64_t		left = -1;

	/* a move from 0301 to 4601 and back-to-front input: sorted, merged */
	d[0] = D(2024, 4601, "persons", 3, true);
	d[1] = D(2024, 301, "unaccompanied_minors", -1, false);
	d[2] = D(2024, 301, "persons", -3, false);
	d[3] = D(2024, 4601, "unaccompanied_minors", 1, false);
	d[4] = D(2023, 5001, "persons", 2, false);
	n = cap_deltas_normalize(d, 5);
	ok(n == 5 && d[0].year == 2023 && d[1].kommunenr == 301 &&
	   strcmp(d[1].dimension, "persons") == 0 &&
	   strcmp(d[2].dimension, "unaccompanied_minors") == 0 &&
	   d[3].kommunenr == 4601 && strcmp(d[3].dimension, "persons") == 0,
	   "deltas sort by year, kommunenr, dimension");

	/* two opposite moves lock in the same order */
	{
		cap_delta	a[2] = {D(2024, 4601, "persons", 2, true), D(2024, 301, "persons", -2, false)};
		cap_delta	b[2] = {D(2024, 301, "persons", 5, true), D(2024, 4601, "persons", -5, false)};

		cap_deltas_normalize(a, 2);
		cap_deltas_normalize(b, 2);
		ok(a[0].kommunenr == b[0].kommunenr && a[1].kommunenr == b[1].kommunenr,
		   "opposite moves touch the counters in the same order");
	}

	d[0] = D(2024, 301, "persons", 2, false);
	d[1] = D(2024, 301, "persons", -2, false);
	d[2] = D(2024, 301, "kindergarten", 1, false);
	d[3] = D(2024, 301, "kindergarten", 2, false);
	n = cap_deltas_normalize(d, 4);
	ok(n == 1 && d[0].amount == 3 && strcmp(d[0].dimension, "kindergarten") == 0,
	   "equal keys are summed and zero sums are dropped");

	d[0] = D(2024, 301, "persons", 0, true);
	d[1] = D(2024, 301, "persons", 0, false);
	d[2] = D(2024, 301, "unaccompanied_minors", 0, false);
	n = cap_deltas_normalize(d, 3);
	ok(n == 1 && d[0].required && d[0].amount == 0,
	   "a required zero delta stays (a booking needs a decision even for an empty household)");

	d[0] = D(2024, 301, "persons", INT64_MAX, false);
	d[1] = D(2024, 301, "persons", 1, false);
	ok(cap_deltas_normalize(d, 2) == -1, "an overflowing sum is reported");
	ok(cap_deltas_normalize(d, 0) == 0, "an empty list stays empty");

	ok(cap_status_books("proposed") == 1 && cap_status_books("accepted") == 1 &&
	   cap_status_books("settled") == 1, "proposed, accepted and settled book capacity");
	ok(cap_status_books("withdrawn") == 0, "withdrawn books nothing");
	ok(cap_status_books("cancelled") == -1 && cap_status_books(NULL) == -1,
	   "an unknown status is reported");
	ok(cap_dimension_reserved("persons") && cap_dimension_reserved("unaccompanied_minors") &&
	   !cap_dimension_reserved("kindergarten"), "persons and unaccompanied_minors are reserved");

	ok(cap_check(true, true, 10, 7, 3, false, &left) == CAP_FITS && left == 3,
	   "the last places fit exactly");
	ok(cap_check(true, true, 10, 8, 3, false, &left) == CAP_EXCEEDS && left == 2,
	   "one more than is left exceeds, with what is left");
	ok(cap_check(false, false, 0, 0, 1, false, &left) == CAP_NO_COUNTER && left == 0,
	   "no decision: no counter");
	ok(cap_check(true, false, 0, 0, 1, false, &left) == CAP_NO_LIMIT,
	   "a NULL decision refuses a booking");
	ok(cap_check(true, false, 0, 0, 0, true, &left) == CAP_NO_LIMIT &&
	   cap_check(true, false, 0, 0, 0, false, &left) == CAP_FITS,
	   "asking nothing needs a known limit only when required");
	ok(cap_check(true, true, 10, 12, -2, false, &left) == CAP_FITS && left == 0,
	   "a release always fits, even on an over-full counter");
	ok(cap_check(true, true, 10, 1, -2, false, &left) == CAP_BELOW_ZERO,
	   "releasing more than is booked is reported");
	ok(cap_check(true, true, INT64_MAX, INT64_MAX - 1, 5, false, &left) == CAP_OVERFLOW,
	   "an overflowing booking is reported");
	ok(cap_check_limit(true, 5, 5) == CAP_FITS && cap_check_limit(true, 4, 5) == CAP_EXCEEDS,
	   "a limit may be lowered down to what is booked, not below");
	ok(cap_check_limit(false, 0, 0) == CAP_FITS && cap_check_limit(false, 0, 1) == CAP_NO_LIMIT,
	   "a limit may become NULL only while nothing is booked");
	/* what changed in a household: persons */
	{
		cap_hh_change c[2];

		ok(cap_person_changes(false, 0, false, true, 7, true, c) == 1 &&
		   c[0].hh == 7 && c[0].dpersons == 1 && c[0].dminors == 1 && c[0].dneeds == 0,
		   "a new unaccompanied minor adds one person and one minor");
		ok(cap_person_changes(true, 7, false, false, 0, false, c) == 1 &&
		   c[0].hh == 7 && c[0].dpersons == -1 && c[0].dminors == 0,
		   "a deleted person releases one person");
		ok(cap_person_changes(true, 7, false, true, 7, false, c) == 0,
		   "an unrelated change of a person changes nothing");
		ok(cap_person_changes(true, 7, true, true, 7, false, c) == 1 &&
		   c[0].dpersons == 0 && c[0].dminors == -1,
		   "a minor who is no longer unaccompanied releases one minor only");
		ok(cap_person_changes(true, 9, false, true, 4, true, c) == 2 &&
		   c[0].hh == 4 && c[0].dpersons == 1 && c[0].dminors == 1 &&
		   c[1].hh == 9 && c[1].dpersons == -1 && c[1].dminors == 0,
		   "a person moved between households: both, in household_id order");
		ok(cap_person_changes(true, 3, false, true, 8, false, c) == 2 &&
		   c[0].hh == 3 && c[1].hh == 8, "the lock order holds the other way round too");
		ok(cap_person_changes(false, 0, false, false, 0, false, c) == 0,
		   "a person without a household changes nothing");
	}

	/* needs */
	{
		cap_hh_change c[2];

		ok(cap_need_changes(false, 0, NULL, 0, true, 5, "kindergarten", 2, c) == 1 &&
		   c[0].hh == 5 && c[0].dneeds == 1 && strcmp(c[0].dim, "kindergarten") == 0 &&
		   c[0].damount == 2, "a new need adds its units and one need");
		ok(cap_need_changes(true, 5, "kindergarten", 2, true, 5, "kindergarten", 2, c) == 0,
		   "an unchanged need changes nothing");
		ok(cap_need_changes(true, 5, "kindergarten", 2, true, 5, "kindergarten", 3, c) == 2 &&
		   c[0].damount == -2 && c[1].damount == 3 && c[0].dneeds == 0 && c[1].dneeds == 0,
		   "a changed amount releases the old units and adds the new");
		ok(cap_need_changes(true, 8, "dwelling_3_rooms", 1, true, 2, "dwelling_3_rooms", 1, c) == 2 &&
		   c[0].hh == 2 && c[0].dneeds == 1 && c[1].hh == 8 && c[1].dneeds == -1,
		   "a need moved between households: both, in household_id order");
		ok(cap_need_changes(true, 8, NULL, 1, false, 0, NULL, 0, c) == 0,
		   "a need without a dimension counts nothing");
	}

	/* settlements */
	{
		cap_booking none = {false, 0, 0, 0};
		cap_booking oslo = {true, 7, 2024, 301};
		cap_booking bergen = {true, 7, 2024, 4601};
		cap_booking other = {true, 3, 2024, 4601};
		cap_booking oslo25 = {true, 7, 2025, 301};
		cap_step	s[2];

		ok(cap_booking_steps(&none, &oslo, s) == 1 && s[0].kind == CAP_STEP_BOOK && s[0].to == &oslo,
		   "a new settlement books");
		ok(cap_booking_steps(&oslo, &none, s) == 1 && s[0].kind == CAP_STEP_RELEASE && s[0].from == &oslo,
		   "a withdrawal or delete releases");
		ok(cap_booking_steps(&oslo, &oslo, s) == 0, "a status change within the booking changes nothing");
		ok(cap_booking_steps(&oslo, &bergen, s) == 1 && s[0].kind == CAP_STEP_MOVE &&
		   cap_booking_steps(&oslo, &oslo25, s) == 1 && s[0].kind == CAP_STEP_MOVE,
		   "another municipality or year is one move");
		ok(cap_booking_steps(&oslo, &other, s) == 2 && s[0].kind == CAP_STEP_BOOK && s[0].to == &other &&
		   s[1].kind == CAP_STEP_RELEASE, "another household: release and book in household_id order");
		ok(cap_booking_steps(&none, &none, s) == 0, "nothing booked before or after: nothing to do");
	}
	return tap_done();
}
