/*
 * assign_side.c: the balance (fairness) side constraints of solve_assignment,
 * option "constraints": a JSON array of objects, each
 *   {"items": [1-based items], "bins": [1-based bins, default all],
 *    and exactly one of
 *    "max_per_bin": N   at most N of the items in each of the bins,
 *    "min": N           at least N of the items in the bins together,
 *    "min_share": s     at least ceil(s × number of items) of them;
 *    optional "name": a label echoed in the report}.
 * Upper limits become capacity dimensions (a 0/1 demand); lower limits are
 * met by repair (src/core/assign_lower.c) and reported when they are not.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "core/assign.h"
#include "match.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

/* a bound on the constraints (each costs n + m bytes in the repair) */
#define SIDE_MAX 64

typedef struct side_con
{
	int			upper;			/* 1: max_per_bin, 0: min */
	int			limit;
	int			nitems, nbins;
	int		   *items, *bins;	/* 0-based */
	char	   *name;			/* the caller's label, echoed in the report */
} side_con;

struct side_set
{
	int			ncon, nupper;
	side_con	con[SIDE_MAX];
	int			shortfall[SIDE_MAX];
};

static void
bad(int c, const char *key, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("option \"constraints\"[%d]%s%s %s", c + 1, *key ? "." : "", key, what),
			 errhint("Each constraint is {\"items\": [...], \"bins\": [...], and one of \"max_per_bin\", \"min\" or \"min_share\"}.")));
}

static double
num(JsonbValue *v, int c, const char *key)
{
	if (v->type != jbvNumeric)
		bad(c, key, "must be a number");
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(v->val.numeric)));
}

/* A JSON array of distinct integers 1..limit, returned 0-based. */
static int *
index_list(JsonbValue *v, int c, const char *key, int limit, int *count)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int		   *out, k = 0;
	char	   *seen;

	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		JsonContainerIsScalar(v->val.binary.data))
		bad(c, key, "must be an array of numbers");
	out = palloc(sizeof(int) * Max(JsonContainerSize(v->val.binary.data), 1));
	seen = palloc0(Max(limit, 1));
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		double		d;

		if (tok != WJB_ELEM)
			continue;
		d = num(&e, c, key);
		if (d != floor(d) || d < 1 || d > limit)
			bad(c, key, psprintf("contains %g, not an index from 1 to %d", d, limit));
		if (seen[(int) d - 1])
			bad(c, key, psprintf("contains %g twice", d));
		seen[(int) d - 1] = 1;
		out[k++] = (int) d - 1;
	}
	pfree(seen);
	*count = k;
	return out;
}

static void
parse_one(JsonbContainer *obj, int c, int n, int m, side_con *sc)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;
	int			kinds = 0, have_items = 0, have_bins = 0;
	double		share = -1;

	memset(sc, 0, sizeof(*sc));
	it = JsonbIteratorInit(obj);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok != WJB_VALUE)
			continue;
		else if (strcmp(key, "items") == 0)
		{
			sc->items = index_list(&v, c, key, n, &sc->nitems);
			have_items = 1;
		}
		else if (strcmp(key, "bins") == 0)
		{
			sc->bins = index_list(&v, c, key, m, &sc->nbins);
			have_bins = 1;
		}
		else if (strcmp(key, "max_per_bin") == 0 || strcmp(key, "min") == 0)
		{
			double		d = num(&v, c, key);

			if (d != floor(d) || d < 0 || d > INT_MAX)
				bad(c, key, psprintf("must be a non-negative integer, not %g", d));
			sc->upper = key[1] == 'a';
			sc->limit = (int) d;
			kinds++;
		}
		else if (strcmp(key, "name") == 0)
		{
			if (v.type != jbvString)
				bad(c, key, "must be a string");
			sc->name = pnstrdup(v.val.string.val, v.val.string.len);
		}
		else if (strcmp(key, "min_share") == 0)
		{
			share = num(&v, c, key);
			if (!(share >= 0 && share <= 1))
				bad(c, key, psprintf("must be a share from 0 to 1, not %g", share));
			kinds++;
		}
		else
			bad(c, psprintf("\"%s\"", key), "is not a known key (items, bins, max_per_bin, min, min_share, name)");
	}
	if (!have_items)
		bad(c, "items", "is missing");
	if (kinds != 1)
		bad(c, "max_per_bin/min/min_share", psprintf("must be given exactly once, not %d times", kinds));
	if (!have_bins)
	{
		int			j;

		sc->bins = palloc(sizeof(int) * Max(m, 1));
		for (j = 0; j < m; j++)
			sc->bins[j] = j;
		sc->nbins = m;
	}
	if (share >= 0)
		sc->limit = (int) ceil(share * sc->nitems - 1e-9);
	if (!sc->upper && sc->limit > sc->nitems)
		bad(c, "min", psprintf("is %d but only %d items are listed", sc->limit, sc->nitems));
}

side_set *
side_parse(JsonbContainer *arr, int n, int m)
{
	side_set   *s = palloc0(sizeof(side_set));
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	it = JsonbIteratorInit(arr);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (s->ncon >= SIDE_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("option \"constraints\" has more than %d constraints", SIDE_MAX)));
		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			bad(s->ncon, "", "must be a JSON object");
		parse_one(v.val.binary.data, s->ncon, n, m, &s->con[s->ncon]);
		s->nupper += s->con[s->ncon].upper;
		s->ncon++;
	}
	return s;
}

