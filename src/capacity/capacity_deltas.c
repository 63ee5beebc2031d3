/*
 * capacity_deltas.c: applying a change's deltas to the counters, and the
 * errors that say why a delta does not fit.
 *
 * capacity_booked holds per (year, kommunenr, dimension) the limit and what
 * is booked.  Every consumption is ONE guarded UPDATE
 *   SET booked = booked + asked WHERE key AND booked + asked <= decided
 * so the check is made on the newest version of the row, under its row lock;
 * decision and capacity changes update the limit in the same row.  The
 * counters a change touches are locked in one total order (year, kommunenr,
 * dimension; src/core/capacity.c), after the household rows (in
 * household_id order), so opposite moves cannot deadlock.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

#include "utils/builtins.h"

void
cap_delta_add(delta_list *l, int32 year, int16 knr, const char *dim, int64 amount, bool required)
{
	if (amount == 0 && !required)
		return;
	if (l->n == l->size)
	{
		l->size = l->size ? l->size * 2 : 8;
		l->d = l->d ? repalloc(l->d, l->size * sizeof(cap_delta))
			: palloc(l->size * sizeof(cap_delta));
	}
	l->d[l->n].year = year;
	l->d[l->n].kommunenr = knr;
	l->d[l->n].dimension = dim;
	l->d[l->n].amount = amount;
	l->d[l->n].required = required;
	l->n++;
}

/* Read a counter: whether it exists, its limit (if known) and booked. */
bool
cap_counter_get(const cap_delta *d, bool *has_limit, int64 *limit, int64 *booked)
{
	Datum		v[3] = {Int32GetDatum(d->year), Int16GetDatum(d->kommunenr),
	CStringGetTextDatum(d->dimension)};
	bool		isnull;
	Datum		l;

	cap_run(cap_plan.counter_get, v, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	l = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	*has_limit = !isnull;
	*limit = isnull ? 0 : DatumGetInt32(l);
	*booked = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	return true;
}

/*
 * The counters are not there although their source rows are: the register
 * was restored (or loaded with the triggers disabled) and capacity_rebuild()
 * has not run yet.  Nothing is booked against a counter that would start
 * from zero.
 */
void
cap_not_built(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("the capacity counters are not built: %s", what),
			 errdetail("The register was restored or loaded while the capacity triggers stood aside, so the counters do not yet count its bookings."),
			 errhint("Run SELECT bosetting.capacity_rebuild(); then try again.")));
}

/* A counter is missing: because its source row is missing, or it was never built? */
static void
check_source(const cap_delta *d)
{
	Datum		v[3] = {Int32GetDatum(d->year), Int16GetDatum(d->kommunenr),
	CStringGetTextDatum(d->dimension)};
	bool		decision = cap_dimension_reserved(d->dimension);

	if (cap_exists(decision ? cap_plan.has_decision : cap_plan.has_capacity, v))
		cap_not_built(psprintf("%s of municipality %s for %d has no counter",
							   decision ? "the decision" : psprintf("capacity \"%s\"", d->dimension),
							   cap_knr_text(d->kommunenr), d->year));
}

static void
report_shortfall(const cap_delta *d, cap_verdict verdict, int64 limit, int64 booked, int64 left)
{
	const char *k = cap_knr_text(d->kommunenr);
	bool		persons = strcmp(d->dimension, CAP_DIM_PERSONS) == 0;
	bool		minors = strcmp(d->dimension, CAP_DIM_MINORS) == 0;
	long long	asked = (long long) d->amount;

	if (verdict == CAP_NO_COUNTER)
		check_source(d);
	if (verdict == CAP_NO_COUNTER && (persons || minors))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no settlement decision for %d: dimension \"%s\" has 0 left, %lld asked",
						k, d->year, d->dimension, asked),
				 errdetail("A booking consumes the number of persons the municipality decided to settle (vedtak)."),
				 errhint("Record the decision for %d in bosetting.decision before booking.", d->year)));
	if (verdict == CAP_NO_COUNTER)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no capacity \"%s\" for %d: 0 left, %lld asked",
						k, d->dimension, d->year, asked),
				 errdetail("The household needs %lld of \"%s\" (household_need).", asked, d->dimension),
				 errhint("Add the municipality's capacity to bosetting.capacity, or book the household elsewhere.")));
	if (verdict == CAP_NO_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("municipality %s has no decided number for %d: dimension \"%s\" has 0 left, %lld asked",
						k, d->year, d->dimension, asked),
				 errdetail("%s is NULL (suppressed, missing or awaiting a decision); nothing can be booked against an unknown number.",
						   persons ? "decision.decided" : minors ? "decision.decided_em" : "capacity.amount"),
				 errhint("Record the decided number first.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("capacity exceeded for municipality %s, year %d, dimension \"%s\": %lld left, %lld asked",
					k, d->year, d->dimension, (long long) left, asked),
			 errdetail("The limit is %lld and %lld %s booked.", (long long) limit, (long long) booked,
					   booked == 1 ? "is" : "are"),
			 errhint("Book the household elsewhere, or raise the %s first.",
					 persons || minors ? "decision" : "capacity")));
}

/*
 * A need dimension does not fit: if the municipality has no decision (or an
 * unknown one) for the year, say that instead, since it is the first thing
 * to fix (dimensions sort before "persons", so they are checked first).
 */
