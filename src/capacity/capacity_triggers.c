/*
 * capacity_triggers.c: the triggers on settlement, person, household_need
 * and household.
 *
 * capacity_household holds per household its person, minor and need counts
 * and where it is booked.  A booking, a person change and a need change of
 * the same household all UPDATE this one row first, so they serialise on it:
 * at READ COMMITTED the later one waits and then sees the earlier one
 * (EvalPlanQual re-reads the newest row version, and every following SPI
 * query takes a fresh snapshot); at REPEATABLE READ and SERIALIZABLE the
 * later one gets a serialization failure.  Then the place's counters take
 * the deltas (capacity_deltas.c).  What changed is decided in
 * src/core/capacity.c; this file reads rows and runs queries.
 */
#include "postgres.h"

#include "capacity/capacity_internal.h"

static const cap_rel counters[] = {CAP_REL_TALLY, CAP_REL_BOOKED};

/* ---------- settlement ---------- */

static cap_booking
read_booking(HeapTuple t, TupleDesc desc)
{
	cap_booking b = {0};
	int64		v;
	char	   *status;
	int			books;

	if (t == NULL || !cap_get_int(t, desc, "household_id", &b.hh))
		return b;
	status = cap_get_text(t, desc, "status");
	books = cap_status_books(status);
	if (books < 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("unknown settlement status \"%s\"", status ? status : "NULL"),
				 errdetail("A settlement is proposed, accepted, settled or withdrawn.")));
	if (!books || !cap_get_int(t, desc, "year", &v))
		return b;
	b.year = (int32) v;
	if (!cap_get_int(t, desc, "kommunenr", &v))
		return b;
	b.kommunenr = (int16) v;
	b.books = true;
	return b;
}

/* Run one step: the household's tally row, then its deltas. */
static void
booking_step(delta_list *l, const cap_step *s)
{
	const cap_booking *b = s->kind == CAP_STEP_BOOK ? s->to : s->from;
	Datum		v[5] = {Int64GetDatum(b->hh), Int32GetDatum(b->year), Int16GetDatum(b->kommunenr), 0, 0};
	int64		persons,
				minors,
				needs;

	if (s->kind == CAP_STEP_MOVE)
	{
		v[3] = Int32GetDatum(s->to->year);
		v[4] = Int16GetDatum(s->to->kommunenr);
	}
	cap_run(s->kind == CAP_STEP_MOVE ? cap_plan.tally_move :
			s->kind == CAP_STEP_BOOK ? cap_plan.tally_book : cap_plan.tally_unbook,
			v, NULL, SPI_OK_UPDATE_RETURNING);
	if (SPI_processed != 1)
		cap_tally_failed(b->hh, s->kind == CAP_STEP_BOOK);
	cap_tally_counts(&persons, &minors, &needs);
	if (s->kind != CAP_STEP_BOOK)
		cap_household_deltas(l, b->hh, b->year, b->kommunenr, -1, persons, minors, needs);
	if (s->kind != CAP_STEP_RELEASE)
		cap_household_deltas(l, s->to->hh, s->to->year, s->to->kommunenr, +1, persons, minors, needs);
}

PG_FUNCTION_INFO_V1(capacity_settlement_trigger);
Datum
capacity_settlement_trigger(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_SETTLEMENT};
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_settlement_trigger", on, 1, NULL);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	cap_booking o,
				n;
	cap_step	steps[2];
	int			nsteps,
				i;
	delta_list	l = {0};
	cap_user	saved;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	o = read_booking(oldt, desc);
	n = read_booking(newt, desc);
	nsteps = cap_booking_steps(&o, &n, steps);
	if (nsteps == 0)
		return PointerGetDatum(NULL);

	cap_spi_begin(&saved, counters, lengthof(counters));
	for (i = 0; i < nsteps; i++)
		booking_step(&l, &steps[i]);
	cap_apply_deltas(&l);
	cap_spi_end(&saved);
	return PointerGetDatum(NULL);
}

/* ---------- person and household_need ---------- */

/*
 * Lock and update the tally rows of up to two households (in household_id
 * order); add their deltas at the place each is booked.
 */