/*
 * The problem with one more dimension per upper limit: demand 1 for its
 * items, capacity its limit in its bins (elsewhere n: no limit).
 */
int
side_extend(side_set *s, int n, int m, int D, const int32 *dem, const int32 *cap,
			int32 **dem_out, int32 **cap_out)
{
	int			D2 = D + s->nupper, c, i, j, k, u = D;
	int32	   *d2, *c2;

	if (D2 > ASSIGN_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d capacity dimensions and %d max_per_bin constraints are more than the %d dimensions supported",
						D, s->nupper, ASSIGN_MAX_DIMS)));
	d2 = palloc0(sizeof(int32) * Max((size_t) n * D2, 1));
	c2 = palloc0(sizeof(int32) * Max((size_t) m * D2, 1));
	for (i = 0; i < n; i++)
		for (k = 0; k < D; k++)
			d2[(size_t) i * D2 + k] = dem[(size_t) i * D + k];
	for (j = 0; j < m; j++)
	{
		for (k = 0; k < D; k++)
			c2[(size_t) j * D2 + k] = cap[(size_t) j * D + k];
		for (k = D; k < D2; k++)
			c2[(size_t) j * D2 + k] = n;
	}
	for (c = 0; c < s->ncon; c++)
	{
		side_con   *sc = &s->con[c];

		if (!sc->upper)
			continue;
		for (i = 0; i < sc->nitems; i++)
			d2[(size_t) sc->items[i] * D2 + u] = 1;
		for (j = 0; j < sc->nbins; j++)
			c2[(size_t) sc->bins[j] * D2 + u] = sc->limit;
		u++;
	}
	*dem_out = d2;
	*cap_out = c2;
	return D2;
}

/* Repair towards the lower limits; ERROR on out of memory. */
void
side_repair(side_set *s, const assign_problem *p, const assign_env *env, int *bins)
{
	assign_lower lo[SIDE_MAX];
	int			idx[SIDE_MAX], sf[SIDE_MAX], c, nlo = 0;

	for (c = 0; c < s->ncon; c++)
		if (!s->con[c].upper)
		{
			lo[nlo].nitems = s->con[c].nitems;
			lo[nlo].items = s->con[c].items;
			lo[nlo].nbins = s->con[c].nbins;
			lo[nlo].bins = s->con[c].bins;
			lo[nlo].min = s->con[c].limit;
			idx[nlo++] = c;
		}
	if (nlo == 0)
		return;
	if (assign_repair_lower(p, lo, nlo, env, bins, sf) != ASSIGN_OK)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in solve_assignment")));
	for (c = 0; c < nlo; c++)
		s->shortfall[idx[c]] = sf[c];
}

/* max_per_bin: the largest count in one of its bins; min: the count in its bins */
static int
measure(const side_con *sc, int m, const int *bins)
{
	int		   *per = palloc0(sizeof(int) * Max(m, 1));
	char	   *in = palloc0(Max(m, 1));
	int			x, best = 0, total = 0;

	for (x = 0; x < sc->nbins; x++)
		in[sc->bins[x]] = 1;
	for (x = 0; x < sc->nitems; x++)
	{
		int			j = bins[sc->items[x]];

		if (j >= 0 && in[j])
		{
			total++;
			if (++per[j] > best)
				best = per[j];
		}
	}
	pfree(per);
	pfree(in);
	return sc->upper ? best : total;
}

/*
 * The jsonb text of the report: objective with and without the constraints
 * and per constraint its limit, the value reached with and without, whether
 * it binds (the solution without it violates it) and its shortfall.  A
 * WARNING names each lower limit that was not met.
 */
char *
side_report(side_set *s, int m, const int *bins, const int *free_bins,
			double objective, double free_objective)
{
	StringInfoData b;
	int			c;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"objective\": %.17g, \"objective_unconstrained\": %.17g, "
					 "\"price_of_fairness\": %.17g, \"constraints\": [",
					 objective, free_objective, free_objective - objective);
	for (c = 0; c < s->ncon; c++)
	{
		side_con   *sc = &s->con[c];
		int			got = measure(sc, m, bins),
					was = measure(sc, m, free_bins);
		bool		binds = sc->upper ? was > sc->limit : was < sc->limit;

		appendStringInfo(&b, "%s{", c ? ", " : "");
		if (sc->name)
		{
			appendStringInfoString(&b, "\"name\": ");
			escape_json(&b, sc->name);
			appendStringInfoString(&b, ", ");
		}
		appendStringInfo(&b, "\"constraint\": %d, \"type\": \"%s\", \"limit\": %d, "
						 "\"value\": %d, \"value_unconstrained\": %d, \"binding\": %s, \"shortfall\": %d}",
						 c + 1, sc->upper ? "max_per_bin" : "min",
						 sc->limit, got, was, binds ? "true" : "false", s->shortfall[c]);
		if (s->shortfall[c] > 0)
			ereport(WARNING,
					(errmsg("balance constraint %d%s%s%s not met: at least %d of its %d items in its %d bins, but %d placed there (%d short)",
							c + 1, sc->name ? " (" : "", sc->name ? sc->name : "", sc->name ? ")" : "", sc->limit, sc->nitems, sc->nbins, got, s->shortfall[c]),
					 errhint("Forbidden pairs, capacities or other constraints leave no room; last_assignment_stats().constraints has the details.")));
	}
	appendStringInfoString(&b, "]}");
	return b.data;
}
