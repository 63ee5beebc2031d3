/*
 * capacity_limits.c: the trigger on decision and capacity, which copies each
 * limit into its capacity_booked counter.  This is the one place a limit
 * enters the counters (capacity schedules will join here): lowering a limit
 * below what is booked fails, and a missing counter is never recreated as
 * empty (it would forget the bookings it should count).
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "utils/builtins.h"

typedef struct limit_row
{
	bool		present;
	int32		year;
	int16		knr;
	int			n;
	const char *dim[2];
	bool		has[2];
	int64		value[2];
} limit_row;

static limit_row
read_limits(HeapTuple t, TupleDesc desc, bool is_decision)
{
	limit_row	r = {0};
	int64		v;

	if (t == NULL || !cap_get_int(t, desc, "year", &v))
		return r;
	r.year = (int32) v;
	if (!cap_get_int(t, desc, "kommunenr", &v))
		return r;
	r.knr = (int16) v;
	r.present = true;
	if (is_decision)
	{
		r.n = 2;
		r.dim[0] = CAP_DIM_PERSONS;
		r.has[0] = cap_get_int(t, desc, "decided", &r.value[0]);
		r.dim[1] = CAP_DIM_MINORS;
		r.has[1] = cap_get_int(t, desc, "decided_em", &r.value[1]);
	}
	else
	{
		char	   *dim = cap_get_text(t, desc, "dimension");

		if (dim == NULL)
		{
			r.present = false;
			return r;
		}
		r.n = 1;
		r.dim[0] = dim;
		r.has[0] = cap_get_int(t, desc, "amount", &r.value[0]);
	}
	return r;
}

static const char *
limit_label(const char *dim)
{
	if (strcmp(dim, CAP_DIM_PERSONS) == 0)
		return "decided (persons)";
	if (strcmp(dim, CAP_DIM_MINORS) == 0)
		return "decided_em (unaccompanied minors)";
	return psprintf("capacity \"%s\"", dim);
}

static void
limit_refused(const limit_row *r, int i, int64 booked, bool deleting)
{
	const char *k = cap_knr_text(r->knr);

	if (deleting)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("cannot remove %s of municipality %s for %d: %lld already booked",
						limit_label(r->dim[i]), k, r->year, (long long) booked),
				 errhint("Withdraw or move the bookings first.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("cannot lower %s of municipality %s for %d to %s: %lld already booked",
					limit_label(r->dim[i]), k, r->year,
					r->has[i] ? psprintf("%lld", (long long) r->value[i]) : "NULL",
					(long long) booked),
			 errhint(r->has[i] ? "Withdraw or move bookings first, or lower it to no less than what is booked."
					 : "A decided number can become unknown (NULL) only while nothing is booked.")));
}

/*
 * A limit is added or removed where the counter says nothing is booked:
 * settlements booked there mean the counters were never built (a restore).
 */
static void
refuse_unbuilt(const limit_row *r, const char *doing)
{
	Datum		v[2] = {Int32GetDatum(r->year), Int16GetDatum(r->knr)};
	cap_delta	p = {r->year, r->knr, CAP_DIM_PERSONS, 0, false};
	bool		has_limit;
	int64		limit,
				booked;

	/* the decision's counter is there: the counters were built */
	if (cap_counter_get(&p, &has_limit, &limit, &booked))
		return;
	if (cap_exists(cap_plan.has_bookings, v))
		cap_not_built(psprintf("settlements book municipality %s for %d, so its limits cannot be %s before the counters count them",
							   cap_knr_text(r->knr), r->year, doing));
}

static void
limits_drop(const limit_row *r)
{
	bool		checked = false;
	int			i;

	for (i = 0; i < r->n; i++)
	{
		Datum		v[3] = {Int32GetDatum(r->year), Int16GetDatum(r->knr),
		CStringGetTextDatum(r->dim[i])};
		cap_delta	d = {r->year, r->knr, r->dim[i], 0, false};
		bool		has_limit;
		int64		limit,
					booked;

		cap_run(cap_plan.limit_drop, v, NULL, SPI_OK_DELETE);
		if (SPI_processed == 1)
			continue;
		if (cap_counter_get(&d, &has_limit, &limit, &booked))
			limit_refused(r, i, booked, true);
		if (!checked)
			refuse_unbuilt(r, "removed");
		checked = true;
	}
}

static void
limits_set(const limit_row *r, const limit_row *old)
{
	bool		checked = false;
	int			i;

	for (i = 0; i < r->n; i++)
	{
		Datum		v[4] = {Int32GetDatum(r->year), Int16GetDatum(r->knr),
			CStringGetTextDatum(r->dim[i]),
		Int32GetDatum((int32) r->value[i])};
		char		nulls[4] = {' ', ' ', ' ', r->has[i] ? ' ' : 'n'};
		cap_delta	d = {r->year, r->knr, r->dim[i], 0, false};
		bool		has_limit;
		int64		limit,
					booked;

		if (old != NULL && old->has[i] == r->has[i] && (!r->has[i] || old->value[i] == r->value[i]))
			continue;
		if (old == NULL)
		{
			if (!checked)
				refuse_unbuilt(r, "recorded");
			checked = true;
			cap_run(cap_plan.limit_insert, v, nulls, SPI_OK_INSERT);
			continue;
		}
		cap_run(cap_plan.limit_set, v, nulls, SPI_OK_UPDATE);
		if (SPI_processed == 1)
			continue;
		if (cap_counter_get(&d, &has_limit, &limit, &booked))
			limit_refused(r, i, booked, false);
		cap_not_built(psprintf("%s of municipality %s for %d has no counter",
							   limit_label(r->dim[i]), cap_knr_text(r->knr), r->year));
	}
}

PG_FUNCTION_INFO_V1(capacity_limit_trigger);
Datum
capacity_limit_trigger(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_DECISION, CAP_REL_CAPACITY};
	static const cap_rel writes[] = {CAP_REL_BOOKED};
	cap_rel		which;
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_limit_trigger", on, 2, &which);
	TupleDesc	desc = td->tg_relation->rd_att;
	bool		is_decision = which == CAP_REL_DECISION;
	HeapTuple	oldt,
				newt;
	limit_row	o,
				n;
	cap_user	saved;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	o = read_limits(oldt, desc, is_decision);
	n = read_limits(newt, desc, is_decision);
	if (!is_decision && n.present && cap_dimension_reserved(n.dim[0]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capacity cannot name dimension \"%s\"", n.dim[0]),
				 errdetail("\"persons\" and \"unaccompanied_minors\" are limited by decision.decided and decision.decided_em.")));
	if (!o.present && !n.present)
		return PointerGetDatum(NULL);

	cap_spi_begin(&saved, writes, lengthof(writes));
	if (o.present && n.present && o.year == n.year && o.knr == n.knr &&
		strcmp(o.dim[0], n.dim[0]) == 0)
		limits_set(&n, &o);
	else
	{
		if (o.present)
			limits_drop(&o);
		if (n.present)
			limits_set(&n, NULL);
	}
	cap_spi_end(&saved);
	return PointerGetDatum(NULL);
}