static void
apply_household_changes(const cap_hh_change *c, int nc)
{
	delta_list	l = {0};
	cap_user	saved;
	int			i;

	cap_spi_begin(&saved, counters, lengthof(counters));
	for (i = 0; i < nc; i++)
	{
		Datum		v[4] = {Int64GetDatum(c[i].hh), Int32GetDatum((int32) c[i].dpersons),
		Int32GetDatum((int32) c[i].dminors), Int32GetDatum((int32) c[i].dneeds)};
		bool		isnull;
		int32		year;
		int16		knr;

		cap_run(cap_plan.tally_add, v, NULL, SPI_OK_UPDATE_RETURNING);
		if (SPI_processed != 1)
			cap_tally_missing(c[i].hh);
		year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (isnull)
			continue;			/* not booked: nothing to check */
		knr = DatumGetInt16(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		cap_delta_add(&l, year, knr, CAP_DIM_PERSONS, c[i].dpersons, false);
		cap_delta_add(&l, year, knr, CAP_DIM_MINORS, c[i].dminors, false);
		if (c[i].dim != NULL)
			cap_delta_add(&l, year, knr, c[i].dim, c[i].damount, false);
	}
	cap_apply_deltas(&l);
	cap_spi_end(&saved);
}

PG_FUNCTION_INFO_V1(capacity_person_trigger);
Datum
capacity_person_trigger(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_PERSON};
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_person_trigger", on, 1, NULL);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	cap_hh_change c[2];
	int64		ohh = 0,
				nhh = 0;
	bool		oin = false,
				nin = false,
				om = false,
				nm = false;
	int			nc;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	if (oldt)
	{
		oin = cap_get_int(oldt, desc, "household_id", &ohh);
		om = cap_get_bool(oldt, desc, "unaccompanied_minor");
	}
	if (newt)
	{
		nin = cap_get_int(newt, desc, "household_id", &nhh);
		nm = cap_get_bool(newt, desc, "unaccompanied_minor");
	}
	nc = cap_person_changes(oin, ohh, om, nin, nhh, nm, c);
	if (nc > 0)
		apply_household_changes(c, nc);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(capacity_need_trigger);
Datum
capacity_need_trigger(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_NEED};
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_need_trigger", on, 1, NULL);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	cap_hh_change c[2];
	int64		ohh = 0,
				nhh = 0,
				oamount = 0,
				namount = 0;
	bool		oin = false,
				nin = false;
	char	   *odim = NULL,
			   *ndim = NULL;
	int			nc;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	if (oldt)
	{
		oin = cap_get_int(oldt, desc, "household_id", &ohh);
		odim = cap_get_text(oldt, desc, "dimension");
		if (!cap_get_int(oldt, desc, "amount", &oamount))
			oamount = 0;
	}
	if (newt)
	{
		nin = cap_get_int(newt, desc, "household_id", &nhh);
		ndim = cap_get_text(newt, desc, "dimension");
		if (!cap_get_int(newt, desc, "amount", &namount))
			namount = 0;
		if (ndim == NULL || cap_dimension_reserved(ndim))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("household_need cannot name dimension \"%s\"", ndim ? ndim : "NULL"),
					 errdetail("\"persons\" and \"unaccompanied_minors\" are counted from the person rows.")));
		if (namount < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("household_need amount %lld of \"%s\" is negative", (long long) namount, ndim)));
	}
	nc = cap_need_changes(oin, ohh, odim, oamount, nin, nhh, ndim, namount, c);
	if (nc > 0)
		apply_household_changes(c, nc);
	return PointerGetDatum(NULL);
}

/* ---------- household ---------- */

PG_FUNCTION_INFO_V1(capacity_household_trigger);
Datum
capacity_household_trigger(PG_FUNCTION_ARGS)
{
	static const cap_rel on[] = {CAP_REL_HOUSEHOLD};
	static const cap_rel writes[] = {CAP_REL_TALLY};
	TriggerData *td = cap_trigger_data(fcinfo, "capacity_household_trigger", on, 1, NULL);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	oldt,
				newt;
	int64		ohh = 0,
				nhh = 0;
	bool		oin = false,
				nin = false;
	cap_user	saved;

	if (!cap_trigger_rows(td, &oldt, &newt))
		return PointerGetDatum(NULL);
	if (oldt)
		oin = cap_get_int(oldt, desc, "household_id", &ohh);
	if (newt)
		nin = cap_get_int(newt, desc, "household_id", &nhh);
	if (oin && nin && ohh == nhh)
		return PointerGetDatum(NULL);

	cap_spi_begin(&saved, writes, lengthof(writes));
	if (oin && nin)
	{
		Datum		v[2] = {Int64GetDatum(ohh), Int64GetDatum(nhh)};

		cap_run(cap_plan.tally_rename, v, NULL, SPI_OK_UPDATE);
		if (SPI_processed == 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot change household_id %lld of a household with persons, needs or a booking",
							(long long) ohh),
					 errhint("Create a new household and move the persons, needs and settlement to it.")));
	}
	else if (nin)
	{
		Datum		v[1] = {Int64GetDatum(nhh)};

		cap_run(cap_plan.tally_create, v, NULL, SPI_OK_INSERT);
	}
	else if (oin)
	{
		Datum		v[1] = {Int64GetDatum(ohh)};

		cap_run(cap_plan.tally_delete, v, NULL, SPI_OK_DELETE);
	}
	cap_spi_end(&saved);
	return PointerGetDatum(NULL);
}
