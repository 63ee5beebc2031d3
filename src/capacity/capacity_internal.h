/*
 * capacity_internal.h: what the files of src/capacity share.
 *
 *   capacity_ext.c       the extension's own tables and type, found through
 *                        the extension (by OID), and the switch to its owner
 *   capacity_plans.c     the saved SPI plans and the one way to run them
 *   capacity_rows.c      reading the trigger's rows
 *   capacity_deltas.c    applying deltas to the counters, and the errors
 *   capacity_triggers.c  settlement, person, household_need and household
 *   capacity_limits.c    decision and capacity: the limits
 *   capacity_rebuild.c   capacity_rebuild() and the TRUNCATE trigger
 *   capacity_guard.c     the counter guard and the DDL event trigger
 *   history_trigger.c    settlement_history
 */
#ifndef BOSETTING_CAPACITY_INTERNAL_H
#define BOSETTING_CAPACITY_INTERNAL_H

#include "postgres.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"

#include "core/capacity.h"

#define CAP_SCHEMA "bosetting"

/* ---- capacity_ext.c ---- */

typedef enum cap_rel
{
	CAP_REL_SETTLEMENT,
	CAP_REL_PERSON,
	CAP_REL_NEED,
	CAP_REL_HOUSEHOLD,
	CAP_REL_DECISION,
	CAP_REL_CAPACITY,
	CAP_REL_BOOKED,
	CAP_REL_TALLY,
	CAP_REL_HISTORY,
	CAP_NREL
} cap_rel;

extern Oid	cap_rel_oid(cap_rel r);
extern Oid	cap_knr_type(void);
extern Oid	cap_extension_oid(void);

/* Whether a trigger is the extension's own (its function, no WHEN clause). */
extern bool cap_own_trigger(const Trigger *t);

/*
 * The trigger data of a C trigger function, after checking that it fires on
 * one of the `n` extension tables `allowed` (by OID); *which gets the one.
 */
extern TriggerData *cap_trigger_data(FunctionCallInfo fcinfo, const char *fname,
									 const cap_rel *allowed, int n, cap_rel *which);

/*
 * Run as the extension's owner inside a security-restricted operation (as
 * PostgreSQL's foreign-key triggers do), after checking that the tables to
 * be written carry no trigger or rule but the extension's own.
 */
typedef struct cap_user
{
	Oid			userid;
	int			sec_context;
} cap_user;

extern void cap_check_writable(const cap_rel *writes, int n);
extern void cap_become_owner(cap_user *saved, const cap_rel *writes, int n);
extern void cap_restore_user(const cap_user *saved);

/* ---- capacity_plans.c ---- */

typedef struct cap_plans
{
	Oid			knr;			/* the kommunenr type the plans were made for */
	SPIPlanPtr	tally_add;		/* (hh, dpersons, dminors, dneeds) -> year, knr */
	SPIPlanPtr	tally_book;		/* (hh, year, knr) -> persons, minors, needs */
	SPIPlanPtr	tally_unbook;	/* (hh, year, knr) -> persons, minors, needs */
	SPIPlanPtr	tally_move;		/* (hh, y0, k0, y1, k1) -> persons, minors, needs */
	SPIPlanPtr	tally_get;		/* (hh) -> year, knr */
	SPIPlanPtr	tally_create;	/* (hh) */
	SPIPlanPtr	tally_delete;	/* (hh) */
	SPIPlanPtr	tally_rename;	/* (old, new) */
	SPIPlanPtr	needs;			/* (hh) -> dimension, amount */
	SPIPlanPtr	counter_add;	/* (year, knr, dim, n) */
	SPIPlanPtr	counter_sub;	/* (year, knr, dim, n) */
	SPIPlanPtr	counter_get;	/* (year, knr, dim) -> decided, booked */
	SPIPlanPtr	limit_insert;	/* (year, knr, dim, decided) */
	SPIPlanPtr	limit_set;		/* (year, knr, dim, decided) */
	SPIPlanPtr	limit_drop;		/* (year, knr, dim) */
	SPIPlanPtr	has_decision;	/* (year, knr) -> 1 if a decision row exists */
	SPIPlanPtr	has_capacity;	/* (year, knr, dim) -> 1 if a capacity row exists */
	SPIPlanPtr	has_bookings;	/* (year, knr) -> 1 if a settlement books there */
} cap_plans;

extern cap_plans cap_plan;

/* Non-zero while this module itself writes a guarded table. */
extern int	cap_internal_writes;

/* SPI_connect, switch to the owner, prepare the plans; and back. */
extern void cap_spi_begin(cap_user *saved, const cap_rel *writes, int n);
extern void cap_spi_end(const cap_user *saved);
extern SPIPlanPtr cap_prepare(const char *sql, int nargs, Oid *types);
extern void cap_run(SPIPlanPtr plan, Datum *values, const char *nulls, int expect);
extern bool cap_exists(SPIPlanPtr plan, Datum *values);

/* ---- capacity_rows.c ---- */

extern bool cap_restoring(void);
extern bool cap_trigger_rows(TriggerData *td, HeapTuple *oldt, HeapTuple *newt);
extern bool cap_get_int(HeapTuple tup, TupleDesc desc, const char *name, int64 *out);
extern char *cap_get_text(HeapTuple tup, TupleDesc desc, const char *name);
extern bool cap_get_bool(HeapTuple tup, TupleDesc desc, const char *name);
extern const char *cap_knr_text(int16 knr);

/* ---- capacity_deltas.c ---- */

typedef struct delta_list
{
	cap_delta  *d;
	int			n;
	int			size;
} delta_list;

extern void cap_delta_add(delta_list *l, int32 year, int16 knr, const char *dim,
						  int64 amount, bool required);
extern void cap_apply_deltas(delta_list *l);
extern bool cap_counter_get(const cap_delta *d, bool *has_limit, int64 *limit, int64 *booked);
extern void cap_household_deltas(delta_list *l, int64 hh, int32 year, int16 knr, int sign,
								 int64 persons, int64 minors, int64 needs);
extern void cap_tally_counts(int64 *persons, int64 *minors, int64 *needs);
extern void cap_tally_missing(int64 hh) pg_attribute_noreturn();
extern void cap_tally_failed(int64 hh, bool booking) pg_attribute_noreturn();
extern void cap_not_built(const char *what) pg_attribute_noreturn();

/* ---- capacity_rebuild.c ---- */

extern int64 cap_rebuild(bool from_truncate);

#endif