static void
report_decision_first(const delta_list *l, const cap_delta *d)
{
	cap_delta	p = {d->year, d->kommunenr, CAP_DIM_PERSONS, 0, true};
	bool		has_limit = false;
	int64		limit = 0,
				booked = 0;
	int			i;

	if (cap_dimension_reserved(d->dimension))
		return;
	for (i = 0; i < l->n; i++)
		if (cap_key_cmp(&l->d[i], &p) == 0)
			p.amount = l->d[i].amount;
	if (!cap_counter_get(&p, &has_limit, &limit, &booked))
		report_shortfall(&p, CAP_NO_COUNTER, 0, 0, 0);
	if (!has_limit)
		report_shortfall(&p, CAP_NO_LIMIT, 0, booked, 0);
}

/*
 * Apply a delta list: merged and sorted (the lock order), then one guarded
 * UPDATE per counter.
 */
void
cap_apply_deltas(delta_list *l)
{
	int			n = cap_deltas_normalize(l->d, l->n),
				i;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("capacity change is too large")));
	l->n = n;
	for (i = 0; i < n; i++)
	{
		cap_delta  *d = &l->d[i];
		int64		mag = d->amount < 0 ? -d->amount : d->amount;
		Datum		v[4] = {Int32GetDatum(d->year), Int16GetDatum(d->kommunenr),
		CStringGetTextDatum(d->dimension), Int64GetDatum(mag)};
		int			attempt;

		for (attempt = 0;; attempt++)
		{
			bool		has_limit = false;
			int64		limit = 0,
						booked = 0,
						left;
			bool		exists;
			cap_verdict verdict;

			cap_run(d->amount < 0 ? cap_plan.counter_sub : cap_plan.counter_add, v, NULL, SPI_OK_UPDATE);
			if (SPI_processed == 1)
				break;
			exists = cap_counter_get(d, &has_limit, &limit, &booked);
			verdict = cap_check(exists, has_limit, limit, booked, d->amount, d->required, &left);
			if (d->amount < 0)
			{
				if (!exists)
					cap_not_built(psprintf("municipality %s has no counter \"%s\" for %d to release %lld from",
										   cap_knr_text(d->kommunenr), d->dimension, d->year, (long long) mag));
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg("capacity counter of municipality %s, year %d, dimension \"%s\" holds %lld, cannot release %lld",
								cap_knr_text(d->kommunenr), d->year, d->dimension,
								(long long) booked, (long long) mag),
						 errhint("SELECT * FROM bosetting.verify_capacity() lists the disagreement; bosetting.capacity_rebuild() recomputes the counters.")));
			}
			/* a concurrent release made room between the two queries: retry */
			if (verdict == CAP_FITS && attempt < 3)
				continue;
			report_decision_first(l, d);
			report_shortfall(d, verdict == CAP_FITS ? CAP_EXCEEDS : verdict, limit, booked, left);
		}
	}
}

void
cap_tally_missing(int64 hh)
{
	cap_not_built(psprintf("household %lld has no capacity_household row", (long long) hh));
}

/* Read (persons, minors, needs) returned by a tally UPDATE. */
void
cap_tally_counts(int64 *persons, int64 *minors, int64 *needs)
{
	bool		isnull;
	HeapTuple	t = SPI_tuptable->vals[0];
	TupleDesc	desc = SPI_tuptable->tupdesc;

	*persons = DatumGetInt32(SPI_getbinval(t, desc, 1, &isnull));
	*minors = DatumGetInt32(SPI_getbinval(t, desc, 2, &isnull));
	*needs = DatumGetInt32(SPI_getbinval(t, desc, 3, &isnull));
}

/* Add (sign +1) or release (sign -1) all a household holds at a place. */
void
cap_household_deltas(delta_list *l, int64 hh, int32 year, int16 knr, int sign,
					 int64 persons, int64 minors, int64 needs)
{
	cap_delta_add(l, year, knr, CAP_DIM_PERSONS, sign * persons, sign > 0);
	cap_delta_add(l, year, knr, CAP_DIM_MINORS, sign * minors, false);
	if (needs > 0)
	{
		Datum		v[1] = {Int64GetDatum(hh)};
		uint64		i;
		SPITupleTable *tt;

		cap_run(cap_plan.needs, v, NULL, SPI_OK_SELECT);
		tt = SPI_tuptable;
		for (i = 0; i < SPI_processed; i++)
		{
			bool		isnull;
			char	   *dim = TextDatumGetCString(SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull));
			int64		amount = DatumGetInt64(SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull));

			cap_delta_add(l, year, knr, dim, sign * amount, false);
		}
	}
}

/*
 * A tally UPDATE of a booking found no row: say why (never returns).
 */
void
cap_tally_failed(int64 hh, bool booking)
{
	Datum		v[1] = {Int64GetDatum(hh)};
	bool		isnull;
	Datum		y;

	cap_run(cap_plan.tally_get, v, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
		cap_tally_missing(hh);
	y = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (booking && !isnull)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("household %lld is already booked for %d", (long long) hh, DatumGetInt32(y)),
				 errdetail("A household has at most one settlement that is not withdrawn.")));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("the capacity_household row of household %lld disagrees with its settlement",
					(long long) hh),
			 errhint("SELECT * FROM bosetting.verify_capacity() lists the disagreement; bosetting.capacity_rebuild() recomputes the counters.")));
}
